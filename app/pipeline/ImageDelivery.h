#pragma once

#include "pipeline/CommandPreview.h"
#include "process/ToolCommand.h"
#include "process/ToolResult.h"

#include <QList>
#include <QMap>
#include <QString>

#include <chrono>

namespace quayside {

// How a built image reaches the cluster. The Images step only talks to this interface, so a cluster
// beyond Minikube gets a registry-push strategy (build on the host, `docker push`, tag = registry
// reference) without the step changing:
//   MinikubeDockerDelivery   build straight into minikube's Docker daemon (docker-env): no copy at all
//   HostImageLoadDelivery    build on the host, then `minikube image load` (containerd/cri-o runtimes,
//                            multi-node clusters)
class ImageDelivery
{
public:
    struct BuildRequest
    {
        QString name; // "backend"
        QString contextDirectory;
        QString dockerfile;
        QMap<QString, QString> buildArgs;
        QString reference; // "todo-backend:3f2a9c1d0b7e"
        QString hash; // the full content hash, kept as an image label
    };

    static constexpr std::chrono::minutes kBuildTimeout { 30 };
    static constexpr std::chrono::minutes kDeliverTimeout { 15 };
    static constexpr std::chrono::seconds kQueryTimeout { 60 };

    virtual ~ImageDelivery() = default;
    virtual QString name() const = 0;
    virtual QString description() const = 0;
    // The environment docker commands run with (minikube's daemon); empty: the host's daemon.
    virtual QMap<QString, QString> dockerEnvironment() const { return {}; }

    // Asks whether `reference` is already where the cluster can use it.
    virtual ToolCommand existsCommand(const QString& reference) const = 0;
    virtual bool exists(const ToolResult& result, const QString& reference) const = 0;
    // After a successful build: what brings the image to the cluster (none, image load, push).
    virtual QList<ToolCommand> deliverCommands(const QString& reference) const = 0;
    // The shell lines that set up what dockerEnvironment() gives (for "show commands").
    virtual QList<CommandPreview::Line> previewSetup() const = 0;

    // `docker build` for the request, with dockerEnvironment().
    ToolCommand buildCommand(const BuildRequest& request) const;
};

} // namespace quayside
