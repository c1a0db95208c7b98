#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// The JSON-RPC messages an MCP client sends, and what the tests read from the server's responses.
namespace quayside::test {

inline QJsonObject request(const QJsonValue& id, const QString& method, const QJsonObject& params = {})
{
    QJsonObject message { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                          { QStringLiteral("id"), id },
                          { QStringLiteral("method"), method } };
    if (!params.isEmpty())
        message.insert(QStringLiteral("params"), params);
    return message;
}

inline QJsonObject notification(const QString& method, const QJsonObject& params = {})
{
    QJsonObject message { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") }, { QStringLiteral("method"), method } };
    if (!params.isEmpty())
        message.insert(QStringLiteral("params"), params);
    return message;
}

inline QJsonObject callTool(const QJsonValue& id, const QString& name, const QJsonObject& arguments = {})
{
    return request(id, QStringLiteral("tools/call"),
                   { { QStringLiteral("name"), name }, { QStringLiteral("arguments"), arguments } });
}

inline int errorCode(const QJsonObject& response)
{
    return response.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toInt();
}

inline QString errorMessage(const QJsonObject& response)
{
    return response.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
}

inline QJsonObject result(const QJsonObject& response)
{
    return response.value(QLatin1String("result")).toObject();
}

// A CallToolResult's text content.
inline QString text(const QJsonObject& response)
{
    return result(response)
        .value(QLatin1String("content"))
        .toArray()
        .first()
        .toObject()
        .value(QLatin1String("text"))
        .toString();
}

inline QJsonObject structured(const QJsonObject& response)
{
    return result(response).value(QLatin1String("structuredContent")).toObject();
}

inline bool isError(const QJsonObject& response)
{
    return result(response).value(QLatin1String("isError")).toBool();
}

} // namespace quayside::test
