#include "ai/mcp/DiagnoseTool.h"

#include "ai/mcp/McpCluster.h"
#include "ai/mcp/McpToolCall.h"
#include "ai/mcp/ToolSchema.h"
#include "core/Clock.h"
#include "diagnosis/DiagnosisReport.h"
#include "diagnosis/SnapshotLoader.h"
#include "session/KubeSession.h"

#include <QRegularExpression>

namespace quayside::mcp {

namespace {

class DiagnoseCall final : public McpToolCall
{
public:
    DiagnoseCall(McpCluster* cluster, QJsonObject arguments)
        : m_cluster(cluster)
        , m_arguments(std::move(arguments))
    { }

    void start() override
    {
        const QString target = m_arguments.value(QLatin1String("target")).toString();
        QString error;
        if (!target.isEmpty())
            KubeSession::parseTarget(target, &m_kind, &m_name, &error); // checked in checkArguments()
        kube::KubeClient* client = m_cluster->client(&error);
        if (!client)
            return complete(McpToolResult::failure(QStringLiteral("Cannot connect to the cluster: %1").arg(error)));
        const QString nameSpace = m_cluster->nameSpace(m_arguments);
        m_loader = new diagnosis::SnapshotLoader(client, this);
        connect(
            m_loader, &diagnosis::SnapshotLoader::finished, this, [this, nameSpace](bool ok, const QString& message) {
                if (!ok)
                    return complete(McpToolResult::failure(
                        QStringLiteral("Could not read namespace %1 to diagnose it: %2").arg(nameSpace, message)));
                const diagnosis::ObjectCache& cache = m_loader->cache();
                const QString missing = diagnosis::DiagnosisReport::missingTarget(cache, m_kind, m_name);
                if (!missing.isEmpty())
                    return complete(McpToolResult::failure(missing[0].toUpper() + missing.mid(1) + QLatin1Char('.')));
                diagnosis::DiagnosisReport report = diagnosis::DiagnosisReport::build(
                    cache, m_cluster->diagnosisContext(), Clock::instance().now(), m_kind, m_name);
                report.context = m_cluster->contextName();
                complete(McpToolResult::fromJson(report.toJson()));
            });
        m_loader->load(nameSpace);
    }

private:
    McpCluster* m_cluster;
    QJsonObject m_arguments;
    QString m_kind;
    QString m_name;
    diagnosis::SnapshotLoader* m_loader = nullptr; // a child: deleting the call aborts the load
};

} // namespace

DiagnoseTool::DiagnoseTool(McpCluster* cluster)
    : m_cluster(cluster)
{ }

QString DiagnoseTool::title() const
{
    return QStringLiteral("Diagnose unhealthy workloads");
}

QString DiagnoseTool::description() const
{
    return QStringLiteral(
        "Why pods and Deployments are unhealthy, as Quayside's rules see it: each finding names the object, the "
        "rule (crash-loop, oom-killed, image-not-present, unschedulable, probe-failing, container-config-error, "
        "service-no-pods, rollout-stuck...), a summary, an explanation, the evidence (status fields, events, "
        "the previous run's log lines) and the actions that fix it with their exact commands. healthy is true "
        "when nothing needs attention. Start here when something is wrong. The same JSON as "
        "`quayside diagnose -o json`.");
}

QJsonObject DiagnoseTool::inputSchema() const
{
    return ToolSchema::object(
        { { QStringLiteral("target"),
            ToolSchema::string(QStringLiteral("deploy/NAME for one Deployment (and its pods), or a pod's name "
                                              "(default: the whole namespace)."),
                               300) },
          { QStringLiteral("namespace"), ToolSchema::nameSpace() } });
}

QString DiagnoseTool::checkArguments(const QJsonObject& arguments) const
{
    if (!arguments.contains(QLatin1String("target")))
        return {};
    QString kind;
    QString name;
    QString error;
    if (!KubeSession::parseTarget(arguments.value(QLatin1String("target")).toString(), &kind, &name, &error))
        return QStringLiteral("argument \"target\": %1").arg(error);
    static const QRegularExpression valid(ToolSchema::objectNamePattern());
    if (name.size() > 253 || !valid.match(name).hasMatch())
        return QStringLiteral("argument \"target\": \"%1\" is not a valid object name").arg(name);
    return {};
}

McpToolCall* DiagnoseTool::call(const QJsonObject& arguments)
{
    return new DiagnoseCall(m_cluster, arguments);
}

} // namespace quayside::mcp
