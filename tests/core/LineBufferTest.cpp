#include "core/LineBuffer.h"

#include <QTest>

using namespace quayside;

class LineBufferTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splits_data()
    {
        QTest::addColumn<QList<QByteArray>>("chunks");
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::addColumn<QByteArray>("remainder");
        using L = QList<QByteArray>;
        QTest::newRow("one line") << L{"a\n"} << L{"a"} << QByteArray();
        QTest::newRow("split across chunks") << L{"hel", "lo\nwor", "ld\n"} << L{"hello", "world"} << QByteArray();
        QTest::newRow("crlf") << L{"a\r\nb\r", "\n"} << L{"a", "b"} << QByteArray();
        QTest::newRow("unterminated tail") << L{"a\nb"} << L{"a"} << QByteArray("b");
        QTest::newRow("empty lines kept") << L{"\n\nx\n"} << L{"", "", "x"} << QByteArray();
        QTest::newRow("utf8 split inside a character") << L{"caf\xc3", "\xa9\n"} << L{"caf\xc3\xa9"} << QByteArray();
    }
    void splits()
    {
        QFETCH(QList<QByteArray>, chunks);
        QFETCH(QList<QByteArray>, lines);
        QFETCH(QByteArray, remainder);
        LineBuffer buffer;
        QList<QByteArray> got;
        for (const QByteArray& chunk : chunks)
            got += buffer.append(chunk);
        QCOMPARE(got, lines);
        QCOMPARE(buffer.takeRemainder(), remainder);
        QVERIFY(!buffer.hasRemainder());
    }

    void boundsAnEndlessLine()
    {
        LineBuffer buffer(8);
        const QList<QByteArray> got = buffer.append(QByteArray(20, 'x'));
        QCOMPARE(got, (QList<QByteArray>{QByteArray(8, 'x'), QByteArray(8, 'x')}));
        QCOMPARE(buffer.takeRemainder(), QByteArray(4, 'x'));
    }
};

QTEST_GUILESS_MAIN(LineBufferTest)
#include "LineBufferTest.moc"
