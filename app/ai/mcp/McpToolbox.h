#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace quayside::mcp {

class McpCluster;
class McpTool;

// The tools a server offers, by name.
class McpToolbox
{
public:
    McpToolbox();
    ~McpToolbox();
    McpToolbox(const McpToolbox&) = delete;
    McpToolbox& operator=(const McpToolbox&) = delete;

    // status, logs, events and diagnose, then scale and restart (which change the cluster), all on `cluster`.
    static std::unique_ptr<McpToolbox> clusterTools(McpCluster* cluster);

    void add(std::unique_ptr<McpTool> tool);
    McpTool* find(const QString& name) const;
    QList<McpTool*> tools() const;
    // The tools/list entries, in the order added; with withChanges false, without the tools that change
    // the cluster.
    QJsonArray describe(bool withChanges) const;
    QStringList names(bool withChanges) const;

private:
    std::vector<std::unique_ptr<McpTool>> m_tools;
};

} // namespace quayside::mcp
