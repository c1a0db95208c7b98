#include "JsonSchemaValidator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace quayside {

// The validator stands in for Helm's, so each keyword must reject what it forbids (or the chart's
// schema tests would pass on a schema that constrains nothing) and accept what it allows.
class TestJsonSchemaValidator : public QObject
{
    Q_OBJECT

private:
    static QJsonObject json(const char* text)
    {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
        if (error.error != QJsonParseError::NoError)
            qFatal("bad JSON in test: %s", qPrintable(error.errorString()));
        return document.object();
    }

    static QJsonValue value(const char* text)
    {
        // Wrapped, since fromJson wants an object or array at the top.
        const QByteArray wrapped = QByteArray("{\"v\":") + text + "}";
        return json(wrapped.constData()).value(QStringLiteral("v"));
    }

private slots:
    void validate_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QByteArray>("instance");
        QTest::addColumn<QString>("expectedError"); // empty: valid

        QTest::newRow("type string ok") << QByteArray(R"({"type":"string"})") << QByteArray(R"("x")") << QString();
        QTest::newRow("type string rejects number") << QByteArray(R"({"type":"string"})") << QByteArray("1")
                                                    << QStringLiteral("(root): expected string, got integer");
        QTest::newRow("type integer rejects fraction") << QByteArray(R"({"type":"integer"})") << QByteArray("1.5")
                                                       << QStringLiteral("expected integer, got number");
        QTest::newRow("type integer accepts 2.0")
            << QByteArray(R"({"type":"integer"})") << QByteArray("2.0") << QString();
        QTest::newRow("type number accepts integer")
            << QByteArray(R"({"type":"number"})") << QByteArray("2") << QString();
        QTest::newRow("type list accepts either")
            << QByteArray(R"({"type":["string","integer"]})") << QByteArray("7") << QString();
        QTest::newRow("type list rejects others")
            << QByteArray(R"({"type":["string","integer"]})") << QByteArray("true")
            << QStringLiteral("expected string or integer, got boolean");
        QTest::newRow("type null") << QByteArray(R"({"type":"boolean"})") << QByteArray("null")
                                   << QStringLiteral("expected boolean, got null");
        QTest::newRow("type object rejects array")
            << QByteArray(R"({"type":"object"})") << QByteArray("[]") << QStringLiteral("expected object, got array");

        QTest::newRow("required missing")
            << QByteArray(R"({"type":"object","required":["a"]})") << QByteArray(R"({"b":1})")
            << QStringLiteral("(root): required property a is missing");
        QTest::newRow("required present")
            << QByteArray(R"({"type":"object","required":["a"]})") << QByteArray(R"({"a":null})") << QString();
        QTest::newRow("properties checked")
            << QByteArray(R"({"properties":{"a":{"properties":{"b":{"type":"string"}}}}})")
            << QByteArray(R"({"a":{"b":3}})") << QStringLiteral("a.b: expected string, got integer");
        QTest::newRow("additionalProperties false")
            << QByteArray(R"({"properties":{"a":{}},"additionalProperties":false})") << QByteArray(R"({"a":1,"z":2})")
            << QStringLiteral("(root): property z is not allowed");
        QTest::newRow("additionalProperties absent allows")
            << QByteArray(R"({"properties":{"a":{}}})") << QByteArray(R"({"z":2})") << QString();
        QTest::newRow("additionalProperties schema")
            << QByteArray(R"({"additionalProperties":{"type":"string"}})") << QByteArray(R"({"k":"v","n":1})")
            << QStringLiteral("n: expected string, got integer");

        QTest::newRow("enum rejects") << QByteArray(R"({"enum":["a","b"]})") << QByteArray(R"("c")")
                                      << QStringLiteral(R"((root): "c" is not one of "a", "b")");
        QTest::newRow("enum accepts") << QByteArray(R"({"enum":["a","b"]})") << QByteArray(R"("b")") << QString();
        QTest::newRow("enum of numbers") << QByteArray(R"({"enum":[1,2]})") << QByteArray("2") << QString();

        QTest::newRow("minimum") << QByteArray(R"({"minimum":30000})") << QByteArray("80")
                                 << QStringLiteral("80 is less than the minimum 30000");
        QTest::newRow("minimum inclusive") << QByteArray(R"({"minimum":30000})") << QByteArray("30000") << QString();
        QTest::newRow("maximum") << QByteArray(R"({"maximum":32767})") << QByteArray("40000")
                                 << QStringLiteral("40000 is greater than the maximum 32767");
        QTest::newRow("minimum ignores strings") << QByteArray(R"({"minimum":5})") << QByteArray(R"("1")") << QString();

        QTest::newRow("minLength") << QByteArray(R"({"minLength":1})") << QByteArray(R"("")")
                                   << QStringLiteral("shorter than 1 characters");
        QTest::newRow("minLength counts code points")
            << QByteArray(R"({"minLength":2,"maxLength":2})") << QByteArray(R"("\ud83d\ude00x")") << QString();
        QTest::newRow("maxLength") << QByteArray(R"({"maxLength":3})") << QByteArray(R"("abcd")")
                                   << QStringLiteral("longer than 3 characters");

        QTest::newRow("pattern rejects") << QByteArray(R"({"pattern":"^[a-z]+$"})") << QByteArray(R"("Abc")")
                                         << QStringLiteral(R"("Abc" does not match ^[a-z]+$)");
        QTest::newRow("pattern is not anchored")
            << QByteArray(R"({"pattern":"[0-9]"})") << QByteArray(R"("ab1c")") << QString();
        QTest::newRow("pattern ignores numbers")
            << QByteArray(R"({"type":["string","number"],"pattern":"^[a-z]+$"})") << QByteArray("5") << QString();

        QTest::newRow("items") << QByteArray(R"({"items":{"type":"string"}})") << QByteArray(R"(["a",2])")
                               << QStringLiteral("[1]: expected string, got integer");
        QTest::newRow("minItems") << QByteArray(R"({"minItems":1})") << QByteArray("[]")
                                  << QStringLiteral("fewer than 1 items");

        QTest::newRow("ref followed") << QByteArray(
            "{\"properties\":{\"p\":{\"$ref\":\"#/definitions/"
            "port\"}},\"definitions\":{\"port\":{\"type\":\"integer\",\"maximum\":65535}}}")
                                      << QByteArray(R"({"p":70000})")
                                      << QStringLiteral("p: 70000 is greater than the maximum 65535");
        QTest::newRow("ref chain") << QByteArray("{\"$ref\":\"#/definitions/a\",\"definitions\":{\"a\":{\"$ref\":\"#/"
                                                 "definitions/b\"},\"b\":{\"type\":\"string\"}}}")
                                   << QByteArray("1") << QStringLiteral("expected string");
    }

    void validate()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QByteArray, instance);
        QFETCH(QString, expectedError);

        const JsonSchemaValidator validator(json(schema.constData()));
        QVERIFY2(validator.schemaErrors().isEmpty(), qPrintable(validator.schemaErrors().join(u'\n')));
        const QStringList errors = validator.validate(value(instance.constData()));
        if (expectedError.isEmpty()) {
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        } else {
            QCOMPARE(errors.size(), 1);
            QVERIFY2(errors.first().contains(expectedError), qPrintable(errors.first()));
        }
    }

    void reportsEveryViolation()
    {
        const JsonSchemaValidator validator(
            json(R"({"type":"object","required":["a","b"],)"
                 R"("properties":{"c":{"type":"string"}},"additionalProperties":false})"));
        const QStringList errors = validator.validate(value(R"({"c":1,"d":2})"));
        QCOMPARE(errors.size(), 4);
    }

    void schemaErrors_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QString>("expectedError");

        QTest::newRow("unsupported keyword")
            << QByteArray(R"({"oneOf":[]})") << QStringLiteral("/: unsupported keyword oneOf");
        QTest::newRow("unsupported nested") << QByteArray(R"({"properties":{"a":{"exclusiveMinimum":1}}})")
                                            << QStringLiteral("/properties/a: unsupported keyword exclusiveMinimum");
        QTest::newRow("unsupported in definitions") << QByteArray(R"({"definitions":{"x":{"const":1}}})")
                                                    << QStringLiteral("/definitions/x: unsupported keyword const");
        QTest::newRow("dangling ref") << QByteArray("{\"$ref\":\"#/definitions/none\"}")
                                      << QStringLiteral("$ref leads nowhere");
        QTest::newRow("remote ref") << QByteArray("{\"$ref\":\"https://example.invalid/s.json\"}")
                                    << QStringLiteral("$ref leads nowhere");
        QTest::newRow("unknown type") << QByteArray(R"({"type":"int"})") << QStringLiteral("unknown type \"int\"");
        QTest::newRow("tuple items") << QByteArray(R"({"items":[{}]})") << QStringLiteral("tuple validation");
        QTest::newRow("invalid pattern") << QByteArray("{\"pattern\":\"(\"}") << QStringLiteral("invalid pattern");
    }

    void schemaErrors()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QString, expectedError);
        const QStringList errors = JsonSchemaValidator(json(schema.constData())).schemaErrors();
        QVERIFY2(!errors.isEmpty() && errors.join(u'\n').contains(expectedError), qPrintable(errors.join(u'\n')));
    }

    void declares_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("declared");

        QTest::newRow("direct") << QStringLiteral("a") << true;
        QTest::newRow("through ref") << QStringLiteral("a.port") << true;
        QTest::newRow("not declared") << QStringLiteral("a.host") << false;
        QTest::newRow("free-form map is not a declaration") << QStringLiteral("m.anything") << false;
        QTest::newRow("unknown top") << QStringLiteral("z") << false;
    }

    void declares()
    {
        QFETCH(QString, path);
        QFETCH(bool, declared);
        const JsonSchemaValidator validator(
            json("{\"properties\":{\"a\":{\"$ref\":\"#/definitions/server\"},"
                 R"("m":{"type":"object","additionalProperties":{"type":"string"}}},)"
                 R"("definitions":{"server":{"properties":{"port":{"type":"integer"}}}}})"));
        QCOMPARE(validator.declares(path.split(u'.')), declared);
    }
};

} // namespace quayside

QTEST_GUILESS_MAIN(quayside::TestJsonSchemaValidator)
#include "TestJsonSchemaValidator.moc"
