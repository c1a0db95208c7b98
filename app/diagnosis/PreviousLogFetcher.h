#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <chrono>

namespace quayside::kube {
class KubeClient;
class StreamReader;
} // namespace quayside::kube

namespace quayside::diagnosis {

// The last lines of a container's previous run, what `kubectl logs --previous --tail 50` shows:
// GET pods/NAME/log?container=C&previous=true&tailLines=50&limitBytes=65536. Bounded twice: the server
// is asked for at most kTailLines lines and kMaxBytes bytes, and the reader stops at kMaxBytes itself
// and keeps only the last kTailLines lines, whatever the server sends. At most kMaxConcurrent fetches
// hold a connection at a time; the rest wait in order. Asynchronous: fetched() once per fetch().
class PreviousLogFetcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTailLines = 50;
    static constexpr qint64 kMaxBytes = 64 * 1024;
    static constexpr int kMaxConcurrent = 2;
    static constexpr std::chrono::milliseconds kTimeout { 15'000 };

    explicit PreviousLogFetcher(kube::KubeClient* client, QObject* parent = nullptr);
    ~PreviousLogFetcher() override;

    // A fetch of the same container that is already queued or running is not repeated.
    void fetch(const QString& nameSpace, const QString& pod, const QString& container);
    // Drops the queue and ends running fetches; fetched() is not emitted for them.
    void abortAll();
    int pending() const { return static_cast<int>(m_queue.size() + m_running.size()); }

Q_SIGNALS:
    // `lines` oldest first; `error` the API's message when there is no previous run or the request
    // failed ("previous terminated container \"backend\" in pod \"...\" not found").
    void fetched(const QString& pod, const QString& container, const QStringList& lines, const QString& error);
    // Nothing is queued or running any more.
    void idle();

private:
    struct Request
    {
        QString nameSpace;
        QString pod;
        QString container;
        QString key() const { return nameSpace + QLatin1Char('/') + pod + QLatin1Char('/') + container; }
    };
    struct Running
    {
        Request request;
        QPointer<kube::StreamReader> stream;
        QStringList lines;
        qint64 bytes = 0;
        QObject* guard = nullptr; // owns the deadline timer
    };

    void startNext();
    void onLines(const QString& key, const QList<QByteArray>& lines);
    void finish(const QString& key, const QString& error);

    QPointer<kube::KubeClient> m_client;
    QList<Request> m_queue;
    QHash<QString, Running> m_running;
};

} // namespace quayside::diagnosis
