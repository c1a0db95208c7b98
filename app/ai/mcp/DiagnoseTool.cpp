#include "ai/mcp/DiagnoseTool.h"

#include "ai/mcp/McpCluster.h"
#include "ai/mcp/McpClusterCall.h"
#include "ai/mcp/ToolSchema.h"
#include "core/Clock.h"
#include "diagnosis/DiagnosisReport.h"
#include "diagnosis/SnapshotLoader.h"
#include "session/KubeSession.h"

#include <QRegularExpression>

namespace quayside::mcp {

namespace {

class DiagnoseCall final : public McpClusterCall
{
public:
    using McpClusterCall::McpClusterCall;

private:
    void run(kube::KubeClient* client, const QString& nameSpace) override
    {
        const QString target = argument(QLatin1String("target")).toString();
        QString error;
        if (!target.isEmpty())
            KubeSession::parseTarget(target, &m_kind, &m_name, &error); // checked in checkArguments()
        m_loader = new diagnosis::SnapshotLoader(client, this);
        connect(
            m_loader, &diagnosis::SnapshotLoader::finished, this, [this, nameSpace](bool ok, const QString& message) {
                if (!ok)
                    return fail(QStringLiteral("Could not read namespace %1 to diagnose it").arg(nameSpace), message);
                const diagnosis::ObjectCache& cache = m_loader->cache();
                const QString missing = diagnosis::DiagnosisReport::missingTarget(cache, m_kind, m_name);
                if (!missing.isEmpty())
                    return complete(McpToolResult::failure(missing[0].toUpper() + missing.mid(1) + QLatin1Char('.')));
                diagnosis::DiagnosisReport report = diagnosis::DiagnosisReport::build(
                    cache, cluster()->diagnosisContext(), Clock::instance().now(), m_kind, m_name);
                report.context = cluster()->contextName();
                complete(McpToolResult::fromJson(report.toJson()));
            });
        m_loader->load(nameSpace);
    }

    QString m_kind;
    QString m_name;
    diagnosis::SnapshotLoader* m_loader = nullptr; // a child: deleting the call aborts the load
};

} // namespace

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
    return new DiagnoseCall(cluster(), arguments);
}

} // namespace quayside::mcp
