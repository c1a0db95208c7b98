#include "ai/mcp/ScaleTool.h"

#include "ai/mcp/McpClusterCall.h"
#include "ai/mcp/ToolSchema.h"
#include "kube/KubeOperations.h"
#include "kube/KubeReply.h"

namespace quayside::mcp {

namespace {

class ScaleCall final : public McpClusterCall
{
public:
    using McpClusterCall::McpClusterCall;

private:
    void run(kube::KubeClient* client, const QString& nameSpace) override
    {
        const QString deployment = argument(QLatin1String("deployment")).toString();
        const int replicas = argument(QLatin1String("replicas")).toInt();
        auto* operations = new kube::KubeOperations(client, this);
        await(operations->scale(nameSpace, deployment, replicas),
              QStringLiteral("Could not scale deployment %1 in namespace %2").arg(deployment, nameSpace),
              [this, nameSpace, deployment, replicas](const kube::KubeReply&) {
                  McpToolResult result;
                  result.text = QStringLiteral("deployment.apps/%1 in namespace %2 scaled to %3 replica%4.")
                                    .arg(deployment, nameSpace)
                                    .arg(replicas)
                                    .arg(replicas == 1 ? "" : "s");
                  result.structured = QJsonObject { { QStringLiteral("deployment"), deployment },
                                                    { QStringLiteral("namespace"), nameSpace },
                                                    { QStringLiteral("replicas"), replicas } };
                  complete(result);
              });
    }
};

} // namespace

QString ScaleTool::title() const
{
    return QStringLiteral("Scale a Deployment");
}

QString ScaleTool::description() const
{
    return QStringLiteral("Sets the number of replicas of a Deployment (0 stops all its pods), like `kubectl scale`. "
                          "Changes the cluster.");
}

QJsonObject ScaleTool::inputSchema() const
{
    return ToolSchema::object(
        { { QStringLiteral("deployment"), ToolSchema::objectName(QStringLiteral("The Deployment to scale.")) },
          { QStringLiteral("replicas"),
            ToolSchema::integer(QStringLiteral("The new number of replicas."), 0, kMaxReplicas) },
          { QStringLiteral("namespace"), ToolSchema::nameSpace() } },
        { QStringLiteral("deployment"), QStringLiteral("replicas") });
}

McpTool::Annotations ScaleTool::annotations() const
{
    // Scaling to 0 takes the app down: destructive, so clients ask before they call it.
    return { .readOnly = false, .destructive = true, .idempotent = true, .openWorld = false };
}

McpToolCall* ScaleTool::call(const QJsonObject& arguments)
{
    return new ScaleCall(cluster(), arguments);
}

} // namespace quayside::mcp
