#include "ai/mcp/RestartTool.h"

#include "ai/mcp/McpCluster.h"
#include "ai/mcp/McpToolCall.h"
#include "ai/mcp/ToolSchema.h"
#include "kube/KubeOperations.h"
#include "kube/KubeReply.h"

#include <QPointer>

namespace quayside::mcp {

namespace {

class RestartCall final : public McpToolCall
{
public:
    RestartCall(McpCluster* cluster, QJsonObject arguments)
        : m_cluster(cluster)
        , m_arguments(std::move(arguments))
    { }

    ~RestartCall() override
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
        auto* operations = new kube::KubeOperations(client, this);
        m_reply = operations->restart(nameSpace, deployment);
        connect(m_reply, &kube::KubeReply::finished, this, [this, nameSpace, deployment] {
            kube::KubeReply* reply = m_reply;
            m_reply = nullptr;
            if (!reply->ok())
                return complete(
                    McpToolResult::failure(QStringLiteral("Could not restart deployment %1 in namespace %2: %3")
                                               .arg(deployment, nameSpace, reply->error().message())));
            const QString restartedAt = reply->json()
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

private:
    McpCluster* m_cluster;
    QJsonObject m_arguments;
    QPointer<kube::KubeReply> m_reply;
};

} // namespace

RestartTool::RestartTool(McpCluster* cluster)
    : m_cluster(cluster)
{ }

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
    return new RestartCall(m_cluster, arguments);
}

} // namespace quayside::mcp
