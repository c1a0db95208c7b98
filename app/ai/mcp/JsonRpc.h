#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace quayside::mcp {

// JSON-RPC 2.0 (https://www.jsonrpc.org/specification) as MCP uses it: the message shapes, the error
// codes and the request ids (a string or an integer; MCP forbids null).
class JsonRpc
{
public:
    enum ErrorCode : int {
        ParseError = -32700, // not JSON (the id is then null)
        InvalidRequest = -32600, // JSON, but not a request object
        MethodNotFound = -32601,
        InvalidParams = -32602, // also an unknown tool and invalid tool arguments (MCP "Tools", "Error Handling")
        InternalError = -32603,
        // In JSON-RPC's range for implementation-defined server errors; the code LSP uses for the same thing.
        ServerNotInitialized = -32002,
    };

    static QJsonObject result(const QJsonValue& id, const QJsonValue& result);
    // `data` is left out when undefined.
    static QJsonObject error(const QJsonValue& id, int code, const QString& message,
                             const QJsonValue& data = QJsonValue(QJsonValue::Undefined));

    // A string, or a number without a fractional part.
    static bool isValidId(const QJsonValue& id);
    // One key per id, so that 1 and "1" stay different requests.
    static QString idKey(const QJsonValue& id);

    // One line: compact JSON, which escapes every newline inside strings.
    static QByteArray serialize(const QJsonObject& message);
    static QByteArray serialize(const QJsonValue& message);
};

} // namespace quayside::mcp
