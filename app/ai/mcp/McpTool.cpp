#include "ai/mcp/McpTool.h"

namespace quayside::mcp {

QJsonObject McpTool::describe() const
{
    const Annotations hints = annotations();
    return QJsonObject {
        { QStringLiteral("name"), name() },
        { QStringLiteral("title"), title() },
        { QStringLiteral("description"), description() },
        { QStringLiteral("inputSchema"), inputSchema() },
        { QStringLiteral("annotations"),
          QJsonObject { { QStringLiteral("title"), title() },
                        { QStringLiteral("readOnlyHint"), hints.readOnly },
                        { QStringLiteral("destructiveHint"), hints.destructive },
                        { QStringLiteral("idempotentHint"), hints.idempotent },
                        { QStringLiteral("openWorldHint"), hints.openWorld } } },
    };
}

} // namespace quayside::mcp
