#pragma once

#include "ai/mcp/McpClusterTool.h"

namespace quayside::mcp {

// `events {namespace?, name?}`: the namespace's recent events, newest first (by kube::EventSummary's
// time, the one place that reads it), at most kMaxEvents; `name` keeps the events about one object
// (fieldSelector involvedObject.name, as `kubectl events --for` asks).
class EventsTool final : public McpClusterTool
{
public:
    static constexpr int kMaxEvents = 100;

    using McpClusterTool::McpClusterTool;

    QString name() const override { return QStringLiteral("events"); }
    QString title() const override;
    QString description() const override;
    QJsonObject inputSchema() const override;
    McpToolCall* call(const QJsonObject& arguments) override;
};

} // namespace quayside::mcp
