// The PATCH semantics kubectl and the client rely on: strategic merge of lists by their merge key
// and its directives (as kubectl apply writes them), RFC 7386 merge patches, RFC 6902 JSON patches.
#include "PatchApplier.h"

#include <QJsonDocument>
#include <QTest>

using quayside::test::PatchApplier;

namespace {

QJsonObject parse(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class PatchApplierTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void apply_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("original");
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("restart annotation")
            << QByteArray("application/strategic-merge-patch+json")
            << QByteArray(R"({"spec":{"replicas":1,"template":{"metadata":{"labels":{"app":"b"}}}}})")
            << QByteArray(
                   R"({"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"t"}}}}})")
            << QByteArray(
                   R"({"spec":{"replicas":1,"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"t"},"labels":{"app":"b"}}}}})");
        QTest::newRow("containers merge by name")
            << QByteArray("application/strategic-merge-patch+json")
            << QByteArray(R"({"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]})")
            << QByteArray(R"({"containers":[{"name":"b","image":"b:2"},{"name":"c","image":"c:1"}]})")
            << QByteArray(
                   R"({"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:2"},{"name":"c","image":"c:1"}]})");
        QTest::newRow("$patch delete in a list")
            << QByteArray("application/strategic-merge-patch+json")
            << QByteArray(R"({"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]})")
            << QByteArray(R"({"env":[{"name":"A","$patch":"delete"}]})")
            << QByteArray(R"({"env":[{"name":"B","value":"2"}]})");
        QTest::newRow("$setElementOrder")
            << QByteArray("application/strategic-merge-patch+json")
            << QByteArray(R"({"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]})")
            << QByteArray(R"({"$setElementOrder/env":[{"name":"B"},{"name":"A"}],"env":[{"name":"B","value":"3"}]})")
            << QByteArray(R"({"env":[{"name":"B","value":"3"},{"name":"A","value":"1"}]})");
        QTest::newRow("$retainKeys") << QByteArray("application/strategic-merge-patch+json")
                                     << QByteArray(
                                            R"({"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}})")
                                     << QByteArray(R"({"strategy":{"$retainKeys":["type"],"type":"Recreate"}})")
                                     << QByteArray(R"({"strategy":{"type":"Recreate"}})");
        QTest::newRow("null deletes") << QByteArray("application/strategic-merge-patch+json")
                                      << QByteArray(R"({"metadata":{"labels":{"a":"1","b":"2"}}})")
                                      << QByteArray(R"({"metadata":{"labels":{"a":null}}})")
                                      << QByteArray(R"({"metadata":{"labels":{"b":"2"}}})");
        QTest::newRow("lists without a merge key are replaced")
            << QByteArray("application/strategic-merge-patch+json") << QByteArray(R"({"args":["a","b"]})")
            << QByteArray(R"({"args":["c"]})") << QByteArray(R"({"args":["c"]})");
        QTest::newRow("service ports merge on port")
            << QByteArray("application/strategic-merge-patch+json")
            << QByteArray(R"({"ports":[{"port":80,"protocol":"TCP"}]})")
            << QByteArray(R"({"ports":[{"port":80,"nodePort":30000}]})")
            << QByteArray(R"({"ports":[{"nodePort":30000,"port":80,"protocol":"TCP"}]})");
        QTest::newRow("merge patch replaces lists")
            << QByteArray("application/merge-patch+json") << QByteArray(R"({"spec":{"replicas":1,"list":[1,2]}})")
            << QByteArray(R"({"spec":{"replicas":3,"list":[3]}})")
            << QByteArray(R"({"spec":{"list":[3],"replicas":3}})");
        QTest::newRow("json patch")
            << QByteArray("application/json-patch+json") << QByteArray(R"({"spec":{"replicas":1},"list":["a"]})")
            << QByteArray(
                   R"([{"op":"test","path":"/spec/replicas","value":1},{"op":"replace","path":"/spec/replicas","value":4},{"op":"add","path":"/list/-","value":"b"},{"op":"remove","path":"/list/0"}])")
            << QByteArray(R"({"list":["b"],"spec":{"replicas":4}})");
    }

    void apply()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, original);
        QFETCH(QByteArray, patch);
        QFETCH(QByteArray, expected);
        QString error;
        const QJsonObject result
            = PatchApplier::apply(PatchApplier::typeFor(contentType), parse(original.constData()), patch, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(QJsonDocument(result).toJson(QJsonDocument::Compact),
                 QJsonDocument(parse(expected.constData())).toJson(QJsonDocument::Compact));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("patch");
        QTest::newRow("not JSON") << QByteArray("application/merge-patch+json") << QByteArray("{nope");
        QTest::newRow("failed test op") << QByteArray("application/json-patch+json")
                                        << QByteArray(R"([{"op":"test","path":"/a","value":2}])");
        QTest::newRow("missing path") << QByteArray("application/json-patch+json")
                                      << QByteArray(R"([{"op":"replace","path":"/x/y","value":2}])");
    }

    void errors()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, patch);
        QString error;
        PatchApplier::apply(PatchApplier::typeFor(contentType), parse(R"({"a":1})"), patch, &error);
        QVERIFY(!error.isEmpty());
    }

    void contentTypes()
    {
        QCOMPARE(PatchApplier::typeFor("application/strategic-merge-patch+json"), PatchApplier::Type::StrategicMerge);
        QCOMPARE(PatchApplier::typeFor("application/merge-patch+json; charset=utf-8"), PatchApplier::Type::Merge);
        QCOMPARE(PatchApplier::typeFor("application/apply-patch+yaml"), PatchApplier::Type::Apply);
        QCOMPARE(PatchApplier::typeFor("application/json"), PatchApplier::Type::Unsupported);
    }
};

QTEST_GUILESS_MAIN(PatchApplierTest)
#include "PatchApplierTest.moc"
