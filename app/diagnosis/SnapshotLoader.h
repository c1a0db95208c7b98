#pragma once

#include "diagnosis/SnapshotCache.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace quayside::kube {
class KubeClient;
class KubeReply;
} // namespace quayside::kube

namespace quayside::diagnosis {

class PreviousLogFetcher;

// One consistent look at a namespace for a one-shot diagnosis (`quayside diagnose`, the rollout step):
// the list requests the rules need, sent at once through the KubeClient, then the previous log of every
// crash-looping container (PreviousLogFetcher). Asynchronous: finished() once per load().
//
// ok is false when a namespaced list failed (the cluster is unreachable, the namespace forbidden); the
// Nodes list (cluster-scoped: often forbidden to a namespaced user) and the metrics request (no
// metrics-server) may fail without that: the cache then has no nodes, or a metricsProblem().
class SnapshotLoader : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool services = true; // with their Endpoints
        bool events = true;
        bool nodes = true;
        bool metrics = true; // metrics.k8s.io pod metrics
        bool previousLogs = true; // after the lists: the previous run's log of crash-looping containers
    };

    explicit SnapshotLoader(kube::KubeClient* client, QObject* parent = nullptr);
    ~SnapshotLoader() override;

    // A load while one runs replaces it (the first one's finished() is not emitted).
    void load(const QString& nameSpace, const Options& options);
    void load(const QString& nameSpace) { load(nameSpace, Options()); }
    void abort();
    bool isLoading() const { return m_loading; }

    // Complete after finished(true).
    const SnapshotCache& cache() const { return m_cache; }

Q_SIGNALS:
    void finished(bool ok, const QString& error);

private:
    enum class List { Pods, Deployments, ReplicaSets, Services, Endpoints, Events, Nodes, Metrics };
    void request(List list, const QString& path);
    void onReply(List list, kube::KubeReply* reply);
    void listsDone();
    void done(bool ok, const QString& error);

    QPointer<kube::KubeClient> m_client;
    PreviousLogFetcher* m_logs = nullptr;
    SnapshotCache m_cache;
    Options m_options;
    QList<QPointer<kube::KubeReply>> m_replies;
    QString m_error;
    int m_pending = 0;
    int m_logsPending = 0;
    bool m_loading = false;
};

} // namespace quayside::diagnosis
