#include "LogGenerator.h"

#include <QStringList>

#include <cmath>

namespace quayside::test {

namespace {

constexpr qint64 nsPerMs = 1000000;

const char* const traceback[] = {
    "Traceback (most recent call last):",
    "  File \"/app/main.py\", line 12, in <module>",
    "    DATABASE_URL = os.environ[\"DATABASE_URL\"]",
    "KeyError: 'DATABASE_URL'",
};
constexpr int tracebackLines = 4;

} // namespace

QString LogGenerator::formatRfc3339Nano(qint64 ns)
{
    const qint64 ms = ns >= 0 ? ns / nsPerMs : (ns - nsPerMs + 1) / nsPerMs;
    const qint64 fraction = ns - (ms / 1000) * 1000 * nsPerMs;
    QString text = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    QString digits = QStringLiteral("%1").arg(fraction % 1000000000, 9, 10, QLatin1Char('0'));
    while (digits.endsWith(QLatin1Char('0')))
        digits.chop(1);
    if (!digits.isEmpty())
        text += QLatin1Char('.') + digits;
    return text + QLatin1Char('Z');
}

void LogGenerator::setOptions(const Options& options, qint64 nowNs)
{
    for (auto it = m_instances.begin(); it != m_instances.end(); ++it) {
        Instance& instance = it.value();
        if (instance.stoppedNs || instance.segments.isEmpty())
            continue;
        const Segment& last = instance.segments.constLast();
        const qint64 existing = nowNs <= last.ns || last.rate <= 0
            ? last.lines
            : last.lines + static_cast<qint64>(std::floor((nowNs - last.ns) * last.rate / 1e9));
        instance.segments.append({ std::max(nowNs, last.ns), existing, options.linesPerSecond });
    }
    m_options = options;
}

void LogGenerator::started(const QString& key, int instanceNumber, qint64 startNs, const QString& flavour, int port)
{
    Instance instance;
    instance.startNs = startNs;
    instance.historyLines = std::max<qint64>(1, m_options.historyLines);
    instance.segments.append({ startNs, instance.historyLines, m_options.linesPerSecond });
    instance.flavour = flavour;
    instance.port = port;
    m_instances.insert(instanceKey(key, instanceNumber), instance);
    m_latest.insert(key, std::max(instanceNumber, m_latest.value(key, instanceNumber)));
}

void LogGenerator::stopped(const QString& key, int instanceNumber, qint64 stopNs, bool crashed, bool oomKilled)
{
    auto it = m_instances.find(instanceKey(key, instanceNumber));
    if (it == m_instances.end() || it->stoppedNs)
        return;
    const qint64 lines = lineCount(key, instanceNumber, stopNs);
    it->stoppedNs = stopNs;
    it->tailLines = crashed ? (oomKilled ? 1 : tracebackLines) : 0;
    it->oom = oomKilled;
    it->finalLines = lines + it->tailLines;
}

void LogGenerator::addFinished(const QString& key, int instanceNumber, qint64 startNs, qint64 lines, bool crashed,
                               const QString& flavour, int port)
{
    Instance instance;
    instance.startNs = startNs;
    instance.historyLines = lines;
    instance.segments.append({ startNs, lines, 0 });
    instance.flavour = flavour;
    instance.port = port;
    instance.stoppedNs = startNs;
    instance.tailLines = crashed ? tracebackLines : 0;
    instance.finalLines = lines + instance.tailLines;
    m_instances.insert(instanceKey(key, instanceNumber), instance);
    m_latest.insert(key, std::max(instanceNumber, m_latest.value(key, instanceNumber)));
}

void LogGenerator::forgetPod(const QString& podPrefix)
{
    for (auto it = m_instances.begin(); it != m_instances.end();) {
        if (it.key().startsWith(podPrefix))
            it = m_instances.erase(it);
        else
            ++it;
    }
    for (auto it = m_latest.begin(); it != m_latest.end();) {
        if (it.key().startsWith(podPrefix))
            it = m_latest.erase(it);
        else
            ++it;
    }
}

const LogGenerator::Instance* LogGenerator::find(const QString& key, int instance) const
{
    const auto it = m_instances.constFind(instanceKey(key, instance));
    return it == m_instances.constEnd() ? nullptr : &it.value();
}

bool LogGenerator::has(const QString& key, int instance) const
{
    return find(key, instance) != nullptr;
}

std::optional<int> LogGenerator::latestInstance(const QString& key) const
{
    const auto it = m_latest.constFind(key);
    if (it == m_latest.constEnd())
        return std::nullopt;
    return *it;
}

bool LogGenerator::isStopped(const QString& key, int instance) const
{
    const Instance* i = find(key, instance);
    return !i || i->stoppedNs.has_value();
}

qint64 LogGenerator::lineCount(const QString& key, int instanceNumber, qint64 nowNs) const
{
    const Instance* instance = find(key, instanceNumber);
    if (!instance)
        return 0;
    if (instance->finalLines >= 0)
        return instance->finalLines;
    const Segment& last = instance->segments.constLast();
    if (nowNs <= last.ns || last.rate <= 0)
        return last.lines;
    return last.lines + static_cast<qint64>(std::floor((nowNs - last.ns) * last.rate / 1e9));
}

qint64 LogGenerator::timestampNs(const QString& key, int instanceNumber, qint64 index) const
{
    const Instance* instance = find(key, instanceNumber);
    if (!instance)
        return 0;
    if (index < instance->historyLines)
        return instance->startNs - (instance->historyLines - 1 - index) * m_options.historyLineSpacingMs * nsPerMs;
    const qint64 regular = instance->finalLines >= 0 ? instance->finalLines - instance->tailLines : -1;
    if (regular >= 0 && index >= regular)
        return instance->stoppedNs.value_or(instance->startNs) + (index - regular) * 1000;
    for (qsizetype i = instance->segments.size() - 1; i >= 0; --i) {
        const Segment& segment = instance->segments.at(i);
        if (index >= segment.lines && segment.rate > 0)
            return segment.ns + static_cast<qint64>(std::ceil((index - segment.lines + 1) * 1e9 / segment.rate));
    }
    return instance->startNs;
}

qint64 LogGenerator::firstIndexSince(const QString& key, int instance, qint64 sinceNs, qint64 nowNs) const
{
    // Timestamps grow with the index: binary search.
    qint64 low = 0;
    qint64 high = lineCount(key, instance, nowNs);
    while (low < high) {
        const qint64 middle = low + (high - low) / 2;
        if (timestampNs(key, instance, middle) < sinceNs)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

QString LogGenerator::line(const QString& key, int instanceNumber, qint64 index) const
{
    const Instance* instance = find(key, instanceNumber);
    if (!instance)
        return {};
    if (instance->finalLines >= 0 && index >= instance->finalLines - instance->tailLines) {
        if (instance->oom)
            return QStringLiteral("Killed");
        return QString::fromLatin1(
            traceback[std::clamp<qint64>(index - (instance->finalLines - instance->tailLines), 0, tracebackLines - 1)]);
    }
    if (index == 0) {
        return QStringLiteral("INFO starting %1 instance %2 on port %3")
            .arg(instance->flavour)
            .arg(instanceNumber)
            .arg(instance->port);
    }
    if (instance->flavour == QLatin1String("frontend")) {
        static const char* const pages[]
            = { "/", "/static/js/main.js", "/static/css/main.css", "/favicon.ico", "/api/todos" };
        return QStringLiteral("INFO request %1 GET %2 200").arg(index).arg(QString::fromLatin1(pages[index % 5]));
    }
    switch (index % 5) {
    case 0:
        return QStringLiteral("INFO request %1 GET /api/health 200").arg(index);
    case 1:
        return QStringLiteral("INFO request %1 GET /api/todos 200").arg(index);
    case 2:
        return QStringLiteral("INFO request %1 POST /api/todos 201").arg(index);
    case 3:
        return QStringLiteral("INFO request %1 GET /api/todos/%2 200").arg(index).arg(index % 40);
    default:
        return QStringLiteral("INFO request %1 DELETE /api/todos/%2 204").arg(index).arg(index % 40);
    }
}

} // namespace quayside::test
