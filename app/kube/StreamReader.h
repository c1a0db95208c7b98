#pragma once

#include "core/LineBuffer.h"
#include "kube/KubeError.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

class QNetworkReply;

namespace quayside::kube {

// A long-lived HTTP/1.1 GET whose body is a stream of lines: a watch (one JSON event per line) or a
// followed log. Bytes are split with LineBuffer, so a line cut across TCP reads or HTTP chunks is
// carried over and comes out whole.
//
// Flow control: the underlying QNetworkReply has a bounded read buffer (1 MiB); while paused, the reader
// stops taking bytes from it, the buffer fills and TCP pushes back on the server. Lines are handed out
// in batches of at most one 64 KiB slice, so memory between the socket and the consumer is bounded by
// the reply buffer plus one slice, whatever the consumer's speed.
//
// Idle guard: when no byte arrives for idleTimeout the stream ends with a Timeout error (a half-open
// connection after a laptop sleeps or a NAT drops state). The guard is suspended while paused.
class StreamReader : public QObject
{
    Q_OBJECT
public:
    explicit StreamReader(QObject* parent = nullptr);
    ~StreamReader() override;

    static constexpr qint64 kReadBufferSize = 1024 * 1024;
    static constexpr qint64 kSliceSize = 64 * 1024;

    // For KubeClient: the reply is adopted (deleted with the reader), or an error before it could start.
    void attach(QNetworkReply* reply, std::chrono::milliseconds idleTimeout,
                std::function<KubeError(QNetworkReply*)> describeError);
    void failBeforeStart(const KubeError& error);
    void setCanceller(std::function<void()> canceller) { m_canceller = std::move(canceller); }

    bool isOpen() const { return m_open; }
    bool isFinished() const { return m_finished; }
    int httpStatus() const { return m_httpStatus; }
    const KubeError& error() const { return m_error; }
    qint64 bytesReceived() const { return m_bytes; }

    // Stops delivering lines (and reading from the network) until resumed.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Ends the stream; finished() is not emitted.
    void abort();

Q_SIGNALS:
    // The server accepted the request (HTTP 2xx headers arrived).
    void opened();
    // Complete lines from one read of the network, in order, without their newline.
    void linesReady(const QList<QByteArray>& lines);
    // The stream ended. error() is empty when the server ended it normally (watch timeoutSeconds,
    // a log stream whose container stopped).
    void finished();

private:
    void onMetaData();
    void drain();
    void onNetworkFinished();
    void finishWith(const KubeError& error);

    QPointer<QNetworkReply> m_reply;
    std::function<KubeError(QNetworkReply*)> m_describeError;
    std::function<void()> m_canceller;
    LineBuffer m_lines;
    QByteArray m_errorBody;
    QTimer m_idle;
    KubeError m_error;
    int m_httpStatus = 0;
    qint64 m_bytes = 0;
    bool m_open = false;
    bool m_paused = false;
    bool m_networkFinished = false;
    bool m_finished = false;
    bool m_idleExpired = false;
    bool m_aborted = false;
};

} // namespace quayside::kube
