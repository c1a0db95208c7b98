#include "pipeline/ImageDelivery.h"

namespace quayside {

ToolCommand ImageDelivery::buildCommand(const BuildRequest& request) const
{
    ToolCommand command;
    command.program = QStringLiteral("docker");
    command.arguments << QStringLiteral("build") << QStringLiteral("-f") << request.dockerfile << QStringLiteral("-t")
                      << request.reference;
    for (auto it = request.buildArgs.cbegin(); it != request.buildArgs.cend(); ++it)
        command.arguments << QStringLiteral("--build-arg") << it.key() + QLatin1Char('=') + it.value();
    if (!request.hash.isEmpty())
        command.arguments << QStringLiteral("--label") << QStringLiteral("io.quayside.context-hash=") + request.hash;
    command.arguments << request.contextDirectory;
    command.environment = dockerEnvironment();
    command.timeout = kBuildTimeout;
    // A build log can be long; lines stream to the step, and only the tail is kept for errors.
    command.captureOutput = false;
    return command;
}

} // namespace quayside
