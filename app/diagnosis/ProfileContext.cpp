#include "diagnosis/ProfileContext.h"

#include "profile/Profile.h"
#include "workspace/ClusterTarget.h"

namespace quayside::diagnosis {

DiagnosisContext ProfileContext::build(const Profile* profile, const ClusterTarget& target)
{
    DiagnosisContext context;
    context.minikubeProfile = target.minikubeProfile;
    if (!profile)
        return context;
    context.secretName = profile->secrets.secretName;
    for (const SecretSpec& spec : profile->secrets.specs)
        context.secretKeys << (spec.kubernetesKey.isEmpty() ? spec.name : spec.kubernetesKey);
    for (const Profile::Image& image : profile->images)
        context.localRepositories << image.repository;
    context.helmRelease = profile->chart.release;
    context.helmChart = profile->chartPath();
    // The chart's convention (see its values.yaml): <component>.image.repository beside
    // <component>.resources.limits.memory, the Deployment named after the component (chart.deployments).
    const QString suffix = QStringLiteral(".image.repository");
    for (auto it = profile->chart.images.cbegin(); it != profile->chart.images.cend(); ++it) {
        if (!it->repositoryKey.endsWith(suffix))
            continue;
        const QString component = it->repositoryKey.chopped(suffix.size());
        const QString deployment = profile->chart.deployments.contains(it.key()) || profile->chart.deployments.isEmpty()
            ? it.key()
            : QString();
        if (!deployment.isEmpty())
            context.memoryLimitValuesKeys.insert(deployment, component + QStringLiteral(".resources.limits.memory"));
    }
    return context;
}

} // namespace quayside::diagnosis
