#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace quayside::test {

// One request as the fake API server received it, for assertions ("the client sent a strategic merge
// patch with the restartedAt annotation", "the relist used resourceVersion=\"\"").
struct RecordedRequest
{
    enum class Auth {
        None, // no credentials: answered 401
        ClientCertificate, // a client certificate the server's CA issued and that is in its validity period
        BearerToken, // Authorization: Bearer <token> matching FakeApiServer::addBearerToken
        Rejected, // credentials were presented but were expired, unknown or from another CA: answered 401
    };

    qint64 sequence = 0; // 1, 2, 3 ... in arrival order, over the server's lifetime
    QDateTime receivedAt; // UTC
    QString method; // "GET", "PATCH" ...
    QString path; // decoded path without the query: "/api/v1/namespaces/todo-app/pods"
    QUrlQuery query; // e.g. query.queryItemValue("resourceVersion")
    QByteArray rawQuery; // exactly as sent, without the '?'
    QByteArray contentType; // request Content-Type header, empty when absent
    QByteArray accept; // request Accept header
    QByteArray userAgent;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // all request headers, names lower-cased
    Auth auth = Auth::None;
    QString user; // authenticated user: the client certificate's CN or the token's user name
    QStringList groups; // the certificate's O entries, or the token's groups
    QString clientCertificateCommonName; // CN of the presented client certificate, even when rejected
    QByteArray bearerToken; // the presented token, even when rejected
    int status = 0; // HTTP status answered (200 for streams that started); 0 if the client went away first
    bool watch = false; // a ?watch=true request
    bool injectedFault = false; // answered by a fault control (failNextRequests), not by the API

    QByteArray header(const QByteArray& lowerCaseName) const
    {
        for (const auto& [name, value] : headers) {
            if (name == lowerCaseName)
                return value;
        }
        return {};
    }
};

} // namespace quayside::test
