#include "ai/mcp/LogsTool.h"

#include "ai/mcp/McpClusterCall.h"
#include "ai/mcp/ToolSchema.h"
#include "kube/LogFollower.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QStringList>

#include <deque>

namespace quayside::mcp {

namespace {

QStringList sorted(const QSet<QString>& set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

class LogsCall final : public McpClusterCall
{
public:
    using McpClusterCall::McpClusterCall;

private:
    void run(kube::KubeClient* client, const QString& nameSpace) override
    {
        m_nameSpace = nameSpace;
        kube::LogFollower::Target target;
        target.pod = argument(QLatin1String("pod")).toString();
        target.deployment = argument(QLatin1String("deployment")).toString();
        m_what = target.pod.isEmpty() ? QStringLiteral("deployment/") + target.deployment
                                      : QStringLiteral("pod/") + target.pod;
        kube::LogOptions options;
        options.container = argument(QLatin1String("container")).toString();
        options.tailLines = argument(QLatin1String("tailLines")).toInteger(LogsTool::kDefaultLines);
        options.previous = argument(QLatin1String("previous")).toBool(false);
        options.limitBytes = LogsTool::kMaxBytes;
        m_follower = new kube::LogFollower(client, m_nameSpace, target, options, this);
        connect(m_follower, &kube::LogFollower::readyRead, this, [this] { drain(); });
        connect(m_follower, &kube::LogFollower::warning, this, [this](const QString& message) {
            if (m_notes.size() < 20)
                m_notes.append(message);
        });
        connect(m_follower, &kube::LogFollower::finished, this, [this] { done(); });
        m_follower->start();
    }

    void drain()
    {
        const bool tagged = m_follower->isMultiStream();
        for (const kube::LogLine& line : m_follower->read()) {
            QString text = QString::fromUtf8(line.text);
            if (tagged)
                text = QStringLiteral("[%1/%2] %3").arg(line.pod, line.container, text);
            const qint64 size = line.text.size() + 1;
            qint64& streamBytes = m_streamBytes[line.pod + QLatin1Char('/') + line.container];
            streamBytes += size;
            if (streamBytes >= LogsTool::kMaxBytes)
                m_streamsAtLimit.insert(line.pod + QLatin1Char('/') + line.container);
            m_bytes += text.toUtf8().size() + 1;
            m_lines.push_back(std::move(text));
            while (m_bytes > LogsTool::kMaxBytes && !m_lines.empty()) {
                m_bytes -= m_lines.front().toUtf8().size() + 1;
                m_lines.pop_front();
                ++m_dropped;
            }
        }
    }

    void done()
    {
        drain();
        const kube::KubeError& error = m_follower->error();
        if (error.isError())
            return fail(QStringLiteral("Could not read the logs of %1 in namespace %2").arg(m_what, m_nameSpace),
                        error.message());
        QStringList notes = m_notes;
        const bool cut = m_dropped > 0 || !m_streamsAtLimit.isEmpty();
        if (m_dropped > 0)
            notes.append(QStringLiteral("Only the newest %1 KiB are shown: %2 older lines were left out.")
                             .arg(LogsTool::kMaxBytes / 1024)
                             .arg(m_dropped));
        if (!m_streamsAtLimit.isEmpty())
            notes.append(QStringLiteral("The log of %1 was cut at %2 KiB by the API server, which keeps the oldest of "
                                        "the requested lines: ask for fewer tailLines to see the newest ones.")
                             .arg(sorted(m_streamsAtLimit).join(QStringLiteral(", ")))
                             .arg(LogsTool::kMaxBytes / 1024));
        QStringList text;
        for (const QString& note : std::as_const(notes))
            text.append(QStringLiteral("[quayside] ") + note);
        if (m_lines.empty())
            text.append(QStringLiteral("[quayside] %1 has no log lines%2.")
                            .arg(m_what,
                                 argument(QLatin1String("previous")).toBool() ? QStringLiteral(" from its previous run")
                                                                              : QString()));
        QJsonArray lines;
        for (const QString& line : m_lines) {
            text.append(line);
            lines.append(line);
        }
        McpToolResult result;
        result.text = text.join(QLatin1Char('\n'));
        result.structured = QJsonObject { { QStringLiteral("namespace"), m_nameSpace },
                                          { QStringLiteral("target"), m_what },
                                          { QStringLiteral("lines"), lines },
                                          { QStringLiteral("truncated"), cut },
                                          { QStringLiteral("notes"), QJsonArray::fromStringList(notes) } };
        complete(result);
    }

    QString m_nameSpace;
    QString m_what;
    kube::LogFollower* m_follower = nullptr; // a child: deleting the call stops its streams
    std::deque<QString> m_lines;
    qint64 m_bytes = 0;
    qint64 m_dropped = 0;
    QHash<QString, qint64> m_streamBytes;
    QSet<QString> m_streamsAtLimit;
    QStringList m_notes;
};

} // namespace

QString LogsTool::title() const
{
    return QStringLiteral("Container logs");
}

QString LogsTool::description() const
{
    return QStringLiteral(
               "The last lines of a pod's log, or of every pod of a Deployment (each line tagged [pod/container]). "
               "Give pod or deployment. previous: the log of the container's previous, crashed run (what a "
               "crash-looping container printed before it died). At most %1 lines and %2 KiB; lines starting with "
               "[quayside] are notes from Quayside (what was cut).")
        .arg(kMaxLines)
        .arg(kMaxBytes / 1024);
}

QJsonObject LogsTool::inputSchema() const
{
    return ToolSchema::object({
        { QStringLiteral("pod"), ToolSchema::objectName(QStringLiteral("The pod whose log to read.")) },
        { QStringLiteral("deployment"),
          ToolSchema::objectName(QStringLiteral("A Deployment: the logs of all its pods.")) },
        { QStringLiteral("container"),
          ToolSchema::label(QStringLiteral("The container (default: the pod's only or default container).")) },
        { QStringLiteral("tailLines"),
          ToolSchema::integer(QStringLiteral("How many of the last lines (per container)."), 1, kMaxLines,
                              kDefaultLines) },
        { QStringLiteral("previous"),
          ToolSchema::boolean(QStringLiteral("The previous, terminated run of the container."), false) },
        { QStringLiteral("namespace"), ToolSchema::nameSpace() },
    });
}

QString LogsTool::checkArguments(const QJsonObject& arguments) const
{
    const bool pod = arguments.contains(QLatin1String("pod"));
    const bool deployment = arguments.contains(QLatin1String("deployment"));
    if (pod == deployment)
        return pod ? QStringLiteral("give either argument \"pod\" or argument \"deployment\", not both")
                   : QStringLiteral("missing argument \"pod\" or \"deployment\": which log to read");
    return {};
}

McpToolCall* LogsTool::call(const QJsonObject& arguments)
{
    return new LogsCall(cluster(), arguments);
}

} // namespace quayside::mcp
