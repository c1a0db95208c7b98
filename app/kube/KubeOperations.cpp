#include "kube/KubeOperations.h"

#include "kube/ApiResource.h"
#include "kube/DeploymentSummary.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"

#include <QJsonDocument>
#include <QPointer>

namespace quayside::kube {

KubeOperations::KubeOperations(KubeClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_clock(&Clock::instance())
{ }

KubeReply* KubeOperations::scale(const QString& nameSpace, const QString& deployment, int replicas)
{
    const QJsonObject body { { QStringLiteral("spec"), QJsonObject { { QStringLiteral("replicas"), replicas } } } };
    return m_client->patch(ApiResource::deployments().path(nameSpace, deployment, QStringLiteral("scale")), body,
                           KubeClient::PatchType::Merge);
}

KubeReply* KubeOperations::getDeployment(const QString& nameSpace, const QString& deployment)
{
    return m_client->get(ApiResource::deployments().path(nameSpace, deployment));
}

KubeReply* KubeOperations::deletePod(const QString& nameSpace, const QString& pod)
{
    return m_client->remove(ApiResource::pods().path(nameSpace, pod));
}

KubeReply* KubeOperations::restart(const QString& nameSpace, const QString& deployment)
{
    auto* result = new KubeReply(this);
    QPointer<KubeReply> guard(result);
    KubeReply* get = getDeployment(nameSpace, deployment);
    result->setCanceller([get = QPointer<KubeReply>(get)] {
        if (get)
            get->abort();
    });
    connect(get, &KubeReply::finished, this, [this, get, guard, nameSpace, deployment] {
        if (!guard)
            return;
        if (!get->ok()) {
            guard->complete(get->httpStatus(), get->body(), get->error());
            return;
        }
        const DeploymentSummary summary = DeploymentSummary::fromJson(get->json());
        if (summary.paused) {
            // kubectl's own words (polymorphichelpers/objectrestarter.go).
            guard->completeWithError(KubeError(
                KubeError::Kind::Status,
                QStringLiteral("deployments.apps \"%1\" can't restart paused deployment (run rollout resume first)")
                    .arg(deployment),
                409, QStringLiteral("Conflict")));
            return;
        }
        const QString now = m_clock->now().toUTC().toString(Qt::ISODate);
        const QJsonObject patch {
            { QStringLiteral("spec"),
              QJsonObject {
                  { QStringLiteral("template"),
                    QJsonObject { { QStringLiteral("metadata"),
                                    QJsonObject { { QStringLiteral("annotations"),
                                                    QJsonObject { { QStringLiteral("kubectl.kubernetes.io/restartedAt"),
                                                                    now } } } } } } } } }
        };
        KubeReply* patchReply = m_client->patch(ApiResource::deployments().path(nameSpace, deployment), patch,
                                                KubeClient::PatchType::StrategicMerge);
        guard->setCanceller([patchReply = QPointer<KubeReply>(patchReply)] {
            if (patchReply)
                patchReply->abort();
        });
        connect(patchReply, &KubeReply::finished, guard, [guard, patchReply] {
            guard->complete(patchReply->httpStatus(), patchReply->body(), patchReply->error());
        });
    });
    return result;
}

} // namespace quayside::kube
