#pragma once

#include <QDateTime>

#include <chrono>

namespace quayside {

// Everything that depends on "now" (backoff, pod ages, chart timelines) asks a Clock, so tests can
// move time by hand instead of sleeping (KeePassXC's Clock / MockClock).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    virtual std::chrono::steady_clock::time_point steadyNow() const = 0;

    // The process-wide clock; tests may swap it with setInstance() and restore it afterwards.
    static Clock& instance();
    static void setInstance(Clock* clock);
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
    std::chrono::steady_clock::time_point steadyNow() const override { return std::chrono::steady_clock::now(); }
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC))
        : m_now(std::move(start))
    { }
    QDateTime now() const override { return m_now; }
    std::chrono::steady_clock::time_point steadyNow() const override { return m_steady; }
    void advance(std::chrono::milliseconds by)
    {
        m_now = m_now.addMSecs(by.count());
        m_steady += by;
    }

private:
    QDateTime m_now;
    std::chrono::steady_clock::time_point m_steady {};
};

} // namespace quayside
