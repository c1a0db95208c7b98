#include "doctor/MinikubeCheck.h"

#include "doctor/FixAdvice.h"
#include "doctor/ToolOutputParser.h"

namespace quayside {

namespace {
CheckResult cliBase()
{
    CheckResult r;
    r.id = QStringLiteral("minikube");
    r.title = QStringLiteral("Minikube");
    r.minimum = MinikubeCheck::kMinimum.toString();
    return r;
}
} // namespace

CheckResult MinikubeCheck::clusterBase() const
{
    CheckResult r;
    r.id = QStringLiteral("minikube-cluster");
    r.title = QStringLiteral("Minikube cluster \"%1\"").arg(m_context.target.minikubeProfile);
    return r;
}

QList<CheckResult> MinikubeCheck::pending() const
{
    return { cliBase(), clusterBase() };
}

void MinikubeCheck::start()
{
    runTool(QStringLiteral("minikube"), { QStringLiteral("version"), QStringLiteral("--short") },
            [this](const ToolResult& result) {
                CheckResult cli = cliBase();
                if (result.outcome == ToolResult::Outcome::NotFound) {
                    cli.status = CheckStatus::Missing;
                    cli.message = QStringLiteral("Minikube is not installed; it runs the local Kubernetes cluster.");
                    cli.fix = FixAdvice::installMinikube(m_context.platform);
                    report(cli);
                    CheckResult cluster = clusterBase();
                    cluster.status = CheckStatus::Skipped;
                    cluster.message = QStringLiteral("Skipped: minikube is not installed.");
                    report(cluster);
                    finishWhenIdle();
                    return;
                }
                const QVersionNumber version = ToolOutputParser::minikubeVersion(result.stdoutText());
                if (!result.ok() || version.isNull()) {
                    report(toolFailure(cli, result, QStringLiteral("minikube version")));
                } else {
                    cli.version = version.toString();
                    if (version < kMinimum) {
                        cli.status = CheckStatus::Outdated;
                        cli.message = QStringLiteral("Minikube %1 is older than %2.").arg(cli.version, cli.minimum);
                        cli.fix = FixAdvice::installMinikube(m_context.platform);
                    } else {
                        cli.status = CheckStatus::Ok;
                        cli.message = QStringLiteral("Minikube %1 found at %2.").arg(cli.version, result.program);
                    }
                    report(cli);
                }
                checkCluster();
                finishWhenIdle();
            });
}

void MinikubeCheck::checkCluster()
{
    const QString profile = m_context.target.minikubeProfile;
    runTool(QStringLiteral("minikube"),
            { QStringLiteral("status"), QStringLiteral("-p"), profile, QStringLiteral("-o"), QStringLiteral("json") },
            [this, profile](const ToolResult& result) {
                CheckResult cluster = clusterBase();
                if (result.outcome != ToolResult::Outcome::Finished) {
                    report(toolFailure(cluster, result, QStringLiteral("minikube status")));
                    return;
                }
                const auto status = ToolOutputParser::minikubeStatus(result.standardOutput, result.exitCode);
                using State = ToolOutputParser::MinikubeStatus::State;
                const QString start = FixAdvice::startMinikube(profile);
                switch (status.state) {
                case State::Running:
                    cluster.status = CheckStatus::Ok;
                    cluster.message = status.multiNode()
                        ? QStringLiteral("The cluster is running: %1 nodes, all up.").arg(status.nodes)
                        : QStringLiteral("The cluster is running.");
                    break;
                case State::Stopped:
                    cluster.status = CheckStatus::Stopped;
                    cluster.message = QStringLiteral("The minikube cluster \"%1\" is stopped.").arg(profile);
                    cluster.fix = start;
                    break;
                case State::Paused:
                    cluster.status = CheckStatus::Stopped;
                    cluster.message = QStringLiteral("The minikube cluster \"%1\" is paused.").arg(profile);
                    cluster.fix = QStringLiteral("minikube unpause -p %1").arg(profile);
                    break;
                case State::ProfileNotFound:
                    cluster.status = CheckStatus::Stopped;
                    cluster.message = QStringLiteral("There is no minikube cluster named \"%1\" yet.").arg(profile);
                    cluster.fix = start;
                    break;
                case State::Degraded:
                    // Part of the cluster runs (e.g. a stopped worker): `minikube start` brings back the
                    // nodes that are down and keeps the ones that run.
                    cluster.status = CheckStatus::Error;
                    cluster.message = status.multiNode()
                        ? QStringLiteral("Not every node of \"%1\" is running: %2.").arg(profile, status.detail)
                        : QStringLiteral("The cluster \"%1\" is not fully up: %2.").arg(profile, status.detail);
                    cluster.fix = start;
                    break;
                case State::Unknown:
                    report(toolFailure(cluster, result, QStringLiteral("minikube status")));
                    return;
                }
                if (status.state == State::ProfileNotFound) {
                    report(cluster);
                    return;
                }
                // The driver matters for the fix (tunnels on macOS/Windows) and for the user's picture.
                runTool(QStringLiteral("minikube"),
                        { QStringLiteral("profile"), QStringLiteral("list"), QStringLiteral("-o"),
                          QStringLiteral("json"), QStringLiteral("-l") },
                        [this, cluster, profile](const ToolResult& list) mutable {
                            const QString driver = list.ok()
                                ? ToolOutputParser::minikubeDriver(list.standardOutput, profile)
                                : QString();
                            if (!driver.isEmpty())
                                cluster.message += QStringLiteral(" Driver: %1.").arg(driver);
                            report(cluster);
                        });
            });
}

} // namespace quayside
