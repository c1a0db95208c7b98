#include "secrets/KubeSecretApi.h"

#include "kube/KubeClient.h"

#include <QTimer>

namespace quayside {

KubeSecretApi::KubeSecretApi(kube::KubeClient* client)
    : m_client(client)
{ }

void KubeSecretApi::create(const QString& collectionPath, const QByteArray& body, QObject* context, Callback done)
{
    send("POST", collectionPath, body, "application/json", context, std::move(done));
}

void KubeSecretApi::patchJson(const QString& path, const QByteArray& patch, QObject* context, Callback done)
{
    send("PATCH", path, patch, "application/json-patch+json", context, std::move(done));
}

void KubeSecretApi::send(QByteArray method, const QString& path, const QByteArray& body, QByteArray contentType,
                         QObject* context, Callback done)
{
    if (!m_client) {
        QTimer::singleShot(0, context, [done] { done({ 0, {}, QStringLiteral("No connection to a cluster.") }); });
        return;
    }
    kube::KubeRequest request;
    request.method = std::move(method);
    request.path = path;
    request.body = body;
    request.contentType = std::move(contentType);
    kube::KubeReply* reply = m_client->send(std::move(request));
    QObject::connect(reply, &kube::KubeReply::finished, context, [reply, done] {
        Response response;
        response.httpStatus = reply->httpStatus();
        if (reply->ok()) {
            if (response.httpStatus == 0)
                response.httpStatus = 200;
        } else {
            response.reason = reply->error().reason();
            response.message = reply->error().message();
            // A transport failure has no HTTP status; keep 0 so callers do not mistake it for an answer.
            if (reply->error().kind() != kube::KubeError::Kind::Status)
                response.httpStatus = 0;
        }
        done(response);
    });
}

} // namespace quayside
