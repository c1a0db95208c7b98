#include "doctor/DockerCheck.h"

#include "doctor/FixAdvice.h"
#include "doctor/ToolOutputParser.h"

namespace quayside {

namespace {
CheckResult clientBase()
{
    CheckResult r;
    r.id = QStringLiteral("docker");
    r.title = QStringLiteral("Docker client");
    r.minimum = DockerCheck::kMinimum.toString();
    return r;
}
CheckResult daemonBase()
{
    CheckResult r;
    r.id = QStringLiteral("docker-daemon");
    r.title = QStringLiteral("Docker engine");
    return r;
}
} // namespace

QList<CheckResult> DockerCheck::pending() const
{
    return { clientBase(), daemonBase() };
}

void DockerCheck::start()
{
    runTool(QStringLiteral("docker"), { QStringLiteral("--version") }, [this](const ToolResult& result) {
        CheckResult client = clientBase();
        if (result.outcome == ToolResult::Outcome::NotFound) {
            client.status = CheckStatus::Missing;
            client.message = QStringLiteral("Docker is not installed; Quayside builds the app's images with it.");
            client.fix = FixAdvice::installDocker(m_context.platform);
            report(client);
            CheckResult daemon = daemonBase();
            daemon.status = CheckStatus::Skipped;
            daemon.message = QStringLiteral("Skipped: the Docker client is not installed.");
            report(daemon);
            finishWhenIdle();
            return;
        }
        const QVersionNumber version = ToolOutputParser::dockerClientVersion(result.stdoutText());
        if (!result.ok() || version.isNull()) {
            report(toolFailure(client, result, QStringLiteral("docker --version")));
        } else {
            client.version = version.toString();
            if (version < kMinimum) {
                client.status = CheckStatus::Outdated;
                client.message = QStringLiteral("Docker %1 is older than %2, the oldest version Quayside supports.")
                                     .arg(client.version, client.minimum);
                client.fix = FixAdvice::installDocker(m_context.platform);
            } else {
                client.status = CheckStatus::Ok;
                client.message = QStringLiteral("Docker client %1 found at %2.").arg(client.version, result.program);
            }
            report(client);
        }
        checkDaemon();
        finishWhenIdle();
    });
}

void DockerCheck::checkDaemon()
{
    runTool(QStringLiteral("docker"), { QStringLiteral("version"), QStringLiteral("--format"), QStringLiteral("json") },
            [this](const ToolResult& result) {
                CheckResult daemon = daemonBase();
                if (result.outcome != ToolResult::Outcome::Finished) {
                    daemon = toolFailure(daemon, result, QStringLiteral("docker version"));
                    if (result.outcome == ToolResult::Outcome::TimedOut)
                        daemon.fix = FixAdvice::startDockerDaemon(m_context.platform);
                    report(daemon);
                    return;
                }
                const auto state = ToolOutputParser::dockerDaemon(result.standardOutput, result.stderrText());
                using State = ToolOutputParser::DockerDaemon::State;
                switch (state.state) {
                case State::Running:
                    daemon.status = CheckStatus::Ok;
                    daemon.version = state.serverVersion;
                    daemon.message = QStringLiteral("The Docker engine %1 is running.").arg(state.serverVersion);
                    break;
                case State::NotRunning:
                    daemon.status = CheckStatus::Stopped;
                    daemon.message = QStringLiteral("The Docker engine is not running: %1").arg(state.detail);
                    daemon.fix = FixAdvice::startDockerDaemon(m_context.platform);
                    break;
                case State::PermissionDenied:
                    daemon.status = CheckStatus::Error;
                    daemon.message = m_context.platform == Platform::Linux
                        ? QStringLiteral(
                            "Permission denied on the Docker socket: your user is not in the docker group.")
                        : QStringLiteral("Permission denied on the Docker socket: %1").arg(state.detail);
                    daemon.fix = FixAdvice::dockerGroup(m_context.platform);
                    break;
                case State::Unknown:
                    daemon = toolFailure(daemon, result, QStringLiteral("docker version"));
                    break;
                }
                report(daemon);
            });
}

} // namespace quayside
