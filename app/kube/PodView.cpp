#include "kube/PodView.h"

#include "kube/Informer.h"
#include "kube/OwnerReference.h"

#include <algorithm>

namespace quayside::kube {

PodView::PodView(const Informer* pods, const Informer* replicaSets, QObject* parent)
    : QObject(parent)
    , m_pods(pods)
    , m_replicaSets(replicaSets)
{
    connect(pods, &Informer::objectsChanged, this,
            [this](const QStringList&, const QStringList&, const QStringList& removed) {
                for (const QString& uid : removed)
                    m_cache.remove(uid);
            });
}

QString PodView::deploymentOfReplicaSet(const QString& nameSpace, const QString& replicaSetName) const
{
    if (!m_replicaSets)
        return {};
    const ObjectStore::Entry* entry
        = m_replicaSets->store().find(m_replicaSets->store().uidOf(nameSpace, replicaSetName));
    return entry ? OwnerReference::deploymentOfReplicaSet(entry->object()) : QString();
}

std::optional<PodSummary> PodView::summary(const QString& uid) const
{
    if (!m_pods)
        return std::nullopt;
    const ObjectStore::Entry* entry = m_pods->store().find(uid);
    if (!entry) {
        m_cache.remove(uid);
        return std::nullopt;
    }
    auto it = m_cache.find(uid);
    if (it == m_cache.end() || it->resourceVersion != entry->resourceVersion || it->resourceVersion.isEmpty()) {
        Cached cached { entry->resourceVersion, PodSummary::fromJson(entry->object()) };
        it = m_cache.insert(uid, std::move(cached));
    }
    PodSummary result = it->summary;
    // Resolved on every call: the ReplicaSet may arrive after its pods.
    if (result.ownerKind == QLatin1String("ReplicaSet")) {
        const QString deployment = deploymentOfReplicaSet(result.nameSpace, result.ownerName);
        if (!deployment.isEmpty())
            result.deployment = deployment;
    }
    return result;
}

QList<PodSummary> PodView::summaries() const
{
    QList<PodSummary> result;
    if (!m_pods)
        return result;
    const QStringList uids = m_pods->store().uids();
    result.reserve(uids.size());
    for (const QString& uid : uids) {
        if (auto s = summary(uid))
            result.append(std::move(*s));
    }
    std::sort(result.begin(), result.end(), [](const PodSummary& a, const PodSummary& b) { return a.name < b.name; });
    return result;
}

} // namespace quayside::kube
