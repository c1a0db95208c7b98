#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace quayside {

// A JSON Schema (draft-07) validator for exactly the keywords the chart's values.schema.json uses, so
// that the tests can check values files the way `helm` does without a helm binary:
//   type (a name or a list), properties, required, additionalProperties (boolean or schema), enum,
//   minimum, maximum, minLength, maxLength, pattern, items (one schema), minItems, and local $ref
//   ("#/definitions/…").
// Annotations ($schema, title, description, default, definitions, examples, $comment) are ignored.
// Any other keyword is reported by schemaErrors(), so a schema can never rely on a constraint that
// this validator would silently skip.
class JsonSchemaValidator
{
public:
    explicit JsonSchemaValidator(QJsonObject schema);

    // Keywords this validator does not implement, and $refs that lead nowhere, each with its place
    // in the schema ("/properties/backend: unsupported keyword oneOf").
    QStringList schemaErrors() const;

    // Each violation as "path: message" (path "backend.service.nodePort", "(root)" for the top);
    // empty when the instance is valid.
    QStringList validate(const QJsonValue& instance) const;

    // True when every key of the path is declared under `properties` (following $refs), i.e. the
    // schema names this values path explicitly rather than merely tolerating it.
    bool declares(const QStringList& path) const;

private:
    QJsonObject resolve(const QJsonObject& schema) const;
    void check(const QJsonObject& schema, const QString& where, QStringList& errors) const;
    void validateAt(const QJsonObject& schema, const QJsonValue& value, const QString& path, QStringList& errors) const;
    static bool hasType(const QJsonValue& value, const QString& type);
    static QString typeName(const QJsonValue& value);

    QJsonObject m_root;
};

} // namespace quayside
