#pragma once

#include <QJsonObject>
#include <QString>

namespace quayside::mcp {

class McpToolCall;

// One tool the server offers (MCP "Tools"): what tools/list says about it and how to run it. The input
// schema is the one source of the argument rules: ArgumentValidator checks calls against it before
// call() runs, so call() sees only arguments of the declared names and types.
class McpTool
{
public:
    // ToolAnnotations: hints for the client (e.g. to ask the user before a destructive call).
    struct Annotations
    {
        bool readOnly = true;
        bool destructive = false;
        bool idempotent = true;
        bool openWorld = false; // talks to something outside (a cluster counts as our own world)
    };

    virtual ~McpTool() = default;

    virtual QString name() const = 0;
    virtual QString title() const = 0;
    virtual QString description() const = 0;
    virtual QJsonObject inputSchema() const = 0;
    virtual Annotations annotations() const { return {}; }
    // Changes the cluster: offered only when the server was started with --allow-changes.
    bool changesCluster() const { return !annotations().readOnly; }

    // Rules the schema does not say (one of two arguments, a "kind/NAME" target): empty when fine, else
    // a sentence naming the argument (sent as an invalid-params error).
    virtual QString checkArguments(const QJsonObject& arguments) const
    {
        Q_UNUSED(arguments)
        return {};
    }
    // A new call, not started.
    virtual McpToolCall* call(const QJsonObject& arguments) = 0;

    // The tools/list entry.
    QJsonObject describe() const;
};

} // namespace quayside::mcp
