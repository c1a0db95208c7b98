#pragma once

#include "HttpRequest.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTcpSocket>

namespace quayside::test {

// A hand-written HTTP/1.1 server connection (keep-alive, Content-Length and chunked request bodies,
// chunked streaming responses). Written by hand rather than with Qt HttpServer for full control of
// the chunk framing, which the fault controls need (a line split across chunks, a cut mid-chunk).
//
// One request is answered at a time: requestReceived() is emitted, then the owner answers with
// sendResponse() or beginChunked()/writeChunk()/endChunked(); the next pipelined request is parsed
// only after that. Every write is guarded: once the client has gone, writes are dropped silently.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    HttpConnection(QTcpSocket* socket, QObject* parent);
    ~HttpConnection() override;

    bool isOpen() const;
    bool isEncrypted() const;
    QSslCertificate peerCertificate() const;
    qint64 bytesToWrite() const;
    bool isStreaming() const { return m_streaming; }
    quint64 id() const { return m_id; }

    void sendResponse(int status, const QByteArray& contentType, const QByteArray& body, const Headers& extra = {});
    void beginChunked(int status, const QByteArray& contentType, const Headers& extra = {});
    void writeChunk(const QByteArray& data);
    void endChunked();
    // Bytes exactly as given (no framing): the fault controls write broken chunks with it.
    void writeRaw(const QByteArray& data);
    void abort(); // drops the TCP connection without any HTTP ending

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    void requestReceived(const quayside::test::HttpRequest& request);
    void bytesWritten(); // the socket drained some output: paced writers continue
    void closed(); // the client went away or abort(): streams on this connection stop

private:
    void onReadyRead();
    void parseBuffered();
    void responseFinished();
    void fail(int status, const QByteArray& message);
    void write(const QByteArray& data);

    QPointer<QTcpSocket> m_socket;
    QByteArray m_buffer;
    bool m_busy = false; // a request has been handed out and not answered yet
    bool m_streaming = false;
    bool m_keepAlive = true;
    bool m_closedEmitted = false;
    quint64 m_id = 0;
};

} // namespace quayside::test
