#include "kube/Durations.h"

#include <QTest>

#include <limits>

using namespace quayside::kube;

class DurationsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void humanize_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        // apimachinery's HumanDuration table.
        QTest::newRow("future beyond skew") << qint64(-2) << "<invalid>";
        QTest::newRow("skew") << qint64(-1) << "0s";
        QTest::newRow("zero") << qint64(0) << "0s";
        QTest::newRow("seconds") << qint64(45) << "45s";
        QTest::newRow("under two minutes") << qint64(119) << "119s";
        QTest::newRow("two minutes") << qint64(120) << "2m";
        QTest::newRow("minutes and seconds") << qint64(5 * 60 + 12) << "5m12s";
        QTest::newRow("ten minutes") << qint64(10 * 60 + 30) << "10m";
        QTest::newRow("under three hours") << qint64(179 * 60) << "179m";
        QTest::newRow("hours and minutes") << qint64(3 * 3600 + 5 * 60) << "3h5m";
        QTest::newRow("whole hours") << qint64(5 * 3600) << "5h";
        QTest::newRow("under two days") << qint64(30 * 3600) << "30h";
        QTest::newRow("days and hours") << qint64(2 * 86400 + 4 * 3600) << "2d4h";
        QTest::newRow("days") << qint64(10 * 86400) << "10d";
        QTest::newRow("years and days") << qint64((2 * 365 + 20) * 86400LL) << "2y20d";
        QTest::newRow("years") << qint64(9 * 365 * 86400LL) << "9y";
    }
    void humanize()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(Durations::humanize(seconds), text);
    }

    void parseGo_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms"); // -1: invalid
        QTest::newRow("minutes") << "5m" << qint64(300000);
        QTest::newRow("seconds") << "10s" << qint64(10000);
        QTest::newRow("compound") << "1h30m" << qint64(5400000);
        QTest::newRow("fraction") << "1.5s" << qint64(1500);
        QTest::newRow("milliseconds") << "300ms" << qint64(300);
        QTest::newRow("zero") << "0" << qint64(0);
        QTest::newRow("no unit") << "5" << qint64(-1);
        QTest::newRow("unknown unit") << "5d" << qint64(-1);
        QTest::newRow("empty") << "" << qint64(-1);
        QTest::newRow("garbage") << "m5" << qint64(-1);
        QTest::newRow("fullwidth digits") << QStringLiteral("\uFF15m") << qint64(-1);
        QTest::newRow("arabic-indic digit") << QStringLiteral("1h\u0663m") << qint64(-1);
        QTest::newRow("huge hours") << "999999999h" << qint64(999999999LL * 3600000LL);
        QTest::newRow("beyond int64 saturates") << "99999999999999999h" << std::numeric_limits<qint64>::max();
    }
    void parseGo()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const auto parsed = Durations::parseGo(text);
        if (ms < 0) {
            QVERIFY(!parsed);
            return;
        }
        QVERIFY(parsed);
        QCOMPARE(parsed->count(), ms);
    }
};

QTEST_GUILESS_MAIN(DurationsTest)
#include "DurationsTest.moc"
