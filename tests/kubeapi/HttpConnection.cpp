#include "HttpConnection.h"

#include <QDateTime>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>

#include <atomic>

namespace quayside::test {

namespace {

constexpr qsizetype maxHeaderBytes = 64 * 1024;
constexpr qsizetype maxBodyBytes = 64 * 1024 * 1024;

std::atomic<quint64> nextConnectionId { 1 };

// Go's url.Values.Encode writes a space as '+'; QUrlQuery does not decode that.
QUrlQuery parseQuery(const QByteArray& raw)
{
    QByteArray normalized = raw;
    normalized.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(normalized));
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket* socket, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_id(nextConnectionId++)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] { Q_EMIT bytesWritten(); });
    if (auto* ssl = qobject_cast<QSslSocket*>(socket))
        connect(ssl, &QSslSocket::encryptedBytesWritten, this, [this] { Q_EMIT bytesWritten(); });
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_closedEmitted) {
            m_closedEmitted = true;
            Q_EMIT closed();
        }
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState && !m_closedEmitted) {
            m_closedEmitted = true;
            Q_EMIT closed();
        }
    });
}

HttpConnection::~HttpConnection()
{
    if (m_socket)
        m_socket->abort();
}

bool HttpConnection::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState && !m_closedEmitted;
}

bool HttpConnection::isEncrypted() const
{
    const auto* ssl = qobject_cast<const QSslSocket*>(m_socket.data());
    return ssl && ssl->isEncrypted();
}

QSslCertificate HttpConnection::peerCertificate() const
{
    const auto* ssl = qobject_cast<const QSslSocket*>(m_socket.data());
    return ssl ? ssl->peerCertificate() : QSslCertificate();
}

qint64 HttpConnection::bytesToWrite() const
{
    if (!m_socket)
        return 0;
    qint64 pending = m_socket->bytesToWrite();
    if (const auto* ssl = qobject_cast<const QSslSocket*>(m_socket.data()))
        pending += ssl->encryptedBytesToWrite();
    return pending;
}

void HttpConnection::onReadyRead()
{
    if (!m_socket)
        return;
    m_buffer += m_socket->readAll();
    parseBuffered();
}

void HttpConnection::parseBuffered()
{
    if (m_busy || !isOpen())
        return;
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (m_buffer.size() > maxHeaderBytes)
            fail(431, "request headers too large");
        return;
    }
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        fail(400, "malformed request line");
        return;
    }
    HttpRequest request;
    request.method = requestLine[0];
    request.target = requestLine[1];
    request.keepAlive = requestLine[2] != "HTTP/1.0";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.append({ line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
    }
    const QByteArray connectionHeader = request.header("connection").toLower();
    if (connectionHeader.contains("close"))
        request.keepAlive = false;
    else if (connectionHeader.contains("keep-alive"))
        request.keepAlive = true;

    qsizetype consumed = headerEnd + 4;
    if (request.header("transfer-encoding").toLower().contains("chunked")) {
        QByteArray body;
        qsizetype position = consumed;
        while (true) {
            const qsizetype sizeEnd = m_buffer.indexOf("\r\n", position);
            if (sizeEnd < 0)
                return; // wait for more
            bool ok = false;
            const qsizetype size
                = m_buffer.mid(position, sizeEnd - position).split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0 || body.size() + size > maxBodyBytes) {
                fail(400, "malformed chunked body");
                return;
            }
            if (m_buffer.size() < sizeEnd + 2 + size + 2)
                return;
            if (size == 0) {
                // No trailers are expected from Kubernetes clients: the terminating CRLF follows.
                const qsizetype trailerEnd = m_buffer.indexOf("\r\n", sizeEnd + 2);
                if (trailerEnd < 0)
                    return;
                consumed = trailerEnd + 2;
                break;
            }
            body += m_buffer.mid(sizeEnd + 2, size);
            position = sizeEnd + 2 + size + 2;
        }
        request.body = body;
    } else {
        bool ok = true;
        const QByteArray lengthHeader = request.header("content-length");
        const qsizetype length = lengthHeader.isEmpty() ? 0 : lengthHeader.toLongLong(&ok);
        if (!ok || length < 0 || length > maxBodyBytes) {
            fail(400, "bad Content-Length");
            return;
        }
        if (m_buffer.size() < consumed + length)
            return;
        request.body = m_buffer.mid(consumed, length);
        consumed += length;
    }
    m_buffer.remove(0, consumed);

    const qsizetype question = request.target.indexOf('?');
    const QByteArray rawPath = question < 0 ? request.target : request.target.left(question);
    request.rawQuery = question < 0 ? QByteArray() : request.target.mid(question + 1);
    request.path = QUrl::fromPercentEncoding(rawPath);
    request.query = parseQuery(request.rawQuery);
    m_keepAlive = request.keepAlive;
    m_busy = true;
    Q_EMIT requestReceived(request);
}

void HttpConnection::write(const QByteArray& data)
{
    if (isOpen())
        m_socket->write(data);
}

void HttpConnection::fail(int status, const QByteArray& message)
{
    m_keepAlive = false;
    m_busy = true;
    sendResponse(status, "text/plain; charset=utf-8", message + '\n');
}

QByteArray HttpConnection::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

static QByteArray statusHead(int status, const QByteArray& contentType, const HttpConnection::Headers& extra)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpConnection::reasonPhrase(status) + "\r\n";
    head += "Cache-Control: no-cache, private\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    head += "Date: "
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1()
        + "\r\n";
    for (const auto& [name, value] : extra)
        head += name + ": " + value + "\r\n";
    return head;
}

void HttpConnection::sendResponse(int status, const QByteArray& contentType, const QByteArray& body,
                                  const Headers& extra)
{
    QByteArray head = statusHead(status, contentType, extra);
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (!m_keepAlive)
        head += "Connection: close\r\n";
    head += "\r\n";
    write(head + body);
    responseFinished();
}

void HttpConnection::beginChunked(int status, const QByteArray& contentType, const Headers& extra)
{
    QByteArray head = statusHead(status, contentType, extra);
    head += "Transfer-Encoding: chunked\r\n";
    if (!m_keepAlive)
        head += "Connection: close\r\n";
    head += "\r\n";
    m_streaming = true;
    write(head);
}

void HttpConnection::writeChunk(const QByteArray& data)
{
    if (data.isEmpty())
        return; // an empty chunk would end the stream
    write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpConnection::endChunked()
{
    if (!m_streaming)
        return;
    m_streaming = false;
    write("0\r\n\r\n");
    responseFinished();
}

void HttpConnection::writeRaw(const QByteArray& data)
{
    write(data);
}

void HttpConnection::abort()
{
    m_streaming = false;
    if (m_socket) {
        m_socket->flush();
        m_socket->abort();
    }
    if (!m_closedEmitted) {
        m_closedEmitted = true;
        Q_EMIT closed();
    }
}

void HttpConnection::responseFinished()
{
    m_busy = false;
    if (!m_keepAlive) {
        if (m_socket)
            m_socket->disconnectFromHost();
        return;
    }
    // Parse a pipelined request on the next turn of the event loop, never recursively.
    if (!m_buffer.isEmpty())
        QTimer::singleShot(0, this, &HttpConnection::parseBuffered);
}

} // namespace quayside::test
