#include "ai/mcp/McpClusterCall.h"

#include "ai/mcp/McpCluster.h"
#include "kube/KubeReply.h"

namespace quayside::mcp {

McpClusterCall::McpClusterCall(McpCluster* cluster, QJsonObject arguments)
    : m_cluster(cluster)
    , m_arguments(std::move(arguments))
{ }

McpClusterCall::~McpClusterCall()
{
    if (m_reply)
        m_reply->abort();
}

void McpClusterCall::start()
{
    QString error;
    kube::KubeClient* client = m_cluster->client(&error);
    if (!client)
        return fail(QStringLiteral("Cannot connect to the cluster"), error);
    run(client, m_cluster->nameSpace(m_arguments));
}

void McpClusterCall::fail(const QString& what, const QString& reason)
{
    complete(McpToolResult::failure(what + QStringLiteral(": ") + reason));
}

void McpClusterCall::await(kube::KubeReply* reply, const QString& what,
                           std::function<void(const kube::KubeReply&)> done)
{
    m_reply = reply;
    connect(reply, &kube::KubeReply::finished, this, [this, reply, what, done = std::move(done)] {
        m_reply = nullptr;
        if (!reply->ok())
            return fail(what, reply->error().message());
        done(*reply);
    });
}

} // namespace quayside::mcp
