#include "ai/mcp/ScaleTool.h"

#include "ai/mcp/McpCluster.h"
#include "ai/mcp/McpToolCall.h"
#include "ai/mcp/ToolSchema.h"
#include "kube/KubeOperations.h"
#include "kube/KubeReply.h"

#include <QPointer>

namespace quayside::mcp {

namespace {

class ScaleCall final : public McpToolCall
{
public:
    ScaleCall(McpCluster* cluster, QJsonObject arguments)
        : m_cluster(cluster)
        , m_arguments(std::move(arguments))
    { }

    ~ScaleCall() override
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
        const QString deployment = m_arguments.value(QLatin1String("deployment")).toString();
        const int replicas = m_arguments.value(QLatin1String("replicas")).toInt();
        auto* operations = new kube::KubeOperations(client, this);
        m_reply = operations->scale(nameSpace, deployment, replicas);
        connect(m_reply, &kube::KubeReply::finished, this, [this, nameSpace, deployment, replicas] {
            kube::KubeReply* reply = m_reply;
            m_reply = nullptr;
            if (!reply->ok())
                return complete(
                    McpToolResult::failure(QStringLiteral("Could not scale deployment %1 in namespace %2: %3")
                                               .arg(deployment, nameSpace, reply->error().message())));
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

private:
    McpCluster* m_cluster;
    QJsonObject m_arguments;
    QPointer<kube::KubeReply> m_reply;
};

} // namespace

ScaleTool::ScaleTool(McpCluster* cluster)
    : m_cluster(cluster)
{ }

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
    return new ScaleCall(m_cluster, arguments);
}

} // namespace quayside::mcp
