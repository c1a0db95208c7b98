#pragma once

#include "ai/mcp/McpTool.h"

namespace quayside::mcp {

class McpCluster;

// `events {namespace?, name?}`: the namespace's recent events, newest first (by kube::EventSummary's
// time, the one place that reads it), at most kMaxEvents; `name` keeps the events about one object
// (fieldSelector involvedObject.name, as `kubectl events --for` asks).
class EventsTool final : public McpTool
{
public:
    static constexpr int kMaxEvents = 100;

    explicit EventsTool(McpCluster* cluster);

    QString name() const override { return QStringLiteral("events"); }
    QString title() const override;
    QString description() const override;
    QJsonObject inputSchema() const override;
    McpToolCall* call(const QJsonObject& arguments) override;

private:
    McpCluster* m_cluster;
};

} // namespace quayside::mcp
