#pragma once

#include "ai/mcp/McpTool.h"

namespace quayside::mcp {

class McpCluster;

// `status {namespace?}`: the namespace's Deployments and Pods, the document `quayside status -o json`
// prints (KubeStatusSnapshot, read by KubeStatusLoader).
class StatusTool final : public McpTool
{
public:
    explicit StatusTool(McpCluster* cluster);

    QString name() const override { return QStringLiteral("status"); }
    QString title() const override;
    QString description() const override;
    QJsonObject inputSchema() const override;
    McpToolCall* call(const QJsonObject& arguments) override;

private:
    McpCluster* m_cluster;
};

} // namespace quayside::mcp
