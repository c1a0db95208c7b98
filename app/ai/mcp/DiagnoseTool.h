#pragma once

#include "ai/mcp/McpClusterTool.h"

namespace quayside::mcp {

// `diagnose {target?, namespace?}`: why the namespace's (or one Deployment's or pod's) workloads are
// unhealthy, the findings JSON of `quayside diagnose -o json`: the same SnapshotLoader, rules and
// DiagnosisReport.
class DiagnoseTool final : public McpClusterTool
{
public:
    using McpClusterTool::McpClusterTool;

    QString name() const override { return QStringLiteral("diagnose"); }
    QString title() const override;
    QString description() const override;
    QJsonObject inputSchema() const override;
    QString checkArguments(const QJsonObject& arguments) const override;
    McpToolCall* call(const QJsonObject& arguments) override;
};

} // namespace quayside::mcp
