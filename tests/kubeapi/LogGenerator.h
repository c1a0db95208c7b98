#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace quayside::test {

// The logs of every container instance, generated rather than stored: line i of a container is a
// pure function of (container, i), and how many lines exist is a function of time. So a log of a
// million lines costs nothing until served, and two followers of one container see the same lines.
//
// An instance has `history` lines when it starts (timestamps spaced back from its start), then
// gains `rate` lines per second while running. A stopped instance (crashed, finished) keeps its
// lines, ending with the crash's traceback if it crashed.
class LogGenerator
{
public:
    struct Options
    {
        qint64 historyLines = 20;
        double linesPerSecond = 2;
        int historyLineSpacingMs = 100;
    };

    void setOptions(const Options& options, qint64 nowNs);
    Options options() const { return m_options; }

    // key: "<namespace>/<pod>/<container>", instance: the container's restartCount at its start.
    void started(const QString& key, int instance, qint64 startNs, const QString& flavour, int port);
    // The instance stopped at stopNs; `crashed` appends a traceback (Error) or an OOM kill line.
    void stopped(const QString& key, int instance, qint64 stopNs, bool crashed, bool oomKilled = false);
    // Lines for an instance that ran and crashed before the server started (the crashloop scenario).
    void addFinished(const QString& key, int instance, qint64 startNs, qint64 lines, bool crashed,
                     const QString& flavour, int port);
    void forgetPod(const QString& podPrefix); // "<namespace>/<pod>/"

    bool has(const QString& key, int instance) const;
    // The newest instance of a container, if any.
    std::optional<int> latestInstance(const QString& key) const;
    bool isStopped(const QString& key, int instance) const;
    qint64 lineCount(const QString& key, int instance, qint64 nowNs) const;
    qint64 timestampNs(const QString& key, int instance, qint64 index) const;
    QString line(const QString& key, int instance, qint64 index) const;
    // First index whose timestamp is >= sinceNs.
    qint64 firstIndexSince(const QString& key, int instance, qint64 sinceNs, qint64 nowNs) const;

    // RFC 3339 with nanoseconds and trailing zeros trimmed, as Go's time.RFC3339Nano prints.
    static QString formatRfc3339Nano(qint64 ns);

private:
    // Lines from `lines` on are written at `rate` per second from `ns` on; a rate change starts a
    // new segment so lines already written keep their timestamps.
    struct Segment
    {
        qint64 ns = 0;
        qint64 lines = 0;
        double rate = 0;
    };
    struct Instance
    {
        QList<Segment> segments;
        qint64 historyLines = 0; // lines that existed when it started
        qint64 startNs = 0;
        std::optional<qint64> stoppedNs;
        qint64 finalLines = -1; // fixed line count once stopped, traceback included
        int tailLines = 0; // crash lines at the end
        bool oom = false;
        QString flavour; // "backend", "frontend", or the container name
        int port = 0;
    };
    static QString instanceKey(const QString& key, int instance)
    {
        return key + QLatin1Char('#') + QString::number(instance);
    }
    const Instance* find(const QString& key, int instance) const;

    Options m_options;
    QHash<QString, Instance> m_instances;
    QHash<QString, int> m_latest;
};

} // namespace quayside::test
