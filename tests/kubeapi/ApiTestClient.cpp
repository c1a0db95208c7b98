#include "ApiTestClient.h"

#include "FakeApiServer.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QSslKey>
#include <QTimer>

namespace quayside::test {

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

QJsonObject ApiTestClient::Reply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray ApiTestClient::Reply::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ApiTestClient::ApiTestClient(const FakeApiServer& server, Credentials credentials, bool trustServer)
    : m_base(server.url())
{
    m_ssl = QSslConfiguration::defaultConfiguration();
    const QString ca = trustServer ? server.caCertificatePath() : server.foreignCaCertificatePath();
    m_ssl.setCaCertificates(QSslCertificate::fromData(readFile(ca), QSsl::Pem));
    QString certificate;
    QString key;
    switch (credentials) {
    case Credentials::ClientCertificate:
        certificate = server.clientCertificatePath();
        key = server.clientKeyPath();
        break;
    case Credentials::ExpiredClientCertificate:
        certificate = server.expiredClientCertificatePath();
        key = server.expiredClientKeyPath();
        break;
    case Credentials::ForeignClientCertificate:
        certificate = server.foreignClientCertificatePath();
        key = server.foreignClientKeyPath();
        break;
    case Credentials::None:
        break;
    }
    if (!certificate.isEmpty()) {
        m_ssl.setLocalCertificate(QSslCertificate(readFile(certificate), QSsl::Pem));
        m_ssl.setPrivateKey(QSslKey(readFile(key), QSsl::Rsa, QSsl::Pem));
    }
}

QUrl ApiTestClient::url(const QString& pathAndQuery) const
{
    QUrl url = m_base;
    const qsizetype question = pathAndQuery.indexOf(QLatin1Char('?'));
    url.setPath(question < 0 ? pathAndQuery : pathAndQuery.left(question));
    if (question >= 0)
        url.setQuery(pathAndQuery.mid(question + 1));
    return url;
}

ApiTestClient::Reply ApiTestClient::request(const QByteArray& method, const QString& pathAndQuery,
                                            const QByteArray& body, const QByteArray& contentType,
                                            const QByteArray& accept, int timeoutMs)
{
    QNetworkRequest request(url(pathAndQuery));
    request.setSslConfiguration(m_ssl);
    request.setRawHeader("Accept", accept);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = QNetworkReply::TimeoutError;
        result.errorString = QStringLiteral("timed out");
    } else {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.error = reply->error();
        result.errorString = reply->errorString();
        for (const auto& pair : reply->rawHeaderPairs())
            result.headers.append(pair);
    }
    reply->deleteLater();
    return result;
}

RawStream::RawStream(const ApiTestClient& client, const QString& pathAndQuery, const QByteArray& accept)
{
    const QUrl url = client.url(pathAndQuery);
    m_socket.setSslConfiguration(client.sslConfiguration());
    connect(&m_socket, &QSslSocket::readyRead, this, &RawStream::onReadyRead);
    connect(&m_socket, &QSslSocket::disconnected, this, [this] {
        onReadyRead();
        m_closed = true;
    });
    connect(&m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            m_closed = true;
    });
    connect(&m_socket, &QSslSocket::encrypted, this, [this, url, accept] {
        QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
        if (url.hasQuery())
            target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
        m_socket.write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept
                       + "\r\nUser-Agent: RawStream\r\n\r\n");
    });
    m_socket.connectToHostEncrypted(url.host(), static_cast<quint16>(url.port()), QStringLiteral("127.0.0.1"));
}

void RawStream::onReadyRead()
{
    m_buffer += m_socket.readAll();
    if (!m_headersDone) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        m_status = m_buffer.mid(9, 3).toInt();
        m_headersDone = true;
        const bool chunked = m_buffer.left(end).toLower().contains("transfer-encoding: chunked");
        m_buffer.remove(0, end + 4);
        if (!chunked) {
            // A plain response (an error Status): keep it as one "chunk".
            m_body = m_buffer;
            m_chunks.append(m_buffer);
            m_buffer.clear();
            m_terminated = true;
            return;
        }
    }
    while (!m_terminated) {
        const qsizetype lineEnd = m_buffer.indexOf("\r\n");
        if (lineEnd < 0)
            break;
        bool ok = false;
        const qsizetype size = m_buffer.left(lineEnd).toLongLong(&ok, 16);
        if (!ok)
            break;
        if (size == 0) {
            m_terminated = true;
            break;
        }
        if (m_buffer.size() < lineEnd + 2 + size + 2) {
            m_truncated = true; // until the rest arrives
            break;
        }
        m_truncated = false;
        const QByteArray payload = m_buffer.mid(lineEnd + 2, size);
        m_chunks.append(payload);
        m_body += payload;
        m_buffer.remove(0, lineEnd + 2 + size + 2);
    }
}

bool RawStream::waitFor(const std::function<bool()>& condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition() && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return condition();
}

bool RawStream::waitForHeaders(int timeoutMs)
{
    return waitFor([this] { return m_headersDone; }, timeoutMs);
}

bool RawStream::waitForLines(int count, int timeoutMs)
{
    return waitFor([this, count] { return lines().size() >= count; }, timeoutMs);
}

bool RawStream::waitForEnd(int timeoutMs)
{
    return waitFor([this] { return m_terminated || m_closed; }, timeoutMs);
}

QList<QByteArray> RawStream::lines() const
{
    QList<QByteArray> result = m_body.split('\n');
    result.removeLast(); // the part after the last newline is not a complete line
    return result;
}

QList<QJsonObject> RawStream::events() const
{
    QList<QJsonObject> result;
    for (const QByteArray& line : lines())
        result.append(QJsonDocument::fromJson(line).object());
    return result;
}

} // namespace quayside::test
