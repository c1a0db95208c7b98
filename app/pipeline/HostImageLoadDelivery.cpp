#include "pipeline/HostImageLoadDelivery.h"

namespace quayside {

HostImageLoadDelivery::HostImageLoadDelivery(QString minikubeProfile, QString reason)
    : m_profile(std::move(minikubeProfile))
    , m_reason(std::move(reason))
{ }

QString HostImageLoadDelivery::description() const
{
    QString text = QStringLiteral("building with the host's Docker, then `minikube image load`");
    if (!m_reason.isEmpty())
        text += QStringLiteral(" (%1)").arg(m_reason);
    return text;
}

ToolCommand HostImageLoadDelivery::existsCommand(const QString& reference) const
{
    Q_UNUSED(reference);
    ToolCommand command;
    command.program = QStringLiteral("minikube");
    command.arguments = QStringList { QStringLiteral("-p"), m_profile, QStringLiteral("image"), QStringLiteral("ls") };
    command.timeout = kQueryTimeout;
    return command;
}

bool HostImageLoadDelivery::exists(const ToolResult& result, const QString& reference) const
{
    if (!result.ok())
        return false;
    // The runtime lists fully qualified names: docker.io/library/todo-backend:3f2a9c1d0b7e.
    const QStringList lines = result.stdoutText().split(QLatin1Char('\n'));
    for (const QString& raw : lines) {
        const QString line = raw.trimmed();
        if (line == reference || line.endsWith(QLatin1Char('/') + reference))
            return true;
    }
    return false;
}

QList<ToolCommand> HostImageLoadDelivery::deliverCommands(const QString& reference) const
{
    ToolCommand command;
    command.program = QStringLiteral("minikube");
    command.arguments
        = QStringList { QStringLiteral("-p"), m_profile, QStringLiteral("image"), QStringLiteral("load"), reference };
    command.timeout = kDeliverTimeout;
    return { command };
}

QList<CommandPreview::Line> HostImageLoadDelivery::previewSetup() const
{
    // The reason (another runtime, several nodes) is what tells a reader why docker-env is not used.
    QString comment = QStringLiteral("Build with the host's Docker, then load each image into minikube");
    if (!m_reason.isEmpty())
        comment += QStringLiteral(" (%1)").arg(m_reason);
    return { { comment, {} } };
}

} // namespace quayside
