#pragma once

#include "ai/mcp/McpClusterTool.h"

namespace quayside::mcp {

// `scale {deployment, replicas, namespace?}`: the scale subresource PATCH `quayside scale` sends
// (kube::KubeOperations). Changes the cluster: only offered with --allow-changes.
class ScaleTool final : public McpClusterTool
{
public:
    static constexpr int kMaxReplicas = 50;

    using McpClusterTool::McpClusterTool;

    QString name() const override { return QStringLiteral("scale"); }
    QString title() const override;
    QString description() const override;
    QJsonObject inputSchema() const override;
    Annotations annotations() const override;
    McpToolCall* call(const QJsonObject& arguments) override;
};

} // namespace quayside::mcp
