#include "core/TimerInterval.h"

#include <QTest>

#include <limits>

using namespace quayside;
using namespace std::chrono_literals;

class TimerIntervalTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clamps()
    {
        constexpr int max = std::numeric_limits<int>::max();
        QCOMPARE(timerMilliseconds(0ms), 0);
        QCOMPARE(timerMilliseconds(1500ms), 1500);
        QCOMPARE(timerMilliseconds(-5ms), 0);
        QCOMPARE(timerMilliseconds(std::chrono::milliseconds(max)), max);
        // 2^32 + 100 ms: a plain int cast makes it a 100 ms timer.
        QCOMPARE(timerMilliseconds(std::chrono::milliseconds((qint64(1) << 32) + 100)), max);
        QCOMPARE(timerMilliseconds(std::chrono::hours(999999999)), max);
        QCOMPARE(timerMilliseconds(std::chrono::milliseconds::max()), max);
    }
};

QTEST_APPLESS_MAIN(TimerIntervalTest)
#include "TimerIntervalTest.moc"
