// ProtobufDecoder: bodies in Kubernetes' protobuf encoding as real clients send them (fixtures captured
// from Helm 3.17's release storage), and hand-made ones for each field kind.
#include "ProtobufDecoder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace quayside::test;

namespace {

QByteArray fixture(const char* name)
{
    QFile f(QStringLiteral(QUAYSIDE_TESTS_DIR "/kubeapi/fixtures/protobuf/") + QString::fromLatin1(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}

// The wire format, just enough to write test messages.
QByteArray varint(quint64 value)
{
    QByteArray out;
    do {
        char byte = static_cast<char>(value & 0x7f);
        value >>= 7;
        if (value)
            byte = static_cast<char>(byte | 0x80);
        out.append(byte);
    } while (value);
    return out;
}
QByteArray bytesField(int number, const QByteArray& content)
{
    return varint(static_cast<quint64>(number) << 3 | 2) + varint(static_cast<quint64>(content.size())) + content;
}
QByteArray varintField(int number, quint64 value)
{
    return varint(static_cast<quint64>(number) << 3) + varint(value);
}
QByteArray mapEntry(int number, const QByteArray& key, const QByteArray& value)
{
    return bytesField(number, bytesField(1, key) + bytesField(2, value));
}
QByteArray envelope(const QByteArray& apiVersion, const QByteArray& kind, const QByteArray& raw)
{
    return QByteArray("k8s\0", 4) + bytesField(1, bytesField(1, apiVersion) + bytesField(2, kind)) + bytesField(2, raw)
        + bytesField(3, {}) + bytesField(4, {});
}

QJsonObject parse(const char* json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class ProtobufDecoderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helmReleaseSecret()
    {
        QString error;
        const auto secret = ProtobufDecoder::decode(fixture("helm3-release-secret.pb"), &error);
        QVERIFY2(secret, qPrintable(error));
        QCOMPARE(secret->value(QStringLiteral("apiVersion")).toString(), QStringLiteral("v1"));
        QCOMPARE(secret->value(QStringLiteral("kind")).toString(), QStringLiteral("Secret"));
        QCOMPARE(secret->value(QStringLiteral("type")).toString(), QStringLiteral("helm.sh/release.v1"));
        const QJsonObject metadata = secret->value(QStringLiteral("metadata")).toObject();
        QCOMPARE(metadata.value(QStringLiteral("name")).toString(), QStringLiteral("sh.helm.release.v1.tiny.v1"));
        // Empty strings, a zero generation and a zero creationTimestamp are on the wire; JSON omits them.
        QCOMPARE(metadata.keys(), (QStringList { QStringLiteral("labels"), QStringLiteral("name") }));
        const QJsonObject labels = metadata.value(QStringLiteral("labels")).toObject();
        QCOMPARE(labels.value(QStringLiteral("owner")).toString(), QStringLiteral("helm"));
        QCOMPARE(labels.value(QStringLiteral("name")).toString(), QStringLiteral("tiny"));
        QCOMPARE(labels.value(QStringLiteral("status")).toString(), QStringLiteral("pending-install"));
        QCOMPARE(labels.value(QStringLiteral("version")).toString(), QStringLiteral("1"));
        // data.release: base64 (JSON's encoding of bytes) of helm's base64 of a gzip stream.
        const QByteArray release = QByteArray::fromBase64(
            secret->value(QStringLiteral("data")).toObject().value(QStringLiteral("release")).toString().toLatin1());
        QVERIFY2(release.startsWith("H4sI"), release.left(16).constData());
    }

    void helmDeleteOptions()
    {
        QString error;
        const auto options = ProtobufDecoder::decode(fixture("helm3-delete-options.pb"), &error);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(*options, parse(R"({"apiVersion":"v1","kind":"DeleteOptions"})"));
    }

    void fields_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonObject>("expected");
        const QByteArray meta = bytesField(1, "web") + bytesField(3, "todo-app") + varintField(7, 0)
            + mapEntry(11, "app", "web") + mapEntry(12, "note", "")
            + bytesField(13,
                         bytesField(1, "ReplicaSet") + bytesField(3, "web-1") + bytesField(4, "u-1")
                             + bytesField(5, "apps/v1") + varintField(6, 1))
            + bytesField(14, "example.com/keep") + bytesField(8, varintField(1, 1767225600));
        QTest::newRow("secret") << envelope("v1", "Secret",
                                            bytesField(1, meta) + mapEntry(2, "k", QByteArray("\x00\xff", 2))
                                                + bytesField(3, "Opaque") + mapEntry(4, "s", "text")
                                                + varintField(5, 0))
                                << parse(R"({"apiVersion":"v1","kind":"Secret","type":"Opaque","immutable":false,
                                     "data":{"k":"AP8="},"stringData":{"s":"text"},
                                     "metadata":{"name":"web","namespace":"todo-app","creationTimestamp":"2026-01-01T00:00:00Z",
                                       "labels":{"app":"web"},"annotations":{"note":""},"finalizers":["example.com/keep"],
                                       "ownerReferences":[{"kind":"ReplicaSet","name":"web-1","uid":"u-1","apiVersion":"apps/v1","controller":true}]}})");
        QTest::newRow("configmap") << envelope("v1", "ConfigMap",
                                               bytesField(1, bytesField(1, "cfg")) + mapEntry(2, "LOG_LEVEL", "DEBUG")
                                                   + mapEntry(3, "blob", "\x01"))
                                   << parse(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},
                                        "data":{"LOG_LEVEL":"DEBUG"},"binaryData":{"blob":"AQ=="}})");
        // gracePeriodSeconds is a *int64: 0 (delete now) is a value, not an omission.
        QTest::newRow("delete options") << envelope("v1", "DeleteOptions",
                                                    varintField(1, 0) + bytesField(2, bytesField(1, "u-1"))
                                                        + bytesField(4, "Foreground") + bytesField(5, "All"))
                                        << parse(R"({"apiVersion":"v1","kind":"DeleteOptions","gracePeriodSeconds":0,
                                             "preconditions":{"uid":"u-1"},"propagationPolicy":"Foreground","dryRun":["All"]})");
        QTest::newRow("managed fields") << envelope(
            "v1", "ConfigMap",
            bytesField(1,
                       bytesField(17,
                                  bytesField(1, "helm") + bytesField(2, "Apply") + bytesField(6, "FieldsV1")
                                      + bytesField(7, bytesField(1, R"({"f:data":{"f:a":{}}})")))))
                                        << parse(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"managedFields":[
                                             {"manager":"helm","operation":"Apply","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}}]}})");
        // A field this decoder does not know (newer than its tables) is skipped, as a Go server skips it.
        QTest::newRow("unknown field") << envelope(
            "v1", "Secret", bytesField(1, bytesField(1, "x")) + varintField(99, 7) + bytesField(98, "?"))
                                       << parse(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}})");
    }

    void fields()
    {
        QFETCH(QByteArray, body);
        QFETCH(QJsonObject, expected);
        QString error;
        const auto decoded = ProtobufDecoder::decode(body, &error);
        QVERIFY2(decoded, qPrintable(error));
        QCOMPARE(*decoded, expected);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        QTest::newRow("json") << QByteArray(R"({"kind":"Secret"})") << QStringLiteral("expected prefix [107 56 115 0]");
        QTest::newRow("a kind without a table")
            << envelope("apps/v1", "Deployment", {}) << QStringLiteral("apps/v1, Kind=Deployment");
        QTest::newRow("truncated") << envelope("v1", "Secret", bytesField(1, bytesField(1, "name"))).chopped(3)
                                   << QStringLiteral("malformed");
        QTest::newRow("wrong wire type") << envelope("v1", "Secret", varintField(3, 1))
                                         << QStringLiteral("field type (3) has wire type 0");
    }

    void refused()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        QString message;
        QVERIFY(!ProtobufDecoder::decode(body, &message));
        QVERIFY2(message.contains(error), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(ProtobufDecoderTest)
#include "ProtobufDecoderTest.moc"
