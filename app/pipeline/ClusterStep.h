#pragma once

#include "pipeline/PipelineStep.h"

#include <QPointer>

namespace quayside::kube {
class KubeReply;
}

namespace quayside {

// The cluster: `minikube status`; when the profile is not running, `minikube start -p P --cpus
// --memory [--driver]` with its output streamed; the profile's addons enabled; then the API server
// asked for its version through the kubeconfig, which proves credentials and network work before
// anything is built.
class ClusterStep final : public PipelineStep
{
    Q_OBJECT
public:
    explicit ClusterStep(PipelineContext* context, QObject* parent = nullptr);
    QList<CommandPreview::Line> preview() const override;

    ToolCommand statusCommand() const;
    ToolCommand startCommand() const;
    ToolCommand addonsListCommand() const;
    ToolCommand addonEnableCommand(const QString& addon) const;

protected:
    void run() override;
    void abort() override;

private:
    void onStatus(const ToolResult& result);
    void startCluster();
    void enableAddons();
    void enableNext(QStringList remaining);
    void checkApi();

    QPointer<kube::KubeReply> m_reply;
    bool m_started = false;
    QStringList m_enabled;
};

} // namespace quayside
