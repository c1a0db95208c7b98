#pragma once

#include "kube/PodSummary.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <optional>

namespace quayside::kube {

class Informer;

// Typed, cached access to the pods of a pod Informer, for tables that redraw often: a PodSummary is
// derived once per resourceVersion, and the owning Deployment is resolved through the ReplicaSet
// informer when one is given (pod -> ReplicaSet -> Deployment, the real ownership chain), else from
// the ReplicaSet naming rule.
class PodView : public QObject
{
    Q_OBJECT
public:
    explicit PodView(const Informer* pods, const Informer* replicaSets = nullptr, QObject* parent = nullptr);

    std::optional<PodSummary> summary(const QString& uid) const;
    // Every pod, sorted by name.
    QList<PodSummary> summaries() const;
    // The Deployment owning a ReplicaSet of this namespace, or empty.
    QString deploymentOfReplicaSet(const QString& nameSpace, const QString& replicaSetName) const;

private:
    struct Cached
    {
        QString resourceVersion;
        PodSummary summary;
    };

    QPointer<const Informer> m_pods;
    QPointer<const Informer> m_replicaSets;
    mutable QHash<QString, Cached> m_cache;
};

} // namespace quayside::kube
