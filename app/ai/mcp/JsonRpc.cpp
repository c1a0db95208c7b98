#include "ai/mcp/JsonRpc.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace quayside::mcp {

QJsonObject JsonRpc::result(const QJsonValue& id, const QJsonValue& result)
{
    return QJsonObject { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                         { QStringLiteral("id"), id },
                         { QStringLiteral("result"), result } };
}

QJsonObject JsonRpc::error(const QJsonValue& id, int code, const QString& message, const QJsonValue& data)
{
    QJsonObject error { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } };
    if (!data.isUndefined())
        error.insert(QStringLiteral("data"), data);
    return QJsonObject { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                         { QStringLiteral("id"), id.isUndefined() ? QJsonValue(QJsonValue::Null) : id },
                         { QStringLiteral("error"), error } };
}

bool JsonRpc::isValidId(const QJsonValue& id)
{
    if (id.isString())
        return true;
    if (!id.isDouble())
        return false;
    const double value = id.toDouble();
    return std::isfinite(value) && std::floor(value) == value;
}

QString JsonRpc::idKey(const QJsonValue& id)
{
    if (id.isString())
        return QLatin1Char('s') + id.toString();
    return QLatin1Char('n') + QString::number(id.toInteger());
}

QByteArray JsonRpc::serialize(const QJsonObject& message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QByteArray JsonRpc::serialize(const QJsonValue& message)
{
    if (message.isArray())
        return QJsonDocument(message.toArray()).toJson(QJsonDocument::Compact);
    return serialize(message.toObject());
}

} // namespace quayside::mcp
