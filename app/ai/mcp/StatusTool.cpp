#include "ai/mcp/StatusTool.h"

#include "ai/mcp/McpCluster.h"
#include "ai/mcp/McpClusterCall.h"
#include "ai/mcp/ToolSchema.h"
#include "core/Clock.h"
#include "session/KubeStatusLoader.h"

namespace quayside::mcp {

namespace {

class StatusCall final : public McpClusterCall
{
public:
    using McpClusterCall::McpClusterCall;

private:
    void run(kube::KubeClient* client, const QString& nameSpace) override
    {
        m_loader = new KubeStatusLoader(client, this);
        connect(m_loader, &KubeStatusLoader::finished, this, [this, nameSpace](bool ok, const QString& message) {
            if (!ok)
                return fail(QStringLiteral("Could not read the status of namespace %1").arg(nameSpace), message);
            complete(McpToolResult::fromJson(m_loader->snapshot().toJson(Clock::instance().now())));
        });
        m_loader->load(cluster()->contextName(), nameSpace);
    }

    KubeStatusLoader* m_loader = nullptr; // a child: deleting the call aborts its requests
};

} // namespace

QString StatusTool::title() const
{
    return QStringLiteral("Deployments and pods");
}

QString StatusTool::description() const
{
    return QStringLiteral(
        "The Deployments (desired, ready, updated, available replicas, images) and Pods (phase, status such as "
        "CrashLoopBackOff, ready containers, restarts, node, IP, age, CPU and memory when metrics-server runs) of "
        "a namespace, as JSON. The same document as `quayside status -o json`.");
}

QJsonObject StatusTool::inputSchema() const
{
    return ToolSchema::object({ { QStringLiteral("namespace"), ToolSchema::nameSpace() } });
}

McpToolCall* StatusTool::call(const QJsonObject& arguments)
{
    return new StatusCall(cluster(), arguments);
}

} // namespace quayside::mcp
