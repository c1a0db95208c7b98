#include "dashboard/MetricsHistory.h"

#include <algorithm>

namespace quayside::ui {

MetricsHistory::MetricsHistory(std::chrono::seconds window)
    : m_window(window)
{ }

void MetricsHistory::add(const QString& pod, const Sample& sample)
{
    QList<Sample>& list = m_samples[pod];
    // metrics-server repeats a sample until its next scrape: keep one point per timestamp.
    if (!list.isEmpty() && list.last().time == sample.time)
        list.last() = sample;
    else
        list.append(sample);
}

void MetricsHistory::prune(const QDateTime& now)
{
    const QDateTime oldest = now.addSecs(-m_window.count());
    for (auto it = m_samples.begin(); it != m_samples.end();) {
        QList<Sample>& list = it.value();
        const auto firstKept
            = std::find_if(list.begin(), list.end(), [&](const Sample& s) { return s.time >= oldest; });
        list.erase(list.begin(), firstKept);
        if (list.isEmpty())
            it = m_samples.erase(it);
        else
            ++it;
    }
}

QStringList MetricsHistory::pods() const
{
    QStringList names = m_samples.keys();
    names.sort();
    return names;
}

const QList<MetricsHistory::Sample>& MetricsHistory::samples(const QString& pod) const
{
    static const QList<Sample> none;
    auto it = m_samples.constFind(pod);
    return it == m_samples.constEnd() ? none : *it;
}

int MetricsHistory::sampleCount() const
{
    int n = 0;
    for (const auto& list : m_samples)
        n += static_cast<int>(list.size());
    return n;
}

} // namespace quayside::ui
