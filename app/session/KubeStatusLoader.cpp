#include "session/KubeStatusLoader.h"

#include "kube/ApiResource.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"
#include "kube/MetricsPoller.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace quayside {

namespace {

// ReplicaSet name -> Deployment, from a ReplicaSetList.
QHash<QString, QString> replicaSetOwners(const QJsonArray& items)
{
    QHash<QString, QString> owners;
    for (const QJsonValue& v : items) {
        const QJsonObject metadata = v.toObject().value(QLatin1String("metadata")).toObject();
        for (const QJsonValue& ref : metadata.value(QLatin1String("ownerReferences")).toArray()) {
            const QJsonObject owner = ref.toObject();
            if (owner.value(QLatin1String("controller")).toBool()
                && owner.value(QLatin1String("kind")).toString() == QLatin1String("Deployment"))
                owners.insert(metadata.value(QLatin1String("name")).toString(),
                              owner.value(QLatin1String("name")).toString());
        }
    }
    return owners;
}

QJsonArray itemsOf(const QByteArray& list)
{
    return QJsonDocument::fromJson(list).object().value(QLatin1String("items")).toArray();
}

} // namespace

KubeStatusLoader::KubeStatusLoader(kube::KubeClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{ }

KubeStatusLoader::~KubeStatusLoader()
{
    abort();
}

void KubeStatusLoader::abort()
{
    for (const QPointer<kube::KubeReply>& reply : std::as_const(m_replies)) {
        if (reply)
            reply->abort();
    }
    m_replies.clear();
    m_pending = 0;
}

void KubeStatusLoader::load(const QString& contextName, const QString& nameSpace)
{
    abort();
    m_snapshot = KubeStatusSnapshot();
    m_snapshot.context = contextName;
    m_snapshot.nameSpace = nameSpace;
    m_snapshot.connected = true;
    m_deployments.clear();
    m_pods.clear();
    m_replicaSets.clear();
    m_metrics.clear();
    m_metricsOk = false;
    if (!m_client) {
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(false, QStringLiteral("no connection to the cluster")); });
        return;
    }
    request(List::Deployments, kube::ApiResource::deployments().path(nameSpace));
    request(List::Pods, kube::ApiResource::pods().path(nameSpace));
    request(List::ReplicaSets, kube::ApiResource::replicaSets().path(nameSpace));
    request(List::Metrics, QStringLiteral("/apis/metrics.k8s.io/v1beta1/namespaces/%1/pods").arg(nameSpace));
}

void KubeStatusLoader::request(List list, const QString& path)
{
    kube::KubeReply* reply = m_client->get(path);
    m_replies.append(reply);
    ++m_pending;
    connect(reply, &kube::KubeReply::finished, this, [this, list, reply] { onReply(list, reply); });
}

void KubeStatusLoader::onReply(List list, kube::KubeReply* reply)
{
    m_replies.removeAll(reply);
    --m_pending;
    if (!reply->ok()) {
        if (list != List::Metrics) {
            const QString error = reply->error().message();
            abort();
            Q_EMIT finished(false, error);
            return;
        }
    } else {
        switch (list) {
        case List::Deployments:
            m_deployments = reply->body();
            break;
        case List::Pods:
            m_pods = reply->body();
            break;
        case List::ReplicaSets:
            m_replicaSets = reply->body();
            break;
        case List::Metrics:
            m_metrics = reply->body();
            m_metricsOk = true;
            break;
        }
    }
    if (m_pending == 0)
        assemble();
}

void KubeStatusLoader::assemble()
{
    for (const QJsonValue& v : itemsOf(m_deployments))
        m_snapshot.deployments.append(kube::DeploymentSummary::fromJson(v.toObject()));
    const QHash<QString, QString> owners = replicaSetOwners(itemsOf(m_replicaSets));
    const auto ownerOf = [&owners](const QString& rs) { return owners.value(rs); };
    for (const QJsonValue& v : itemsOf(m_pods))
        m_snapshot.pods.append(kube::PodSummary::fromJson(v.toObject(), ownerOf));
    if (m_metricsOk)
        m_snapshot.metrics = kube::MetricsPoller::parse(m_metrics);
    m_snapshot.sort();
    Q_EMIT finished(true, {});
}

} // namespace quayside
