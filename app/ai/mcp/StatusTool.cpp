#include "ai/mcp/StatusTool.h"

#include "ai/mcp/McpCluster.h"
#include "ai/mcp/McpToolCall.h"
#include "ai/mcp/ToolSchema.h"
#include "core/Clock.h"
#include "session/KubeStatusLoader.h"

namespace quayside::mcp {

namespace {

class StatusCall final : public McpToolCall
{
public:
    StatusCall(McpCluster* cluster, QJsonObject arguments)
        : m_cluster(cluster)
        , m_arguments(std::move(arguments))
    { }

    void start() override
    {
        QString error;
        kube::KubeClient* client = m_cluster->client(&error);
        if (!client)
            return complete(McpToolResult::failure(QStringLiteral("Cannot connect to the cluster: %1").arg(error)));
        const QString nameSpace = m_cluster->nameSpace(m_arguments);
        m_loader = new KubeStatusLoader(client, this);
        connect(m_loader, &KubeStatusLoader::finished, this, [this, nameSpace](bool ok, const QString& message) {
            if (!ok)
                return complete(McpToolResult::failure(
                    QStringLiteral("Could not read the status of namespace %1: %2").arg(nameSpace, message)));
            complete(McpToolResult::fromJson(m_loader->snapshot().toJson(Clock::instance().now())));
        });
        m_loader->load(m_cluster->contextName(), nameSpace);
    }

private:
    McpCluster* m_cluster;
    QJsonObject m_arguments;
    KubeStatusLoader* m_loader = nullptr; // a child: deleting the call aborts its requests
};

} // namespace

StatusTool::StatusTool(McpCluster* cluster)
    : m_cluster(cluster)
{ }

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
    return new StatusCall(m_cluster, arguments);
}

} // namespace quayside::mcp
