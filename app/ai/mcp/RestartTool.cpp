#include "ai/mcp/RestartTool.h"

#include "ai/mcp/McpClusterCall.h"
#include "ai/mcp/ToolSchema.h"
#include "kube/KubeOperations.h"
#include "kube/KubeReply.h"

namespace quayside::mcp {

namespace {

class RestartCall final : public McpClusterCall
{
public:
    using McpClusterCall::McpClusterCall;

private:
    void run(kube::KubeClient* client, const QString& nameSpace) override
    {
        const QString deployment = argument(QLatin1String("deployment")).toString();
        auto* operations = new kube::KubeOperations(client, this);
        await(operations->restart(nameSpace, deployment),
              QStringLiteral("Could not restart deployment %1 in namespace %2").arg(deployment, nameSpace),
              [this, nameSpace, deployment](const kube::KubeReply& reply) {
                  const QString restartedAt = reply.json()
                                                  .value(QLatin1String("spec"))
                                                  .toObject()
                                                  .value(QLatin1String("template"))
                                                  .toObject()
                                                  .value(QLatin1String("metadata"))
                                                  .toObject()
                                                  .value(QLatin1String("annotations"))
                                                  .toObject()
                                                  .value(QLatin1String("kubectl.kubernetes.io/restartedAt"))
                                                  .toString();
                  McpToolResult result;
                  result.text
                      = QStringLiteral("deployment.apps/%1 in namespace %2 restarted: its pods are being replaced one "
                                       "by one. The status tool shows the rollout.")
                            .arg(deployment, nameSpace);
                  result.structured = QJsonObject { { QStringLiteral("deployment"), deployment },
                                                    { QStringLiteral("namespace"), nameSpace },
                                                    { QStringLiteral("restartedAt"), restartedAt } };
                  complete(result);
              });
    }
};

} // namespace

QString RestartTool::title() const
{
    return QStringLiteral("Restart a Deployment");
}

QString RestartTool::description() const
{
    return QStringLiteral("Restarts a Deployment's pods with a rolling update, like `kubectl rollout restart` "
                          "(refused while the Deployment is paused). Changes the cluster.");
}

QJsonObject RestartTool::inputSchema() const
{
    return ToolSchema::object(
        { { QStringLiteral("deployment"), ToolSchema::objectName(QStringLiteral("The Deployment to restart.")) },
          { QStringLiteral("namespace"), ToolSchema::nameSpace() } },
        { QStringLiteral("deployment") });
}

McpTool::Annotations RestartTool::annotations() const
{
    // Every pod is replaced (and each call restarts them again).
    return { .readOnly = false, .destructive = true, .idempotent = false, .openWorld = false };
}

McpToolCall* RestartTool::call(const QJsonObject& arguments)
{
    return new RestartCall(cluster(), arguments);
}

} // namespace quayside::mcp
