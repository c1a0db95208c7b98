#pragma once

#include "kube/KubeError.h"
#include "kube/LogOptions.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

#include <algorithm>
#include <deque>
#include <limits>

namespace quayside::kube {

class KubeClient;
class StreamReader;

// The log of one container: GET .../pods/{pod}/log as a stream of lines.
//
// Buffering policy (bounded, lossless): lines wait in a queue of at most capacity() lines (plus the
// one 64 KiB slice of the network stream that crossed the limit). When the queue is full the stream is paused, the HTTP
// reply's 1 MiB buffer fills and TCP flow control slows the server down; reading below half the
// capacity resumes it. A consumer slower than the container therefore lags behind (as `kubectl
// logs -f | less` does) but memory never grows past capacity + 1 MiB. Nothing is dropped.
//
// Consumers pull: readyRead() says lines are waiting, read() takes them in a batch.
class LogStream : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultCapacity = 10'000;

    LogStream(KubeClient* client, QString nameSpace, QString pod, QString container, LogOptions options,
              QObject* parent = nullptr);
    ~LogStream() override;

    void start();
    void stop();
    void setCapacity(int lines) { m_capacity = std::max(1, lines); }
    int capacity() const { return m_capacity; }

    const QString& pod() const { return m_pod; }
    const QString& container() const { return m_container; }

    // Up to maxLines queued lines, oldest first.
    QList<QByteArray> read(int maxLines = std::numeric_limits<int>::max());
    int available() const { return static_cast<int>(m_queue.size()); }
    bool isStreamFinished() const { return m_finished; }
    // The stream ended and every line has been read.
    bool atEnd() const { return m_finished && m_queue.empty(); }
    const KubeError& error() const { return m_error; }
    bool isPaused() const;

Q_SIGNALS:
    void readyRead();
    // The HTTP stream ended (lines may still be queued); error() tells why, empty when the container
    // stopped or the whole log was sent.
    void finished();

private:
    void onLines(const QList<QByteArray>& lines);

    KubeClient* m_client;
    QString m_nameSpace;
    QString m_pod;
    QString m_container;
    LogOptions m_options;
    QPointer<StreamReader> m_stream;
    std::deque<QByteArray> m_queue;
    int m_capacity = kDefaultCapacity;
    KubeError m_error;
    bool m_finished = false;
};

} // namespace quayside::kube
