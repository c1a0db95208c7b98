#pragma once

#include "pipeline/ImageDelivery.h"

namespace quayside {

// For container runtimes other than Docker (containerd, cri-o) and for multi-node clusters, where
// docker-env does not work (it reaches one node's daemon, and minikube refuses it with several nodes):
// build with the host's docker, then `minikube image load` copies the image into the nodes. Slower
// (the image travels as a tarball, without progress) but works with every runtime and node count.
class HostImageLoadDelivery final : public ImageDelivery
{
public:
    explicit HostImageLoadDelivery(QString minikubeProfile, QString reason = {});

    QString name() const override { return QStringLiteral("host-build+image-load"); }
    QString description() const override;
    ToolCommand existsCommand(const QString& reference) const override;
    bool exists(const ToolResult& result, const QString& reference) const override;
    QList<ToolCommand> deliverCommands(const QString& reference) const override;
    QList<CommandPreview::Line> previewSetup() const override;

private:
    QString m_profile;
    QString m_reason;
};

} // namespace quayside
