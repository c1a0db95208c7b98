#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <chrono>

namespace quayside::ui {

// CPU and memory samples per pod over a sliding window (15 minutes by default). Samples older than
// the window are dropped on every add, so memory stays bounded by pods × window / poll interval.
class MetricsHistory
{
public:
    struct Sample
    {
        QDateTime time;
        qint64 cpuMillicores = 0;
        qint64 memoryBytes = 0;
    };

    explicit MetricsHistory(std::chrono::seconds window = std::chrono::minutes(15));

    // Call prune() after a batch of adds.
    void add(const QString& pod, const Sample& sample);
    // Drops samples older than the window and forgets pods without any left.
    void prune(const QDateTime& now);
    void clear() { m_samples.clear(); }

    QStringList pods() const;
    const QList<Sample>& samples(const QString& pod) const;
    std::chrono::seconds window() const { return m_window; }
    int sampleCount() const;

private:
    std::chrono::seconds m_window;
    QHash<QString, QList<Sample>> m_samples;
};

} // namespace quayside::ui
