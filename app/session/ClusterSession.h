#pragma once

#include "kube/KubeconfigLoader.h"

#include <QObject>
#include <QStringList>

#include <chrono>
#include <memory>

namespace quayside::kube {
class InformerSet;
class KubeClient;
class KubeOperations;
class MetricsPoller;
} // namespace quayside::kube

namespace quayside {

// One cluster (a kubeconfig context) and one namespace, live: the client, the informers, the
// operations and the metrics poller that the dashboard's panels share. Switching namespace replaces
// the informers and the poller (the only time views reset); the client and its connections stay.
class ClusterSession : public QObject
{
    Q_OBJECT
public:
    explicit ClusterSession(kube::KubeconfigLoader::Options options, QObject* parent = nullptr);
    ~ClusterSession() override;

    // Loads the kubeconfig and starts watching. False with `error` set (file and field named) when
    // the kubeconfig cannot be used; the session then stays closed and can be opened again.
    bool open(QString* error);
    bool isOpen() const { return m_client != nullptr; }
    void setNamespace(const QString& nameSpace);
    // Lists again from scratch (F5): new informers, same namespace.
    void relist();
    // Asks the API for the namespaces (for the switcher); answered by namespacesListed().
    void listNamespaces();
    // How often CPU and memory are polled (default 15 s, metrics-server's own pace). Shorter only for
    // demos and tests: it multiplies requests to the API server.
    void setMetricsInterval(std::chrono::milliseconds interval);

    QString contextName() const;
    QString serverDisplay() const;
    QString nameSpace() const { return m_nameSpace; }

    kube::KubeClient* client() const { return m_client.get(); }
    kube::InformerSet* informers() const { return m_informers; }
    kube::KubeOperations* operations() const { return m_operations; }
    kube::MetricsPoller* metrics() const { return m_metrics; }

Q_SIGNALS:
    // The informers and poller were replaced (open, namespace switch, relist): rebind views.
    void sourcesChanged();
    void namespacesListed(const QStringList& namespaces);

private:
    void startWatching();

    kube::KubeconfigLoader::Options m_options;
    std::unique_ptr<kube::KubeClient> m_client;
    kube::KubeOperations* m_operations = nullptr;
    kube::InformerSet* m_informers = nullptr;
    kube::MetricsPoller* m_metrics = nullptr;
    QString m_nameSpace;
    std::chrono::milliseconds m_metricsInterval { 0 };
};

} // namespace quayside
