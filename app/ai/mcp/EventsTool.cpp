#include "ai/mcp/EventsTool.h"

#include "ai/mcp/McpCluster.h"
#include "ai/mcp/McpToolCall.h"
#include "ai/mcp/ToolSchema.h"
#include "core/Clock.h"
#include "kube/ApiResource.h"
#include "kube/EventSummary.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"

#include <QJsonArray>
#include <QPointer>
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

class EventsCall final : public McpToolCall
{
public:
    EventsCall(McpCluster* cluster, QJsonObject arguments)
        : m_cluster(cluster)
        , m_arguments(std::move(arguments))
    { }

    ~EventsCall() override
    {
        if (m_reply)
            m_reply->abort();
    }

    void start() override
    {
        QString error;
        kube::KubeClient* client = m_cluster->client(&error);
        if (!client)
            return complete(McpToolResult::failure(QStringLiteral("Cannot connect to the cluster: %1").arg(error)));
        const QString nameSpace = m_cluster->nameSpace(m_arguments);
        const QString name = m_arguments.value(QLatin1String("name")).toString();
        QUrlQuery query;
        if (!name.isEmpty())
            query.addQueryItem(QStringLiteral("fieldSelector"), QStringLiteral("involvedObject.name=") + name);
        m_reply = client->get(kube::ApiResource::events().path(nameSpace), query);
        connect(m_reply, &kube::KubeReply::finished, this, [this, nameSpace, name] {
            kube::KubeReply* reply = m_reply;
            m_reply = nullptr;
            if (!reply->ok())
                return complete(McpToolResult::failure(QStringLiteral("Could not list the events of namespace %1: %2")
                                                           .arg(nameSpace, reply->error().message())));
            QList<kube::EventSummary> events;
            for (const QJsonValue& item : reply->json().value(QLatin1String("items")).toArray())
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

private:
    McpCluster* m_cluster;
    QJsonObject m_arguments;
    QPointer<kube::KubeReply> m_reply;
};

} // namespace

EventsTool::EventsTool(McpCluster* cluster)
    : m_cluster(cluster)
{ }

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
    return new EventsCall(m_cluster, arguments);
}

} // namespace quayside::mcp
