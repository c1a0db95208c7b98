#pragma once

#include "ai/mcp/McpTool.h"

namespace quayside::mcp {

class McpCluster;

// A tool on the workspace's cluster (McpClusterCall runs its calls there).
class McpClusterTool : public McpTool
{
public:
    explicit McpClusterTool(McpCluster* cluster)
        : m_cluster(cluster)
    { }

protected:
    McpCluster* cluster() const { return m_cluster; }

private:
    McpCluster* m_cluster;
};

} // namespace quayside::mcp
