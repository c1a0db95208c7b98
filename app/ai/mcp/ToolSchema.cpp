#include "ai/mcp/ToolSchema.h"

#include <QJsonArray>

namespace quayside::mcp {

QString ToolSchema::labelPattern()
{
    return QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
}

QString ToolSchema::objectNamePattern()
{
    return QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
}

QJsonObject ToolSchema::object(const QJsonObject& properties, const QStringList& required)
{
    QJsonObject schema { { QStringLiteral("type"), QStringLiteral("object") },
                         { QStringLiteral("properties"), properties },
                         { QStringLiteral("additionalProperties"), false } };
    if (!required.isEmpty())
        schema.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return schema;
}

QJsonObject ToolSchema::string(const QString& description, int maxLength, const QString& pattern)
{
    QJsonObject schema { { QStringLiteral("type"), QStringLiteral("string") },
                         { QStringLiteral("description"), description } };
    if (maxLength > 0)
        schema.insert(QStringLiteral("maxLength"), maxLength);
    if (!pattern.isEmpty())
        schema.insert(QStringLiteral("pattern"), pattern);
    return schema;
}

QJsonObject ToolSchema::integer(const QString& description, qint64 minimum, qint64 maximum)
{
    return QJsonObject { { QStringLiteral("type"), QStringLiteral("integer") },
                         { QStringLiteral("description"), description },
                         { QStringLiteral("minimum"), minimum },
                         { QStringLiteral("maximum"), maximum } };
}

QJsonObject ToolSchema::integer(const QString& description, qint64 minimum, qint64 maximum, qint64 defaultValue)
{
    QJsonObject schema = integer(description, minimum, maximum);
    schema.insert(QStringLiteral("default"), defaultValue);
    return schema;
}

QJsonObject ToolSchema::boolean(const QString& description, bool defaultValue)
{
    return QJsonObject { { QStringLiteral("type"), QStringLiteral("boolean") },
                         { QStringLiteral("description"), description },
                         { QStringLiteral("default"), defaultValue } };
}

QJsonObject ToolSchema::label(const QString& description)
{
    return string(description, 63, labelPattern());
}

QJsonObject ToolSchema::objectName(const QString& description)
{
    return string(description, 253, objectNamePattern());
}

QJsonObject ToolSchema::nameSpace()
{
    return label(QStringLiteral("The namespace (default: the one Quayside was started for)."));
}

} // namespace quayside::mcp
