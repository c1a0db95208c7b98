#include "diagnosis/rules/MetricsRules.h"

#include "diagnosis/ActionFactory.h"
#include "diagnosis/DiagnosisSnapshot.h"

namespace quayside::diagnosis {

void MetricsRules::check(const DiagnosisSnapshot& snapshot, QList<Finding>* findings)
{
    const QString problem = snapshot.cache().metricsProblem();
    if (problem.isEmpty())
        return;
    Finding f;
    f.rule = QStringLiteral("metrics-unavailable");
    f.severity = Finding::Severity::Info;
    f.objectKind = QStringLiteral("Namespace");
    f.objectName = snapshot.nameSpace();
    f.summary
        = QStringLiteral("CPU and memory usage are not available: %1").arg(problem.section(QLatin1Char(':'), 0, 0));
    f.explanation = QStringLiteral(
        "Usage numbers come from metrics-server, a cluster add-on that samples every container's CPU and memory. "
        "Without it the Resources tab has no data and an out-of-memory kill cannot be compared with the peak "
        "usage. Nothing else depends on it.");
    f.evidence.append({ Evidence::Kind::Status, problem });
    const QString& profile = snapshot.context().minikubeProfile;
    if (!profile.isEmpty())
        f.actions.append(ActionFactory::enableMetricsServer(profile));
    else
        f.actions.append(ActionFactory::copyCommand(
            QStringLiteral("Install metrics-server"),
            QStringLiteral(
                "kubectl apply -f "
                "https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml")));
    findings->append(f);
}

} // namespace quayside::diagnosis
