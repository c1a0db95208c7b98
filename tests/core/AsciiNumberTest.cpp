#include "core/AsciiNumber.h"

#include <QTest>

#include <limits>

using namespace quayside;

class AsciiNumberTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void digits()
    {
        QVERIFY(isAsciiDigit(u'0'));
        QVERIFY(isAsciiDigit(u'9'));
        QVERIFY(!isAsciiDigit(u'a'));
        QVERIFY(!isAsciiDigit(QChar(0xFF11))); // fullwidth 1, QChar::isDigit() says yes
        QVERIFY(!isAsciiDigit(QChar(0x0663))); // Arabic-Indic 3
        QVERIFY(QChar(0xFF11).isDigit());
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("value");
        QTest::newRow("zero") << "0" << true << qint64(0);
        QTest::newRow("plain") << "12" << true << qint64(12);
        QTest::newRow("plus") << "+7" << true << qint64(7);
        QTest::newRow("minus") << "-7" << true << qint64(-7);
        QTest::newRow("max") << "9223372036854775807" << true << std::numeric_limits<qint64>::max();
        QTest::newRow("min") << "-9223372036854775808" << true << std::numeric_limits<qint64>::min();
        QTest::newRow("max + 1") << "9223372036854775808" << false << qint64(0);
        QTest::newRow("min - 1") << "-9223372036854775809" << false << qint64(0);
        QTest::newRow("empty") << "" << false << qint64(0);
        QTest::newRow("sign only") << "-" << false << qint64(0);
        QTest::newRow("space") << " 1" << false << qint64(0);
        QTest::newRow("fullwidth") << QStringLiteral("\uFF11\uFF12") << false << qint64(0);
        QTest::newRow("arabic-indic") << QStringLiteral("\u0663") << false << qint64(0);
        QTest::newRow("mixed") << QStringLiteral("1\u0663") << false << qint64(0);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, value);
        const auto n = parseAsciiInteger(text);
        QCOMPARE(n.has_value(), valid);
        if (valid)
            QCOMPARE(*n, value);
    }

    void saturates()
    {
        constexpr qint64 max = std::numeric_limits<qint64>::max();
        constexpr qint64 min = std::numeric_limits<qint64>::min();
        QCOMPARE(saturatingAdd(max, 1), max);
        QCOMPARE(saturatingAdd(max, max), max);
        QCOMPARE(saturatingAdd(min, -1), min);
        QCOMPARE(saturatingAdd(2, 3), qint64(5));
        QCOMPARE(saturatingMultiply(max, 2), max);
        QCOMPARE(saturatingMultiply(max, -2), min);
        QCOMPARE(saturatingMultiply(min, -1), max);
        QCOMPARE(saturatingMultiply(6, 7), qint64(42));
    }
};

QTEST_APPLESS_MAIN(AsciiNumberTest)
#include "AsciiNumberTest.moc"
