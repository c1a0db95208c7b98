#include "JsonSchemaValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>
#include <utility>

namespace quayside {

namespace {

const QStringList kAnnotations
    = { QStringLiteral("$schema"), QStringLiteral("title"),       QStringLiteral("description"),
        QStringLiteral("default"), QStringLiteral("definitions"), QStringLiteral("examples"),
        QStringLiteral("$comment") };
const QStringList kKeywords = { QStringLiteral("type"),      QStringLiteral("properties"),
                                QStringLiteral("required"),  QStringLiteral("additionalProperties"),
                                QStringLiteral("enum"),      QStringLiteral("minimum"),
                                QStringLiteral("maximum"),   QStringLiteral("minLength"),
                                QStringLiteral("maxLength"), QStringLiteral("pattern"),
                                QStringLiteral("items"),     QStringLiteral("minItems"),
                                QStringLiteral("$ref") };
const QStringList kTypes
    = { QStringLiteral("null"),   QStringLiteral("boolean"), QStringLiteral("object"), QStringLiteral("array"),
        QStringLiteral("number"), QStringLiteral("integer"), QStringLiteral("string") };

QString child(const QString& path, const QString& key)
{
    return path.isEmpty() ? key : path + u'.' + key;
}

QString shown(const QString& path)
{
    return path.isEmpty() ? QStringLiteral("(root)") : path;
}

QString compact(const QJsonValue& value)
{
    if (value.isString())
        return u'"' + value.toString() + u'"';
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

// JSON Schema counts string length in code points, not UTF-16 units.
qsizetype codePoints(const QString& text)
{
    return text.toUcs4().size();
}

} // namespace

JsonSchemaValidator::JsonSchemaValidator(QJsonObject schema)
    : m_root(std::move(schema))
{ }

QJsonObject JsonSchemaValidator::resolve(const QJsonObject& schema) const
{
    QJsonObject current = schema;
    // A chain of $refs longer than this is a cycle.
    for (int hops = 0; hops < 32 && current.contains(QStringLiteral("$ref")); ++hops) {
        const QString ref = current.value(QStringLiteral("$ref")).toString();
        if (!ref.startsWith(QStringLiteral("#/")))
            return {};
        QJsonValue target = m_root;
        for (QString token : ref.mid(2).split(u'/')) {
            // JSON Pointer escapes (RFC 6901).
            token.replace(QStringLiteral("~1"), QStringLiteral("/")).replace(QStringLiteral("~0"), QStringLiteral("~"));
            target = target.toObject().value(token);
        }
        if (!target.isObject())
            return {};
        current = target.toObject();
    }
    return current;
}

QStringList JsonSchemaValidator::schemaErrors() const
{
    QStringList errors;
    check(m_root, QString(), errors);
    const QJsonObject definitions = m_root.value(QStringLiteral("definitions")).toObject();
    for (auto it = definitions.begin(); it != definitions.end(); ++it)
        check(it.value().toObject(), QStringLiteral("/definitions/") + it.key(), errors);
    return errors;
}

void JsonSchemaValidator::check(const QJsonObject& schema, const QString& where, QStringList& errors) const
{
    const QString place = where.isEmpty() ? QStringLiteral("/") : where;
    for (auto it = schema.begin(); it != schema.end(); ++it) {
        if (!kKeywords.contains(it.key()) && !kAnnotations.contains(it.key()))
            errors << place + QStringLiteral(": unsupported keyword ") + it.key();
    }
    if (schema.contains(QStringLiteral("$ref")) && resolve(schema).isEmpty())
        errors << place + QStringLiteral(": $ref leads nowhere: ") + schema.value(QStringLiteral("$ref")).toString();
    const QJsonValue type = schema.value(QStringLiteral("type"));
    const QJsonArray types = type.isArray() ? type.toArray() : QJsonArray { type };
    if (!type.isUndefined()) {
        for (const QJsonValue& name : types) {
            if (!kTypes.contains(name.toString()))
                errors << place + QStringLiteral(": unknown type ") + compact(name);
        }
    }
    if (schema.contains(QStringLiteral("pattern"))
        && !QRegularExpression(schema.value(QStringLiteral("pattern")).toString()).isValid())
        errors << place + QStringLiteral(": invalid pattern");
    if (schema.value(QStringLiteral("items")).isArray())
        errors << place + QStringLiteral(": items as a list (tuple validation) is not supported");

    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it)
        check(it.value().toObject(), place + QStringLiteral("/properties/") + it.key(), errors);
    if (schema.value(QStringLiteral("additionalProperties")).isObject())
        check(schema.value(QStringLiteral("additionalProperties")).toObject(),
              place + QStringLiteral("/additionalProperties"), errors);
    if (schema.value(QStringLiteral("items")).isObject())
        check(schema.value(QStringLiteral("items")).toObject(), place + QStringLiteral("/items"), errors);
}

QString JsonSchemaValidator::typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return hasType(value, QStringLiteral("integer")) ? QStringLiteral("integer") : QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

bool JsonSchemaValidator::hasType(const QJsonValue& value, const QString& type)
{
    if (type == QStringLiteral("integer")) {
        // Draft 6 and later: any number with a zero fractional part (what Helm's validator accepts).
        if (!value.isDouble())
            return false;
        const double number = value.toDouble();
        return std::isfinite(number) && std::floor(number) == number;
    }
    if (type == QStringLiteral("number"))
        return value.isDouble();
    if (type == QStringLiteral("string"))
        return value.isString();
    if (type == QStringLiteral("boolean"))
        return value.isBool();
    if (type == QStringLiteral("object"))
        return value.isObject();
    if (type == QStringLiteral("array"))
        return value.isArray();
    if (type == QStringLiteral("null"))
        return value.isNull();
    return false;
}

QStringList JsonSchemaValidator::validate(const QJsonValue& instance) const
{
    QStringList errors;
    validateAt(m_root, instance, QString(), errors);
    return errors;
}

void JsonSchemaValidator::validateAt(const QJsonObject& schemaIn, const QJsonValue& value, const QString& path,
                                     QStringList& errors) const
{
    const QJsonObject schema = resolve(schemaIn);
    const QString at = shown(path) + QStringLiteral(": ");

    if (schema.contains(QStringLiteral("type"))) {
        const QJsonValue type = schema.value(QStringLiteral("type"));
        const QJsonArray types = type.isArray() ? type.toArray() : QJsonArray { type };
        bool matches = false;
        QStringList expected;
        for (const QJsonValue& name : types) {
            expected << name.toString();
            matches = matches || hasType(value, name.toString());
        }
        if (!matches) {
            errors << at + QStringLiteral("expected ") + expected.join(QStringLiteral(" or "))
                    + QStringLiteral(", got ") + typeName(value);
            // The other keywords would only repeat the mismatch.
            return;
        }
    }

    if (schema.contains(QStringLiteral("enum"))) {
        const QJsonArray allowed = schema.value(QStringLiteral("enum")).toArray();
        if (!allowed.contains(value)) {
            QStringList names;
            for (const QJsonValue& option : allowed)
                names << compact(option);
            errors << at + compact(value) + QStringLiteral(" is not one of ") + names.join(QStringLiteral(", "));
        }
    }

    if (value.isDouble()) {
        const double number = value.toDouble();
        if (schema.contains(QStringLiteral("minimum")) && number < schema.value(QStringLiteral("minimum")).toDouble())
            errors << at + compact(value) + QStringLiteral(" is less than the minimum ")
                    + compact(schema.value(QStringLiteral("minimum")));
        if (schema.contains(QStringLiteral("maximum")) && number > schema.value(QStringLiteral("maximum")).toDouble())
            errors << at + compact(value) + QStringLiteral(" is greater than the maximum ")
                    + compact(schema.value(QStringLiteral("maximum")));
    }

    if (value.isString()) {
        const QString text = value.toString();
        if (schema.contains(QStringLiteral("minLength"))
            && codePoints(text) < schema.value(QStringLiteral("minLength")).toInteger())
            errors << at + QStringLiteral("shorter than ") + compact(schema.value(QStringLiteral("minLength")))
                    + QStringLiteral(" characters");
        if (schema.contains(QStringLiteral("maxLength"))
            && codePoints(text) > schema.value(QStringLiteral("maxLength")).toInteger())
            errors << at + QStringLiteral("longer than ") + compact(schema.value(QStringLiteral("maxLength")))
                    + QStringLiteral(" characters");
        if (schema.contains(QStringLiteral("pattern"))) {
            // JSON Schema patterns are not anchored: they must match somewhere in the string.
            const QRegularExpression pattern(schema.value(QStringLiteral("pattern")).toString());
            if (!pattern.match(text).hasMatch())
                errors << at + compact(value) + QStringLiteral(" does not match ") + pattern.pattern();
        }
    }

    if (value.isArray()) {
        const QJsonArray items = value.toArray();
        if (schema.contains(QStringLiteral("minItems"))
            && items.size() < schema.value(QStringLiteral("minItems")).toInteger())
            errors << at + QStringLiteral("fewer than ") + compact(schema.value(QStringLiteral("minItems")))
                    + QStringLiteral(" items");
        if (schema.value(QStringLiteral("items")).isObject()) {
            for (qsizetype i = 0; i < items.size(); ++i)
                validateAt(schema.value(QStringLiteral("items")).toObject(), items.at(i),
                           path + u'[' + QString::number(i) + u']', errors);
        }
    }

    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (const QJsonValue& name : schema.value(QStringLiteral("required")).toArray()) {
            if (!object.contains(name.toString()))
                errors << at + QStringLiteral("required property ") + name.toString() + QStringLiteral(" is missing");
        }
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        const QJsonValue additional = schema.value(QStringLiteral("additionalProperties"));
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString childPath = child(path, it.key());
            if (properties.contains(it.key()))
                validateAt(properties.value(it.key()).toObject(), it.value(), childPath, errors);
            else if (additional.isBool() && !additional.toBool())
                errors << at + QStringLiteral("property ") + it.key() + QStringLiteral(" is not allowed");
            else if (additional.isObject())
                validateAt(additional.toObject(), it.value(), childPath, errors);
        }
    }
}

bool JsonSchemaValidator::declares(const QStringList& path) const
{
    QJsonObject schema = resolve(m_root);
    for (const QString& key : path) {
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        if (!properties.contains(key))
            return false;
        schema = resolve(properties.value(key).toObject());
    }
    return true;
}

} // namespace quayside
