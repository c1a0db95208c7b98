#include "ai/mcp/McpToolCall.h"

namespace quayside::mcp {

void McpToolCall::complete(const McpToolResult& result)
{
    if (m_completed)
        return;
    m_completed = true;
    Q_EMIT finished(result);
}

} // namespace quayside::mcp
