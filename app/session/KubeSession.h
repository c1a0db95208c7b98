#pragma once

#include "kube/RestConfig.h"
#include "workspace/ClusterTarget.h"

#include <QObject>
#include <QString>

#include <memory>

namespace quayside::kube {
class KubeClient;
}

namespace quayside {

// What every cluster command (and `quayside mcp`'s tools) starts with: the workspace's cluster target
// resolved to a client.
class KubeSession
{
public:
    KubeSession();
    ~KubeSession();

    // False with a one-line message ("<file>: user "minikube": client-key: cannot read ...").
    bool open(const ClusterTarget& target, QObject* parent, QString* error);

    kube::KubeClient* client() const { return m_client; }
    const kube::RestConfig& config() const { return m_config; }
    const QString& nameSpace() const { return m_config.nameSpace; }
    const QString& contextName() const { return m_config.contextName; }

    // "deploy/NAME", "deployment/NAME", "deployments.apps/NAME", "pod/NAME", "po/NAME" or a bare NAME
    // (a pod, as kubectl reads it). kind comes back as "deployment" or "pod".
    static bool parseTarget(const QString& text, QString* kind, QString* name, QString* error);

private:
    kube::RestConfig m_config;
    kube::KubeClient* m_client = nullptr;
};

} // namespace quayside
