#pragma once

#include "core/Clock.h"

#include <QObject>
#include <QString>

namespace quayside::kube {

class KubeClient;
class KubeReply;

// The changes a user makes from the dashboard or the command line, each the same request kubectl
// sends, so the cluster's audit log and admission see what they would see from kubectl.
class KubeOperations : public QObject
{
    Q_OBJECT
public:
    explicit KubeOperations(KubeClient* client, QObject* parent = nullptr);
    void setClock(const Clock* clock) { m_clock = clock ? clock : &Clock::instance(); }

    // PATCH .../deployments/NAME/scale {"spec":{"replicas":N}} (merge patch). The reply is the Scale.
    KubeReply* scale(const QString& nameSpace, const QString& deployment, int replicas);
    // kubectl rollout restart: GET the Deployment (refused when paused, as kubectl refuses), then a
    // strategic merge patch of spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"]
    // = now (RFC 3339). The reply is the patched Deployment.
    KubeReply* restart(const QString& nameSpace, const QString& deployment);
    KubeReply* deletePod(const QString& nameSpace, const QString& pod);
    KubeReply* getDeployment(const QString& nameSpace, const QString& deployment);

private:
    KubeClient* m_client;
    const Clock* m_clock;
};

} // namespace quayside::kube
