#pragma once

#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTimer>

#include <functional>

namespace quayside::test {

class HttpConnection;
class LogGenerator;

// One GET .../pods/{name}/log response: the container's lines from `firstLine` on, written in
// batches as fast as the client reads them (backpressure: at most ~1 MB buffered), then with
// follow=true further lines as the container writes them, until the container stops or the pod is
// gone. Chunked, text/plain, like the kubelet's stream proxied by the API server.
class LogStream : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QString key; // "<ns>/<pod>/<container>"
        int instance = 0;
        qint64 firstLine = 0;
        qint64 endLine = -1; // without follow: the lines existing when the request came (exclusive)
        bool follow = false;
        bool timestamps = false;
        qint64 limitBytes = -1;
        int batchMs = 20;
    };
    struct Settings
    {
        bool splitLines = false;
        int splitDelayMs = 15;
        std::function<qint64()> nowNs;
        qint64* linesSent = nullptr;
    };

    LogStream(HttpConnection* connection, const LogGenerator& logs, const Request& request, const Settings* settings,
              QObject* parent);

    void start();
    void stop(); // ends the response cleanly (server shutdown)

Q_SIGNALS:
    void finished();

private:
    void pump();
    void writePieces();
    void end();
    void close();

    QPointer<HttpConnection> m_connection;
    const LogGenerator& m_logs;
    Request m_request;
    const Settings* m_settings;
    qint64 m_next = 0;
    qint64 m_bytes = 0;
    QTimer m_follow;
    QTimer m_pieces;
    QQueue<QByteArray> m_pendingPieces;
    bool m_closed = false;
    bool m_endAfterPieces = false;
};

} // namespace quayside::test
