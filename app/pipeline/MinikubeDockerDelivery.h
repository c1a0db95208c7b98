#pragma once

#include "pipeline/ImageDelivery.h"

namespace quayside {

// Builds in minikube's own Docker daemon, reached through the environment `minikube docker-env`
// prints (set on the docker child process; nothing is eval'd). The image is then already on the
// node: no save, no load, and pods with imagePullPolicy IfNotPresent find it.
class MinikubeDockerDelivery final : public ImageDelivery
{
public:
    MinikubeDockerDelivery(QString minikubeProfile, QMap<QString, QString> environment);

    QString name() const override { return QStringLiteral("minikube-docker"); }
    QString description() const override;
    QMap<QString, QString> dockerEnvironment() const override { return m_environment; }
    ToolCommand existsCommand(const QString& reference) const override;
    bool exists(const ToolResult& result, const QString& reference) const override;
    QList<ToolCommand> deliverCommands(const QString& reference) const override;
    QList<CommandPreview::Line> previewSetup() const override;

private:
    QString m_profile;
    QMap<QString, QString> m_environment;
};

} // namespace quayside
