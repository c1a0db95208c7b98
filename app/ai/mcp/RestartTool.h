#pragma once

#include "ai/mcp/McpClusterTool.h"

namespace quayside::mcp {

// `restart {deployment, namespace?}`: `kubectl rollout restart` as `quayside restart` does it
// (kube::KubeOperations: the restartedAt annotation, so the pods are replaced one by one). Changes the
// cluster: only offered with --allow-changes.
class RestartTool final : public McpClusterTool
{
public:
    using McpClusterTool::McpClusterTool;

    QString name() const override { return QStringLiteral("restart"); }
    QString title() const override;
    QString description() const override;
    QJsonObject inputSchema() const override;
    Annotations annotations() const override;
    McpToolCall* call(const QJsonObject& arguments) override;
};

} // namespace quayside::mcp
