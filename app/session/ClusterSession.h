#pragma once

#include "workspace/ClusterTarget.h"

#include <QObject>
#include <QStringList>

#include <chrono>
#include <memory>

namespace quayside::kube {
class Informer;
class InformerSet;
class KubeClient;
class KubeOperations;
class MetricsPoller;
} // namespace quayside::kube

namespace quayside {

// The workspace's target, live: the client, the informers, the operations and the metrics poller that
// the dashboard's panels share, and the cluster's namespaces for the switcher. A new namespace replaces
// the informers and the poller, a new context or kubeconfig also the client (the only times views
// reset: what they showed belongs to another namespace or cluster); a relist keeps them all.
class ClusterSession : public QObject
{
    Q_OBJECT
public:
    explicit ClusterSession(ClusterTarget target, QObject* parent = nullptr);
    ~ClusterSession() override;

    // Loads the kubeconfig and starts watching. False with `error` set (file and field named) when
    // the kubeconfig cannot be used; the session then stays closed and can be opened again.
    bool open(QString* error);
    bool isOpen() const { return m_client != nullptr; }
    // Follows the workspace: the same kubeconfig files and context only switch the namespace; another
    // context reopens (a failure comes back as openFailed()). A closed session just keeps the target.
    void setTarget(const ClusterTarget& target);
    const ClusterTarget& target() const { return m_target; }
    void setNamespace(const QString& nameSpace);
    // Lists again (F5, the refresh after a deploy) on the same informers and polls metrics now: views
    // receive the difference (no sourcesChanged()), so selection, sort, scroll and the log pane's
    // target survive.
    void relist();
    // Watches the cluster's namespaces for the switcher: namespacesListed() on every change, or
    // namespacesForbidden() once when the user may not list them (RBAC: 403), in which case any name
    // can still be typed.
    void watchNamespaces();
    bool isNamespaceListForbidden() const { return m_namespacesForbidden; }
    // How often CPU and memory are polled (default 15 s, metrics-server's own pace). Shorter only for
    // demos and tests: it multiplies requests to the API server.
    void setMetricsInterval(std::chrono::milliseconds interval);

    QString contextName() const;
    QString serverDisplay() const;
    QString nameSpace() const { return m_target.nameSpace; }

    kube::KubeClient* client() const { return m_client.get(); }
    kube::InformerSet* informers() const { return m_informers; }
    kube::KubeOperations* operations() const { return m_operations; }
    kube::MetricsPoller* metrics() const { return m_metrics; }

Q_SIGNALS:
    // The informers and poller were replaced (open, namespace switch): rebind views.
    void sourcesChanged();
    void namespacesListed(const QStringList& namespaces);
    void namespacesForbidden(const QString& message);
    // setTarget() could not open the new context (the error names the file and field).
    void openFailed(const QString& error);

private:
    void startWatching();
    void close();
    void emitNamespaces();

    ClusterTarget m_target;
    std::unique_ptr<kube::KubeClient> m_client;
    kube::KubeOperations* m_operations = nullptr;
    kube::InformerSet* m_informers = nullptr;
    kube::MetricsPoller* m_metrics = nullptr;
    kube::Informer* m_namespaces = nullptr;
    bool m_namespacesForbidden = false;
    std::chrono::milliseconds m_metricsInterval { 0 };
};

} // namespace quayside
