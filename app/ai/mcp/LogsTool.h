#pragma once

#include "ai/mcp/McpClusterTool.h"

namespace quayside::mcp {

// `logs {pod | deployment, container?, tailLines?, previous?, namespace?}`: the last lines of a pod's
// log, or of every pod of a Deployment (each line tagged [pod/container]), read once through the same
// LogFollower as `quayside logs`.
//
// Bounded: at most kMaxLines lines (tailLines), each stream asked for at most kMaxBytes (limitBytes),
// and at most kMaxBytes kept here across streams (the oldest lines go first). The text says when
// anything was cut and how to see the rest.
class LogsTool final : public McpClusterTool
{
public:
    static constexpr int kDefaultLines = 200;
    static constexpr int kMaxLines = 2000;
    static constexpr qint64 kMaxBytes = 64 * 1024;

    using McpClusterTool::McpClusterTool;

    QString name() const override { return QStringLiteral("logs"); }
    QString title() const override;
    QString description() const override;
    QJsonObject inputSchema() const override;
    QString checkArguments(const QJsonObject& arguments) const override;
    McpToolCall* call(const QJsonObject& arguments) override;
};

} // namespace quayside::mcp
