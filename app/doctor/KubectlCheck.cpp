#include "doctor/KubectlCheck.h"

#include "doctor/FixAdvice.h"
#include "doctor/ToolOutputParser.h"

#include <cstdlib>

namespace quayside {

QList<CheckResult> KubectlCheck::pending() const
{
    CheckResult r;
    r.id = QStringLiteral("kubectl");
    r.title = QStringLiteral("kubectl");
    return { r };
}

void KubectlCheck::start()
{
    // Without --client kubectl also asks the current cluster; it prints the client part even when no
    // cluster answers (and exits 1), which is fine for us.
    runTool(QStringLiteral("kubectl"),
            QStringList { QStringLiteral("version"), QStringLiteral("-o"), QStringLiteral("json"),
                          QStringLiteral("--request-timeout=5s") }
                + m_context.target.kubectlArguments(),
            [this](const ToolResult& result) {
                CheckResult kubectl = pending().constFirst();
                if (result.outcome == ToolResult::Outcome::NotFound) {
                    kubectl.status = CheckStatus::Missing;
                    kubectl.message
                        = QStringLiteral("kubectl is not installed; you will want it to inspect the cluster "
                                         "by hand (or use `minikube kubectl --`).");
                    kubectl.fix = FixAdvice::installKubectl(m_context.platform);
                    report(kubectl);
                    finishWhenIdle();
                    return;
                }
                const auto versions = ToolOutputParser::kubectlVersion(result.standardOutput);
                if (result.outcome != ToolResult::Outcome::Finished || versions.client.isNull()) {
                    report(toolFailure(kubectl, result, QStringLiteral("kubectl version")));
                    finishWhenIdle();
                    return;
                }
                kubectl.status = CheckStatus::Ok;
                kubectl.version = versions.client.toString();
                if (versions.server.isNull()) {
                    kubectl.message = QStringLiteral("kubectl %1 found at %2 (no cluster answered, so the version skew "
                                                     "was not checked).")
                                          .arg(kubectl.version, result.program);
                } else {
                    const int skew = std::abs(versions.client.minorVersion() - versions.server.minorVersion());
                    if (versions.client.majorVersion() != versions.server.majorVersion() || skew > 1) {
                        kubectl.warning = true;
                        kubectl.message
                            = QStringLiteral("kubectl %1 and the cluster's Kubernetes %2 differ by more than one "
                                             "minor version; kubectl may misbehave. Use `minikube kubectl --` or "
                                             "install a matching kubectl.")
                                  .arg(kubectl.version, versions.server.toString());
                        kubectl.fix = FixAdvice::installKubectl(m_context.platform);
                    } else {
                        kubectl.message = QStringLiteral("kubectl %1 matches the cluster's Kubernetes %2.")
                                              .arg(kubectl.version, versions.server.toString());
                    }
                }
                report(kubectl);
                finishWhenIdle();
            });
}

} // namespace quayside
