#include "kube/Quantity.h"

#include <QTest>

using namespace quayside::kube;

class QuantityTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("milli");
        QTest::addColumn<qint64>("value");

        QTest::newRow("millicores") << "250m" << true << qint64(250) << qint64(1);
        QTest::newRow("exact 100m") << "100m" << true << qint64(100) << qint64(1);
        QTest::newRow("cores") << "2" << true << qint64(2000) << qint64(2);
        QTest::newRow("fractional cores") << "1.5" << true << qint64(1500) << qint64(2);
        QTest::newRow("leading-zero fraction") << "0.05" << true << qint64(50) << qint64(1);
        QTest::newRow("nanocores round up") << "12345678n" << true << qint64(13) << qint64(1);
        QTest::newRow("microcores") << "1500u" << true << qint64(2) << qint64(1);
        QTest::newRow("zero") << "0" << true << qint64(0) << qint64(0);
        QTest::newRow("zero with suffix") << "0Mi" << true << qint64(0) << qint64(0);
        QTest::newRow("Ki") << "123456Ki" << true << qint64(126418944000) << qint64(126418944);
        QTest::newRow("Mi") << "128Mi" << true << qint64(134217728000) << qint64(134217728);
        QTest::newRow("Gi") << "1Gi" << true << qint64(1073741824000) << qint64(1073741824);
        QTest::newRow("fractional Gi") << "1.5Gi" << true << qint64(1610612736000) << qint64(1610612736);
        QTest::newRow("decimal k") << "5k" << true << qint64(5000000) << qint64(5000);
        QTest::newRow("decimal M") << "3M" << true << qint64(3000000000) << qint64(3000000);
        QTest::newRow("decimal G") << "1G" << true << qint64(1000000000000) << qint64(1000000000);
        QTest::newRow("exponent") << "1e3" << true << qint64(1000000) << qint64(1000);
        QTest::newRow("negative exponent") << "5E-2" << true << qint64(50) << qint64(1);
        QTest::newRow("plain bytes") << "3912000000" << true << qint64(3912000000000) << qint64(3912000000);
        QTest::newRow("huge saturates") << "9Ei" << true << std::numeric_limits<qint64>::max()
                                        << std::numeric_limits<qint64>::max();
        QTest::newRow("negative") << "-100m" << true << qint64(-100) << qint64(0);
        QTest::newRow("whitespace trimmed") << " 64Mi " << true << qint64(67108864000) << qint64(67108864);
        QTest::newRow("empty") << "" << false << qint64(0) << qint64(0);
        QTest::newRow("only a suffix") << "Mi" << false << qint64(0) << qint64(0);
        QTest::newRow("unknown suffix") << "12MB" << false << qint64(0) << qint64(0);
        QTest::newRow("two points") << "1.2.3" << false << qint64(0) << qint64(0);
        QTest::newRow("letters") << "abc" << false << qint64(0) << qint64(0);
        // QChar::isDigit() is true for these; they are not numbers in a quantity.
        QTest::newRow("fullwidth digits") << QStringLiteral("\uFF11\uFF12") << false << qint64(0) << qint64(0);
        QTest::newRow("fullwidth with suffix") << QStringLiteral("\uFF11Mi") << false << qint64(0) << qint64(0);
        QTest::newRow("arabic-indic digit") << QStringLiteral("\u0663") << false << qint64(0) << qint64(0);
        QTest::newRow("ascii then arabic-indic") << QStringLiteral("1\u0663m") << false << qint64(0) << qint64(0);
        QTest::newRow("int64 max") << "9223372036854775807" << true << std::numeric_limits<qint64>::max()
                                   << std::numeric_limits<qint64>::max();
        QTest::newRow("8Ei saturates") << "8Ei" << true << std::numeric_limits<qint64>::max()
                                       << std::numeric_limits<qint64>::max();
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, milli);
        QFETCH(qint64, value);
        const auto q = Quantity::parse(text);
        QCOMPARE(q.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(q->milliValue(), milli);
        QCOMPARE(q->value(), value);
    }

    void format()
    {
        QCOMPARE(Quantity::formatMillicores(13), QStringLiteral("13m"));
        QCOMPARE(Quantity::formatBytes(134217728), QStringLiteral("128Mi"));
        QCOMPARE(Quantity::formatBytes(4096), QStringLiteral("4Ki"));
        QCOMPARE(Quantity::formatBytes(100), QStringLiteral("100"));
        QCOMPARE(Quantity::parseOrZero(QStringLiteral("garbage")).value(), qint64(0));
    }

    void sumsOfSaturatedQuantitiesSaturate()
    {
        constexpr qint64 max = std::numeric_limits<qint64>::max();
        constexpr qint64 min = std::numeric_limits<qint64>::min();
        const qint64 huge = Quantity::parseOrZero(QStringLiteral("9223372036854775807")).value();
        const qint64 eight = Quantity::parseOrZero(QStringLiteral("8Ei")).value();
        const qint64 hugeMilli = Quantity::parseOrZero(QStringLiteral("8Ei")).milliValue();
        QCOMPARE(huge, max);
        // What a node's requests or a pod's containers add up to.
        qint64 total = 0;
        for (const qint64 v : { huge, eight, qint64(1), huge })
            total = Quantity::add(total, v);
        QCOMPARE(total, max);
        QCOMPARE(Quantity::add(hugeMilli, hugeMilli), max);
        const qint64 negative = Quantity::parseOrZero(QStringLiteral("-8Ei")).value();
        QCOMPARE(negative, min);
        QCOMPARE(Quantity::add(negative, qint64(-1)), min);
        QCOMPARE(Quantity::add(max, min), qint64(-1));
        QCOMPARE(Quantity::add(qint64(250), qint64(750)), qint64(1000));
        QCOMPARE(Quantity::multiply(eight, qint64(3)), max);
        QCOMPARE(Quantity::multiply(eight, qint64(-3)), min);
        QCOMPARE(Quantity::multiply(qint64(128), qint64(1024)), qint64(131072));
    }
};

QTEST_GUILESS_MAIN(QuantityTest)
#include "QuantityTest.moc"
