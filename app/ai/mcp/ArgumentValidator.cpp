#include "ai/mcp/ArgumentValidator.h"

#include "ai/mcp/JsonType.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace quayside::mcp {

namespace {

QString shown(const QJsonValue& value)
{
    if (value.isString()) {
        QString text = value.toString();
        if (text.size() > 80)
            text = text.left(77) + QStringLiteral("...");
        return QLatin1Char('"') + text + QLatin1Char('"');
    }
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

bool hasType(const QJsonValue& value, const QString& type)
{
    if (type == QLatin1String("string"))
        return value.isString();
    if (type == QLatin1String("boolean"))
        return value.isBool();
    if (type == QLatin1String("number"))
        return value.isDouble();
    if (type == QLatin1String("integer"))
        return value.isDouble() && std::isfinite(value.toDouble()) && std::floor(value.toDouble()) == value.toDouble();
    if (type == QLatin1String("object"))
        return value.isObject();
    if (type == QLatin1String("array"))
        return value.isArray();
    if (type == QLatin1String("null"))
        return value.isNull();
    return true;
}

QString article(const QString& type)
{
    return (type == QLatin1String("integer") || type == QLatin1String("object") || type == QLatin1String("array")
                ? QStringLiteral("an ")
                : QStringLiteral("a "))
        + type;
}

QString checkProperty(const QString& name, const QJsonObject& schema, const QJsonValue& value)
{
    const QString type = schema.value(QLatin1String("type")).toString();
    if (!type.isEmpty() && !hasType(value, type))
        return QStringLiteral("argument \"%1\" must be %2, got %3").arg(name, article(type), JsonType::describe(value));
    if (value.isDouble()) {
        const double number = value.toDouble();
        const QJsonValue minimum = schema.value(QLatin1String("minimum"));
        const QJsonValue maximum = schema.value(QLatin1String("maximum"));
        if ((minimum.isDouble() && number < minimum.toDouble())
            || (maximum.isDouble() && number > maximum.toDouble())) {
            if (minimum.isDouble() && maximum.isDouble())
                return QStringLiteral("argument \"%1\" must be between %2 and %3, got %4")
                    .arg(name, shown(minimum), shown(maximum), shown(value));
            if (minimum.isDouble())
                return QStringLiteral("argument \"%1\" must be at least %2, got %3")
                    .arg(name, shown(minimum), shown(value));
            return QStringLiteral("argument \"%1\" must be at most %2, got %3").arg(name, shown(maximum), shown(value));
        }
    }
    if (value.isString()) {
        const QString text = value.toString();
        const QJsonValue minLength = schema.value(QLatin1String("minLength"));
        const QJsonValue maxLength = schema.value(QLatin1String("maxLength"));
        if (minLength.isDouble() && text.size() < minLength.toInteger())
            return QStringLiteral("argument \"%1\" must have at least %2 characters")
                .arg(name)
                .arg(minLength.toInteger());
        if (maxLength.isDouble() && text.size() > maxLength.toInteger())
            return QStringLiteral("argument \"%1\" must have at most %2 characters")
                .arg(name)
                .arg(maxLength.toInteger());
        const QString pattern = schema.value(QLatin1String("pattern")).toString();
        if (!pattern.isEmpty() && !QRegularExpression(pattern).match(text).hasMatch())
            return QStringLiteral("argument \"%1\" must match %2, got %3").arg(name, pattern, shown(value));
    }
    const QJsonValue allowed = schema.value(QLatin1String("enum"));
    if (allowed.isArray() && !allowed.toArray().contains(value)) {
        QStringList choices;
        for (const QJsonValue& choice : allowed.toArray())
            choices << shown(choice);
        return QStringLiteral("argument \"%1\" must be one of %2, got %3")
            .arg(name, choices.join(QStringLiteral(", ")), shown(value));
    }
    return {};
}

} // namespace

QString ArgumentValidator::check(const QJsonObject& schema, const QJsonObject& arguments)
{
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    const bool closed = schema.value(QLatin1String("additionalProperties")) == QJsonValue(false);
    for (auto it = arguments.constBegin(); it != arguments.constEnd(); ++it) {
        if (!properties.contains(it.key())) {
            if (!closed)
                continue;
            return properties.isEmpty()
                ? QStringLiteral("unknown argument \"%1\" (this tool takes no arguments)").arg(it.key())
                : QStringLiteral("unknown argument \"%1\" (known: %2)")
                      .arg(it.key(), properties.keys().join(QStringLiteral(", ")));
        }
        const QString problem = checkProperty(it.key(), properties.value(it.key()).toObject(), it.value());
        if (!problem.isEmpty())
            return problem;
    }
    for (const QJsonValue& required : schema.value(QLatin1String("required")).toArray()) {
        if (!arguments.contains(required.toString()))
            return QStringLiteral("missing required argument \"%1\"").arg(required.toString());
    }
    return {};
}

} // namespace quayside::mcp
