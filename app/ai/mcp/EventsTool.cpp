#include "ai/mcp/EventsTool.h"

#include "ai/mcp/McpClusterCall.h"
#include "ai/mcp/ToolSchema.h"
#include "core/Clock.h"
#include "kube/ApiResource.h"
#include "kube/EventSummary.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"

#include <QJsonArray>
#include <QUrlQuery>

#include <algorithm>

namespace quayside::mcp {

namespace {

QJsonValue timeOrNull(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonObject toJson(const kube::EventSummary& e, const QDateTime& now)
{
    QJsonObject object { { QStringLiteral("type"), e.type },
                         { QStringLiteral("reason"), e.reason },
                         { QStringLiteral("object"), QString(e.involvedKind + QLatin1Char('/') + e.involvedName) },
                         { QStringLiteral("message"), e.message },
                         { QStringLiteral("count"), e.count },
                         { QStringLiteral("firstSeen"), timeOrNull(e.firstTime) },
                         { QStringLiteral("lastSeen"), timeOrNull(e.time) },
                         { QStringLiteral("age_seconds"), QJsonValue(std::max<qint64>(0, e.ageSeconds(now))) },
                         { QStringLiteral("source"), e.sourceComponent } };
    const QString container = e.containerName();
    if (!container.isEmpty())
        object.insert(QStringLiteral("container"), container);
    return object;
}

class EventsCall final : public McpClusterCall
{
public:
    using McpClusterCall::McpClusterCall;

private:
    void run(kube::KubeClient* client, const QString& nameSpace) override
    {
        const QString name = argument(QLatin1String("name")).toString();
        QUrlQuery query;
        if (!name.isEmpty())
            query.addQueryItem(QStringLiteral("fieldSelector"), QStringLiteral("involvedObject.name=") + name);
        await(client->get(kube::ApiResource::events().path(nameSpace), query),
              QStringLiteral("Could not list the events of namespace %1").arg(nameSpace),
              [this, nameSpace, name](const kube::KubeReply& reply) {
                  QList<kube::EventSummary> events;
                  for (const QJsonValue& item : reply.json().value(QLatin1String("items")).toArray())
                      events.append(kube::EventSummary::fromJson(item.toObject()));
                  // Newest first; events without any time last.
                  std::stable_sort(events.begin(), events.end(),
                                   [](const kube::EventSummary& a, const kube::EventSummary& b) {
                                       if (a.time.isValid() != b.time.isValid())
                                           return a.time.isValid();
                                       return a.time > b.time;
                                   });
                  const QDateTime now = Clock::instance().now();
                  QJsonArray list;
                  for (qsizetype i = 0; i < events.size() && i < EventsTool::kMaxEvents; ++i)
                      list.append(toJson(events.at(i), now));
                  QJsonObject document { { QStringLiteral("namespace"), nameSpace },
                                         { QStringLiteral("events"), list },
                                         { QStringLiteral("total"), static_cast<qint64>(events.size()) },
                                         { QStringLiteral("truncated"), events.size() > EventsTool::kMaxEvents } };
                  if (!name.isEmpty())
                      document.insert(QStringLiteral("name"), name);
                  complete(McpToolResult::fromJson(document));
              });
    }
};

} // namespace

QString EventsTool::title() const
{
    return QStringLiteral("Recent events");
}

QString EventsTool::description() const
{
    return QStringLiteral("The namespace's recent Kubernetes events, newest first (at most %1): type (Normal or "
                          "Warning), reason (BackOff, FailedScheduling, Unhealthy...), the object, the message, how "
                          "often and when it was seen. name: only the events about the object of that name (a pod, "
                          "a Deployment, a ReplicaSet...).")
        .arg(kMaxEvents);
}

QJsonObject EventsTool::inputSchema() const
{
    return ToolSchema::object(
        { { QStringLiteral("namespace"), ToolSchema::nameSpace() },
          { QStringLiteral("name"),
            ToolSchema::objectName(QStringLiteral("Only events about the object with exactly this name.")) } });
}

McpToolCall* EventsTool::call(const QJsonObject& arguments)
{
    return new EventsCall(cluster(), arguments);
}

} // namespace quayside::mcp
