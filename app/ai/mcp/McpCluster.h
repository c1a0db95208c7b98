#pragma once

#include "diagnosis/DiagnosisContext.h"
#include "session/KubeSession.h"
#include "workspace/ClusterTarget.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace quayside {
struct Profile;
}

namespace quayside::kube {
class KubeClient;
}

namespace quayside::mcp {

// What the cluster tools act on: the workspace's cluster target (--kubeconfig, --context, -n as the
// command line resolved them) with one client for every call, and what the profile tells the diagnosis.
// The kubeconfig is read on the first call that needs it, and again after a failure, so a server
// started before `minikube start` works once the cluster is there.
class McpCluster : public QObject
{
    Q_OBJECT
public:
    // `profile` may be null; it is read here and not kept.
    McpCluster(ClusterTarget target, const Profile* profile, QObject* parent = nullptr);
    ~McpCluster() override;

    // Null with `error` set (the kubeconfig's problem) when it cannot be used.
    kube::KubeClient* client(QString* error);
    QString contextName() const;
    // The `namespace` argument, else the target's.
    QString nameSpace(const QJsonObject& arguments) const;
    const ClusterTarget& target() const { return m_target; }
    const diagnosis::DiagnosisContext& diagnosisContext() const { return m_diagnosisContext; }

private:
    ClusterTarget m_target;
    diagnosis::DiagnosisContext m_diagnosisContext;
    KubeSession m_session;
    bool m_open = false;
};

} // namespace quayside::mcp
