#include "ai/mcp/McpToolResult.h"

#include "core/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace quayside::mcp {

namespace {

QJsonValue redactValue(const QJsonValue& value)
{
    const Redactor& redactor = Redactor::instance();
    if (value.isString())
        return redactor.redact(value.toString());
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue& item : value.toArray())
            array.append(redactValue(item));
        return array;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QJsonObject out;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            out.insert(redactor.redact(it.key()), redactValue(it.value()));
        return out;
    }
    return value;
}

} // namespace

McpToolResult McpToolResult::failure(const QString& sentence)
{
    McpToolResult result;
    result.text = sentence;
    result.isError = true;
    return result;
}

McpToolResult McpToolResult::fromJson(const QJsonObject& object)
{
    McpToolResult result;
    result.structured = object;
    result.text = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    result.textIsJson = true;
    return result;
}

McpToolResult McpToolResult::redacted() const
{
    McpToolResult out;
    out.isError = isError;
    out.structured = redactValue(structured).toObject();
    // A JSON text is rebuilt from the redacted object rather than redacted as text (see the header).
    out.textIsJson = textIsJson;
    if (textIsJson)
        out.text = QString::fromUtf8(QJsonDocument(out.structured).toJson(QJsonDocument::Compact));
    else
        out.text = Redactor::instance().redact(text);
    return out;
}

QJsonObject McpToolResult::toJson(bool withStructuredContent) const
{
    QJsonObject result {
        { QStringLiteral("content"),
          QJsonArray {
              QJsonObject { { QStringLiteral("type"), QStringLiteral("text") }, { QStringLiteral("text"), text } } } },
        { QStringLiteral("isError"), isError },
    };
    if (withStructuredContent && !structured.isEmpty())
        result.insert(QStringLiteral("structuredContent"), structured);
    return result;
}

} // namespace quayside::mcp
