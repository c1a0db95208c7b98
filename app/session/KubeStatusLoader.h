#pragma once

#include "session/KubeStatusSnapshot.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace quayside::kube {
class KubeClient;
class KubeReply;
} // namespace quayside::kube

namespace quayside {

// One look at a namespace for `quayside status` and the MCP status tool: the Deployments, Pods and
// ReplicaSets (a pod's Deployment is its ReplicaSet's owner) and the pod metrics, requested at once.
// Asynchronous: finished() once per load(). ok is false when one of the lists failed (the other
// requests are then aborted); metrics-server missing is not a failure, the snapshot has no metrics.
class KubeStatusLoader : public QObject
{
    Q_OBJECT
public:
    explicit KubeStatusLoader(kube::KubeClient* client, QObject* parent = nullptr);
    ~KubeStatusLoader() override;

    // A load while one runs replaces it (the first one's finished() is not emitted).
    void load(const QString& contextName, const QString& nameSpace);
    void abort();

    // Complete (and sorted) after finished(true).
    const KubeStatusSnapshot& snapshot() const { return m_snapshot; }

Q_SIGNALS:
    void finished(bool ok, const QString& error);

private:
    enum class List { Deployments, Pods, ReplicaSets, Metrics };
    void request(List list, const QString& path);
    void onReply(List list, kube::KubeReply* reply);
    void assemble();

    QPointer<kube::KubeClient> m_client;
    QList<QPointer<kube::KubeReply>> m_replies;
    KubeStatusSnapshot m_snapshot;
    QByteArray m_deployments;
    QByteArray m_pods;
    QByteArray m_replicaSets;
    QByteArray m_metrics;
    bool m_metricsOk = false;
    int m_pending = 0;
};

} // namespace quayside
