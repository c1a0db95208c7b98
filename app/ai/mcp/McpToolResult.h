#pragma once

#include <QJsonObject>
#include <QString>

namespace quayside::mcp {

// What a tool call returns (MCP CallToolResult): a text for the model and, where the tool has one, the
// same as a JSON object (structuredContent, sent to clients that negotiated 2025-06-18). isError marks
// a failure of the tool itself (the cluster unreachable, no such pod, forbidden): a result the model
// reads, not a protocol error.
struct McpToolResult
{
    QString text;
    QJsonObject structured;
    bool isError = false;
    bool textIsJson = false; // text is `structured` serialized

    static McpToolResult failure(const QString& sentence);
    // text is the object as compact JSON (the spec asks for that alongside structuredContent).
    static McpToolResult fromJson(const QJsonObject& object);

    // Every string in it (text, and every key and string value of structured) with the values registered
    // with the Redactor replaced by ***. Strings are redacted one by one before serializing: a secret
    // containing a quote is escaped in JSON text and would not be found there.
    McpToolResult redacted() const;
    // The CallToolResult object; structuredContent only when asked for and present.
    QJsonObject toJson(bool withStructuredContent) const;
};

} // namespace quayside::mcp
