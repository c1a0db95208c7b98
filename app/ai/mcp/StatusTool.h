#pragma once

#include "ai/mcp/McpClusterTool.h"

namespace quayside::mcp {

// `status {namespace?}`: the namespace's Deployments and Pods, the document `quayside status -o json`
// prints (KubeStatusSnapshot, read by KubeStatusLoader).
class StatusTool final : public McpClusterTool
{
public:
    using McpClusterTool::McpClusterTool;

    QString name() const override { return QStringLiteral("status"); }
    QString title() const override;
    QString description() const override;
    QJsonObject inputSchema() const override;
    McpToolCall* call(const QJsonObject& arguments) override;
};

} // namespace quayside::mcp
