#pragma once

#include "pipeline/ImageBuild.h"
#include "pipeline/PipelineStep.h"

namespace quayside {

// Images, built in parallel. First it asks `minikube docker-env` how to reach minikube's Docker
// daemon (falling back to a host build plus `minikube image load` for other runtimes); a multi-node
// cluster (the Cluster step counted its nodes) goes straight to `minikube image load`. Then it runs one
// ImageBuild per image. Done when every image is in the cluster under its content tag; the tags go to
// the context for the Helm step.
class ImagesStep final : public PipelineStep
{
    Q_OBJECT
public:
    explicit ImagesStep(PipelineContext* context, QObject* parent = nullptr);
    QList<CommandPreview::Line> preview() const override;

    ToolCommand dockerEnvCommand() const;
    // The hash input for an image of the profile (exposed for dry runs and tests).
    BuildContextHasher::Input hashInput(const Profile::Image& image) const;

protected:
    void run() override;
    void abort() override;

private:
    void onDockerEnv(const ToolResult& result);
    std::shared_ptr<ImageDelivery> multiNodeDelivery() const;
    void startBuilds();
    void onBuildFinished();
    void updateMessage();

    QList<ImageBuild*> m_builds;
    QMap<QString, QString> m_status; // image -> what it is doing
};

} // namespace quayside
