#include "ai/mcp/McpToolbox.h"

#include "ai/mcp/DiagnoseTool.h"
#include "ai/mcp/EventsTool.h"
#include "ai/mcp/LogsTool.h"
#include "ai/mcp/McpTool.h"
#include "ai/mcp/RestartTool.h"
#include "ai/mcp/ScaleTool.h"
#include "ai/mcp/StatusTool.h"

#include <QStringList>

namespace quayside::mcp {

McpToolbox::McpToolbox() = default;
McpToolbox::~McpToolbox() = default;

std::unique_ptr<McpToolbox> McpToolbox::clusterTools(McpCluster* cluster)
{
    auto toolbox = std::make_unique<McpToolbox>();
    toolbox->add(std::make_unique<StatusTool>(cluster));
    toolbox->add(std::make_unique<LogsTool>(cluster));
    toolbox->add(std::make_unique<EventsTool>(cluster));
    toolbox->add(std::make_unique<DiagnoseTool>(cluster));
    toolbox->add(std::make_unique<ScaleTool>(cluster));
    toolbox->add(std::make_unique<RestartTool>(cluster));
    return toolbox;
}

void McpToolbox::add(std::unique_ptr<McpTool> tool)
{
    m_tools.push_back(std::move(tool));
}

McpTool* McpToolbox::find(const QString& name) const
{
    for (const auto& tool : m_tools) {
        if (tool->name() == name)
            return tool.get();
    }
    return nullptr;
}

QList<McpTool*> McpToolbox::tools() const
{
    QList<McpTool*> list;
    for (const auto& tool : m_tools)
        list.append(tool.get());
    return list;
}

QJsonArray McpToolbox::describe(bool withChanges) const
{
    QJsonArray list;
    for (const auto& tool : m_tools) {
        if (withChanges || !tool->changesCluster())
            list.append(tool->describe());
    }
    return list;
}

QStringList McpToolbox::names(bool withChanges) const
{
    QStringList list;
    for (const auto& tool : m_tools) {
        if (withChanges || !tool->changesCluster())
            list.append(tool->name());
    }
    return list;
}

} // namespace quayside::mcp
