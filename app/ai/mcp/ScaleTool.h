#pragma once

#include "ai/mcp/McpTool.h"

namespace quayside::mcp {

class McpCluster;

// `scale {deployment, replicas, namespace?}`: the scale subresource PATCH `quayside scale` sends
// (kube::KubeOperations). Changes the cluster: only offered with --allow-changes.
class ScaleTool final : public McpTool
{
public:
    static constexpr int kMaxReplicas = 50;

    explicit ScaleTool(McpCluster* cluster);

    QString name() const override { return QStringLiteral("scale"); }
    QString title() const override;
    QString description() const override;
    QJsonObject inputSchema() const override;
    Annotations annotations() const override;
    McpToolCall* call(const QJsonObject& arguments) override;

private:
    McpCluster* m_cluster;
};

} // namespace quayside::mcp
