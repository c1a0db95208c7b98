#include "kube/Backoff.h"

#include <QTest>

using namespace quayside;
using namespace quayside::kube;
using namespace std::chrono_literals;

class BackoffTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sequence_data()
    {
        QTest::addColumn<double>("random");
        QTest::addColumn<QList<qint64>>("delays");
        // 0.8 s doubling to the 30 s cap.
        QTest::newRow("no jitter") << 0.0 << QList<qint64> { 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000 };
        // Full jitter adds 25 %, but never beyond the cap.
        QTest::newRow("maximum jitter") << 1.0 << QList<qint64> { 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
        QTest::newRow("half jitter") << 0.5 << QList<qint64> { 900, 1800, 3600, 7200, 14400, 28800, 30000 };
    }
    void sequence()
    {
        QFETCH(double, random);
        QFETCH(QList<qint64>, delays);
        ManualClock clock;
        Backoff backoff(&clock, [random] { return random; });
        for (const qint64 expected : delays) {
            QCOMPARE(backoff.next().count(), expected);
            clock.advance(1s); // failures keep coming: no reset
        }
    }

    void resetsAfterTwoHealthyMinutes()
    {
        ManualClock clock;
        Backoff backoff(&clock, [] { return 0.0; });
        QCOMPARE(backoff.next(), 800ms);
        QCOMPARE(backoff.next(), 1600ms);
        QCOMPARE(backoff.next(), 3200ms);
        clock.advance(119s);
        QCOMPARE(backoff.next(), 6400ms); // not yet two minutes since the last failure
        clock.advance(120s);
        QCOMPARE(backoff.next(), 800ms); // healthy for two minutes: start over
        QCOMPARE(backoff.next(), 1600ms);
    }

    void explicitReset()
    {
        ManualClock clock;
        Backoff backoff(&clock, [] { return 0.0; });
        backoff.next();
        backoff.next();
        backoff.reset();
        QCOMPARE(backoff.attempts(), 0);
        QCOMPARE(backoff.next(), 800ms);
    }

    void customParameters()
    {
        ManualClock clock;
        Backoff::Parameters p;
        p.initial = 10ms;
        p.cap = 35ms;
        p.jitter = 0;
        Backoff backoff(p, &clock, [] { return 0.7; });
        QCOMPARE(backoff.next(), 10ms);
        QCOMPARE(backoff.next(), 20ms);
        QCOMPARE(backoff.next(), 35ms);
        QCOMPARE(backoff.next(), 35ms);
    }
};

QTEST_GUILESS_MAIN(BackoffTest)
#include "BackoffTest.moc"
