#pragma once

#include "ai/mcp/McpTool.h"

namespace quayside::mcp {

class McpCluster;

// `restart {deployment, namespace?}`: `kubectl rollout restart` as `quayside restart` does it
// (kube::KubeOperations: the restartedAt annotation, so the pods are replaced one by one). Changes the
// cluster: only offered with --allow-changes.
class RestartTool final : public McpTool
{
public:
    explicit RestartTool(McpCluster* cluster);

    QString name() const override { return QStringLiteral("restart"); }
    QString title() const override;
    QString description() const override;
    QJsonObject inputSchema() const override;
    Annotations annotations() const override;
    McpToolCall* call(const QJsonObject& arguments) override;

private:
    McpCluster* m_cluster;
};

} // namespace quayside::mcp
