#include "kube/JsonScanner.h"

#include "kube/WatchEvent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace quayside::kube;

// The scanner must agree with QJsonDocument on everything it reports, or say it cannot tell.
class JsonScannerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void watchEvents_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("scannable");
        QTest::newRow("plain") << QByteArray(
            R"({"type":"MODIFIED","object":{"kind":"Pod","metadata":{"name":"a","namespace":"ns","uid":"u1","resourceVersion":"42"},"spec":{}}})")
                               << true;
        QTest::newRow("object first, spaces, nesting")
            << QByteArray(" { \"object\" : { \"spec\" : { \"x\" : [1, 2.5e3, {\"y\": [true, false, null]}], \"s\": "
                          "\"}{][\" }, \"metadata\" : { \"labels\": {\"a\":\"b\"}, \"resourceVersion\" : \"7\", "
                          "\"uid\" : \"u2\", \"name\" : \"b\" } } , \"type\" : \"ADDED\" } ")
            << true;
        QTest::newRow("escapes in strings")
            << QByteArray("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"we\\\"ird\",\"uid\":\"u\\u0033\","
                          "\"annotations\":{\"k\":\"a\\\\\\\"}\"}}}}")
            << true;
        QTest::newRow("bookmark") << QByteArray(
            R"({"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"99","annotations":{"k8s.io/initial-events-end":"true"}}}})")
                                  << true;
        QTest::newRow("deleted with null fields") << QByteArray(
            R"({"type":"DELETED","object":{"metadata":{"name":"a","uid":"u9","deletionTimestamp":null,"namespace":null}}})")
                                                  << true;
        QTest::newRow("half a line") << QByteArray(R"({"type":"MODIFIED","object":{"metadata":{"name":"a","uid")")
                                     << false;
        QTest::newRow("unbalanced") << QByteArray(R"({"type":"MODIFIED","object":{"metadata":{"name":"a"}})") << false;
        QTest::newRow("trailing garbage") << QByteArray(R"({"type":"MODIFIED","object":{}} x)") << false;
        QTest::newRow("not an object") << QByteArray("[1,2]") << false;
        QTest::newRow("no object") << QByteArray(R"({"type":"MODIFIED"})") << false;
    }
    void watchEvents()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, scannable);
        QString type;
        qsizetype begin = 0;
        qsizetype end = 0;
        ObjectMeta meta;
        QCOMPARE(JsonScanner::scanWatchEvent(line, &type, &begin, &end, &meta), scannable);
        if (!scannable)
            return;
        const QJsonObject root = QJsonDocument::fromJson(line).object();
        const QJsonObject object = root.value(QLatin1String("object")).toObject();
        const QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
        QCOMPARE(type, root.value(QLatin1String("type")).toString());
        QCOMPARE(meta.uid, metadata.value(QLatin1String("uid")).toString());
        QCOMPARE(meta.name, metadata.value(QLatin1String("name")).toString());
        QCOMPARE(meta.nameSpace, metadata.value(QLatin1String("namespace")).toString());
        QCOMPARE(meta.resourceVersion, metadata.value(QLatin1String("resourceVersion")).toString());
        // The byte range is exactly the object.
        QCOMPARE(QJsonDocument::fromJson(line.mid(begin, end - begin)).object(), object);

        // WatchEvent::scan agrees with WatchEvent::parse.
        const auto scanned = WatchEvent::scan(line);
        const auto parsed = WatchEvent::parse(line);
        QVERIFY(scanned && parsed);
        QCOMPARE(scanned->type, parsed->type);
        QCOMPARE(scanned->resourceVersion(), parsed->resourceVersion());
        if (scanned->type != WatchEvent::Type::Bookmark)
            QCOMPARE(QJsonDocument::fromJson(scanned->rawObject).object(), parsed->object);
    }

    void errorEventsAreParsedInFull()
    {
        const QByteArray line
            = R"({"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old"}})";
        const auto event = WatchEvent::scan(line);
        QVERIFY(event);
        QCOMPARE(event->type, WatchEvent::Type::Error);
        QCOMPARE(event->object.value(QLatin1String("code")).toInt(), 410);
    }

    void badLinesStillReportAnError()
    {
        QString error;
        QVERIFY(!WatchEvent::scan("{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"na", &error));
        QVERIFY2(error.startsWith(QLatin1String("watch event is not JSON")), qPrintable(error));
        QVERIFY(!WatchEvent::scan(R"({"type":"RENAMED","object":{}})", &error));
        QCOMPARE(error, QStringLiteral("unknown watch event type \"RENAMED\""));
    }

    void lists()
    {
        const QByteArray body = R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1234"},"items":[
            {"metadata":{"name":"a","uid":"u1","resourceVersion":"5"},"spec":{"containers":[{"name":"c"}]}},
            {"kind":"Pod","metadata":{"name":"b","uid":"u2","resourceVersion":"6"}},
            {}
        ]})";
        QString version;
        QList<JsonScanner::ListItem> items;
        QVERIFY(JsonScanner::scanList(body, &version, &items));
        QCOMPARE(version, QStringLiteral("1234"));
        QCOMPARE(items.size(), 3);
        const QJsonArray truth = QJsonDocument::fromJson(body).object().value(QLatin1String("items")).toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            QCOMPARE(QJsonDocument::fromJson(body.mid(items.at(i).begin, items.at(i).end - items.at(i).begin)).object(),
                     truth.at(i).toObject());
        QCOMPARE(items.at(0).meta.name, QStringLiteral("a"));
        QVERIFY(!items.at(0).hasKind);
        QVERIFY(items.at(1).hasKind);

        items.clear();
        QVERIFY(JsonScanner::scanList(R"({"metadata":{"resourceVersion":"1"},"items":[]})", &version, &items));
        QVERIFY(items.isEmpty());
        QVERIFY(!JsonScanner::scanList(R"({"metadata":{"resourceVersion":"1"}})", &version, &items));
        QVERIFY(!JsonScanner::scanList(R"({"items":[{"metadata":{}},]})", &version, &items));
    }
};

QTEST_GUILESS_MAIN(JsonScannerTest)
#include "JsonScannerTest.moc"
