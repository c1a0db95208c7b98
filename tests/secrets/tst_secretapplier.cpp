#include "secrets/SecretApplier.h"
#include "secrets/SecretChecksum.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace quayside;

namespace {

// Records each call and answers from a script, asynchronously like the real client.
class ScriptedSecretApi final : public SecretApi
{
public:
    struct Call
    {
        QString method;
        QString path;
        QByteArray body;
    };
    QList<Call> calls;
    QList<Response> script;

    void create(const QString& collectionPath, const QByteArray& body, QObject* context, Callback done) override
    {
        answer({ QStringLiteral("POST"), collectionPath, body }, context, std::move(done));
    }
    void patchJson(const QString& path, const QByteArray& patch, QObject* context, Callback done) override
    {
        answer({ QStringLiteral("PATCH"), path, patch }, context, std::move(done));
    }

private:
    void answer(Call call, QObject* context, Callback done)
    {
        calls.append(std::move(call));
        const Response response = script.isEmpty()
            ? Response { 500, QStringLiteral("InternalError"), QStringLiteral("unscripted") }
            : script.takeFirst();
        QTimer::singleShot(0, context, [done, response] { done(response); });
    }
};

SecretValues sampleValues()
{
    SecretValues values;
    values.insert(QStringLiteral("JWT_SECRET"), QByteArray(40, 'j'));
    values.insert(QStringLiteral("DATABASE_URL"), QByteArray("postgresql://u:p@h/db?sslmode=require"));
    return values;
}

} // namespace

class TestSecretApplier : public QObject
{
    Q_OBJECT
private:
    static SecretApplier::Result run(ScriptedSecretApi& api, SecretValues values)
    {
        SecretApplier applier(&api);
        QSignalSpy spy(&applier, &SecretApplier::finished);
        applier.apply(QStringLiteral("todo-app"), QStringLiteral("todo-app-secrets"), std::move(values),
                      QStringLiteral("todo-chatbot"));
        if (!spy.wait(5000))
            return {};
        return spy.at(0).at(0).value<SecretApplier::Result>();
    }

private Q_SLOTS:
    void createsTheSecret()
    {
        ScriptedSecretApi api;
        api.script = { { 201, {}, {} } };
        const SecretApplier::Result result = run(api, sampleValues());
        QVERIFY2(result.ok, qPrintable(result.message));
        QVERIFY(result.created);
        QCOMPARE(api.calls.size(), 1);
        QCOMPARE(api.calls[0].method, QStringLiteral("POST"));
        QCOMPARE(api.calls[0].path, QStringLiteral("/api/v1/namespaces/todo-app/secrets"));

        const QJsonObject secret = QJsonDocument::fromJson(api.calls[0].body).object();
        QCOMPARE(secret.value(QStringLiteral("kind")).toString(), QStringLiteral("Secret"));
        QCOMPARE(secret.value(QStringLiteral("apiVersion")).toString(), QStringLiteral("v1"));
        QCOMPARE(secret.value(QStringLiteral("type")).toString(), QStringLiteral("Opaque"));
        const QJsonObject metadata = secret.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(metadata.value(QStringLiteral("name")).toString(), QStringLiteral("todo-app-secrets"));
        QCOMPARE(metadata.value(QStringLiteral("namespace")).toString(), QStringLiteral("todo-app"));
        QCOMPARE(metadata.value(QStringLiteral("labels"))
                     .toObject()
                     .value(QStringLiteral("app.kubernetes.io/managed-by"))
                     .toString(),
                 QStringLiteral("quayside"));
        // Exactly the values, base64-encoded, under `data`; no stringData, nothing else.
        QCOMPARE(secret.keys(), QStringList({ "apiVersion", "data", "kind", "metadata", "type" }));
        const QJsonObject data = secret.value(QStringLiteral("data")).toObject();
        QCOMPARE(data.keys(), QStringList({ "DATABASE_URL", "JWT_SECRET" }));
        QCOMPARE(QByteArray::fromBase64(data.value(QStringLiteral("JWT_SECRET")).toString().toLatin1()),
                 QByteArray(40, 'j'));
        QCOMPARE(QByteArray::fromBase64(data.value(QStringLiteral("DATABASE_URL")).toString().toLatin1()),
                 QByteArray("postgresql://u:p@h/db?sslmode=require"));

        QCOMPARE(result.keys, QStringList({ "DATABASE_URL", "JWT_SECRET" }));
        const SecretValues again = sampleValues();
        QCOMPARE(result.checksum, SecretChecksum::compute(again.map()));
    }

    // Issue 14: a key is written through the JSON writer, so even one with a quote cannot end the string
    // and add fields of its own (the profile refuses such keys; the body must be JSON regardless).
    void keysAreJsonEscaped()
    {
        SecretValues values;
        values.insert(QStringLiteral("A\",\"type\":\"kubernetes.io/tls"), QByteArray("v"));
        const QString key = QStringLiteral("A\",\"type\":\"kubernetes.io/tls");
        QJsonParseError error;
        const QByteArray body
            = SecretApplier::secretJson(QStringLiteral("ns"), QStringLiteral("s"), values, QStringLiteral("p"));
        const QJsonObject secret = QJsonDocument::fromJson(body, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, body.constData());
        QCOMPARE(secret.value(QStringLiteral("data")).toObject().keys(), QStringList { key });
        QCOMPARE(secret.value(QStringLiteral("type")).toString(), QStringLiteral("Opaque"));
        // The JSON patch: a test of /type and the whole /data.
        const QByteArray patch = SecretApplier::dataPatchJson(values);
        const QJsonArray operations = QJsonDocument::fromJson(patch, &error).array();
        QVERIFY2(error.error == QJsonParseError::NoError, patch.constData());
        QCOMPARE(operations.size(), 2);
        QCOMPARE(operations.at(1).toObject().value(QStringLiteral("value")).toObject().keys(), QStringList { key });
    }

    void replacesTheDataOfAnExistingSecret()
    {
        ScriptedSecretApi api;
        api.script
            = { { 409, QStringLiteral("AlreadyExists"), QStringLiteral("secrets \"todo-app-secrets\" already exists") },
                { 200, {}, {} } };
        const SecretApplier::Result result = run(api, sampleValues());
        QVERIFY2(result.ok, qPrintable(result.message));
        QVERIFY(!result.created);
        QCOMPARE(api.calls.size(), 2);
        QCOMPARE(api.calls[1].method, QStringLiteral("PATCH"));
        QCOMPARE(api.calls[1].path, QStringLiteral("/api/v1/namespaces/todo-app/secrets/todo-app-secrets"));
        const QJsonArray patch = QJsonDocument::fromJson(api.calls[1].body).array();
        QCOMPARE(patch.size(), 2);
        QCOMPARE(patch[0].toObject(), QJsonObject({ { "op", "test" }, { "path", "/type" }, { "value", "Opaque" } }));
        QCOMPARE(patch[1].toObject().value(QStringLiteral("op")).toString(), QStringLiteral("add"));
        QCOMPARE(patch[1].toObject().value(QStringLiteral("path")).toString(), QStringLiteral("/data"));
        QCOMPARE(patch[1].toObject().value(QStringLiteral("value")).toObject().keys(),
                 QStringList({ "DATABASE_URL", "JWT_SECRET" }));
    }

    void createsAMissingNamespaceFirst()
    {
        ScriptedSecretApi api;
        api.script = { { 404, QStringLiteral("NotFound"), QStringLiteral("namespaces \"todo-app\" not found") },
                       { 201, {}, {} },
                       { 201, {}, {} } };
        const SecretApplier::Result result = run(api, sampleValues());
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(api.calls.size(), 3);
        QCOMPARE(api.calls[1].path, QStringLiteral("/api/v1/namespaces"));
        QCOMPARE(QJsonDocument::fromJson(api.calls[1].body)
                     .object()
                     .value(QStringLiteral("metadata"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("todo-app"));
        QCOMPARE(api.calls[2].path, QStringLiteral("/api/v1/namespaces/todo-app/secrets"));
    }

    void reportsASecretOfAnotherType()
    {
        ScriptedSecretApi api;
        api.script = { { 409, QStringLiteral("AlreadyExists"), {} },
                       { 422, QStringLiteral("Invalid"),
                         QStringLiteral("the server rejected our request: testing value /type failed: test failed") } };
        const SecretApplier::Result result = run(api, sampleValues());
        QVERIFY(!result.ok);
        QVERIFY2(result.message.contains(QStringLiteral("is not of type Opaque")), qPrintable(result.message));
        QVERIFY(result.message.contains(QStringLiteral("kubectl delete secret todo-app-secrets -n todo-app")));
    }

    void reportsAnUnreachableCluster()
    {
        ScriptedSecretApi api;
        api.script
            = { { 0, {}, QStringLiteral("Cannot reach the API server at https://127.0.0.1:1: connection refused.") } };
        const SecretApplier::Result result = run(api, sampleValues());
        QVERIFY(!result.ok);
        QVERIFY(result.message.contains(QStringLiteral("connection refused")));
        QVERIFY(result.checksum.isEmpty());
    }

    void checkComplete_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("problem");
        QTest::newRow("complete") << QStringList({ "DATABASE_URL", "JWT_SECRET" }) << QString();
        QTest::newRow("optional ones may be absent")
            << QStringList({ "DATABASE_URL", "JWT_SECRET", "OPENAI_API_KEY" }) << QString();
        QTest::newRow("missing required") << QStringList({ "OPENAI_API_KEY" })
                                          << QStringLiteral("required secrets are not set: DATABASE_URL, JWT_SECRET "
                                                            "(quayside secrets set NAME, or import a .env file)");
    }
    void checkComplete()
    {
        QFETCH(QStringList, names);
        QFETCH(QString, problem);
        SecretValues values;
        for (const QString& name : names) {
            QByteArray value = name == QLatin1String("DATABASE_URL")
                ? QByteArray("postgresql://u:p@h/db?sslmode=require")
                : QByteArray(40, 'x');
            values.insert(name, std::move(value));
        }
        QCOMPARE(SecretApplier::checkComplete(SecretSpecs::todoChatbot(), values), problem);
    }

    void checkCompleteNamesInvalidValues()
    {
        SecretValues values;
        values.insert(QStringLiteral("DATABASE_URL"), QByteArray("postgresql://u:p@h/db?sslmode=require"));
        values.insert(QStringLiteral("JWT_SECRET"), QByteArray("too-short"));
        QCOMPARE(SecretApplier::checkComplete(SecretSpecs::todoChatbot(), values),
                 QStringLiteral("stored values are invalid: JWT_SECRET (quayside secrets list shows why)"));
    }
};

QTEST_GUILESS_MAIN(TestSecretApplier)
#include "tst_secretapplier.moc"
