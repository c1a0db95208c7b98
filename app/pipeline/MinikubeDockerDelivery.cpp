#include "pipeline/MinikubeDockerDelivery.h"

namespace quayside {

MinikubeDockerDelivery::MinikubeDockerDelivery(QString minikubeProfile, QMap<QString, QString> environment)
    : m_profile(std::move(minikubeProfile))
    , m_environment(std::move(environment))
{ }

QString MinikubeDockerDelivery::description() const
{
    return QStringLiteral("building in minikube's Docker daemon (%1)")
        .arg(m_environment.value(QStringLiteral("DOCKER_HOST")));
}

ToolCommand MinikubeDockerDelivery::existsCommand(const QString& reference) const
{
    ToolCommand command;
    command.program = QStringLiteral("docker");
    command.arguments = QStringList { QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
                                      QStringLiteral("{{.Id}}"), reference };
    command.environment = m_environment;
    command.timeout = kQueryTimeout;
    return command;
}

bool MinikubeDockerDelivery::exists(const ToolResult& result, const QString& reference) const
{
    Q_UNUSED(reference);
    // dockerd prints "sha256:<hex>"; other engines serving the Docker API may print the bare hex.
    return result.ok() && !result.stdoutText().trimmed().isEmpty();
}

QList<ToolCommand> MinikubeDockerDelivery::deliverCommands(const QString& reference) const
{
    Q_UNUSED(reference);
    return {};
}

QList<CommandPreview::Line> MinikubeDockerDelivery::previewSetup() const
{
    return {
        { QStringLiteral("Point docker at minikube's Docker daemon (this shell only)"),
          QStringLiteral("eval $(minikube -p %1 docker-env --shell bash)").arg(CommandPreview::quote(m_profile)) }
    };
}

} // namespace quayside
