#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>

namespace quayside::test {

class FakeApiServer;

// A deliberately plain client for the fake server's own tests: synchronous requests (an event loop
// spins meanwhile, so an in-process server keeps serving) and a raw HTTPS stream that keeps the
// chunk framing visible, which QNetworkAccessManager hides.
class ApiTestClient : public QObject
{
    Q_OBJECT
public:
    enum class Credentials { ClientCertificate, ExpiredClientCertificate, ForeignClientCertificate, None };

    struct Reply
    {
        int status = 0;
        QByteArray body;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString errorString;
        QList<QPair<QByteArray, QByteArray>> headers;
        QJsonObject json() const;
        QByteArray header(const QByteArray& name) const;
    };

    explicit ApiTestClient(const FakeApiServer& server, Credentials credentials = Credentials::ClientCertificate,
                           bool trustServer = true);

    void setBearerToken(const QByteArray& token) { m_token = token; }
    Reply request(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body = {},
                  const QByteArray& contentType = "application/json", const QByteArray& accept = "application/json",
                  int timeoutMs = 10000);
    Reply get(const QString& pathAndQuery) { return request("GET", pathAndQuery); }

    QSslConfiguration sslConfiguration() const { return m_ssl; }
    QUrl url(const QString& pathAndQuery) const;

private:
    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl;
    QUrl m_base;
    QByteArray m_token;
};

// One streaming GET over its own TLS connection, decoding the chunked framing by hand.
class RawStream : public QObject
{
    Q_OBJECT
public:
    RawStream(const ApiTestClient& client, const QString& pathAndQuery, const QByteArray& accept = "application/json");

    bool waitForHeaders(int timeoutMs = 5000);
    bool waitForLines(int count, int timeoutMs = 5000);
    bool waitForEnd(int timeoutMs = 5000); // terminating chunk or connection closed

    int status() const { return m_status; }
    QList<QByteArray> chunks() const { return m_chunks; } // payloads, in arrival order
    QList<QByteArray> lines() const; // complete lines of the decoded body
    QList<QJsonObject> events() const; // lines parsed as JSON
    QByteArray body() const { return m_body; }
    bool endedCleanly() const { return m_terminated; } // the 0-size chunk arrived
    bool closed() const { return m_closed; }
    bool truncatedChunk() const { return m_truncated; } // closed inside a chunk its size line announced

private:
    void onReadyRead();
    bool waitFor(const std::function<bool()>& condition, int timeoutMs);

    QSslSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_body;
    QList<QByteArray> m_chunks;
    int m_status = 0;
    bool m_headersDone = false;
    bool m_terminated = false;
    bool m_closed = false;
    bool m_truncated = false;
};

} // namespace quayside::test
