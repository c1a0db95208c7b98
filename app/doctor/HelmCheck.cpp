#include "doctor/HelmCheck.h"

#include "doctor/FixAdvice.h"
#include "doctor/ToolOutputParser.h"

namespace quayside {

QList<CheckResult> HelmCheck::pending() const
{
    CheckResult r;
    r.id = QStringLiteral("helm");
    r.title = QStringLiteral("Helm");
    r.minimum = kMinimum.toString();
    return { r };
}

void HelmCheck::start()
{
    runTool(QStringLiteral("helm"), { QStringLiteral("version"), QStringLiteral("--short") },
            [this](const ToolResult& result) {
                CheckResult helm = pending().constFirst();
                if (result.outcome == ToolResult::Outcome::NotFound) {
                    helm.status = CheckStatus::Missing;
                    helm.message = QStringLiteral("Helm is not installed; Quayside installs the app's chart with it.");
                    helm.fix = FixAdvice::installHelm(m_context.platform);
                    report(helm);
                    finishWhenIdle();
                    return;
                }
                // Helm 2 prints its client version and then fails to reach Tiller: the version still counts.
                const QVersionNumber version = ToolOutputParser::helmVersion(result.stdoutText() + result.stderrText());
                if (result.outcome != ToolResult::Outcome::Finished || version.isNull()) {
                    report(toolFailure(helm, result, QStringLiteral("helm version")));
                    finishWhenIdle();
                    return;
                }
                helm.version = version.toString();
                if (version.majorVersion() < 3) {
                    helm.status = CheckStatus::Outdated;
                    helm.message
                        = QStringLiteral("Helm %1 is Helm 2, which needs Tiller and cannot install this chart; "
                                         "Quayside needs Helm %2 or newer.")
                              .arg(helm.version, helm.minimum);
                    helm.fix = FixAdvice::installHelm(m_context.platform);
                } else if (version < kMinimum) {
                    helm.status = CheckStatus::Outdated;
                    helm.message = QStringLiteral("Helm %1 is older than %2.").arg(helm.version, helm.minimum);
                    helm.fix = FixAdvice::installHelm(m_context.platform);
                } else if (version.majorVersion() > kNewestTestedMajor) {
                    helm.status = CheckStatus::Ok;
                    helm.warning = true;
                    helm.message = QStringLiteral("Helm %1 found at %2. Quayside is tested with Helm 3 and 4 and "
                                                  "passes it Helm 4's flags.")
                                       .arg(helm.version, result.program);
                } else {
                    helm.status = CheckStatus::Ok;
                    helm.message = QStringLiteral("Helm %1 (Helm %2) found at %3.")
                                       .arg(helm.version)
                                       .arg(version.majorVersion())
                                       .arg(result.program);
                }
                report(helm);
                finishWhenIdle();
            });
}

} // namespace quayside
