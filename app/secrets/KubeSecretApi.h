#pragma once

#include "secrets/SecretApi.h"

#include <QPointer>

namespace quayside::kube {
class KubeClient;
}

namespace quayside {

// SecretApi over the real Kubernetes client. Bodies go out as raw bytes (KubeClient::send), so the only
// copies of a Secret's data are ones this process can wipe, and the response bodies (which echo the
// data) are dropped unread.
class KubeSecretApi final : public SecretApi
{
public:
    explicit KubeSecretApi(kube::KubeClient* client);

    void create(const QString& collectionPath, const QByteArray& body, QObject* context, Callback done) override;
    void patchJson(const QString& path, const QByteArray& patch, QObject* context, Callback done) override;

private:
    void send(QByteArray method, const QString& path, const QByteArray& body, QByteArray contentType, QObject* context,
              Callback done);

    QPointer<kube::KubeClient> m_client;
};

} // namespace quayside
