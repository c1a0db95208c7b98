#pragma once

#include "diagnosis/Finding.h"

#include <QList>

namespace quayside::kube {
struct DeploymentSummary;
}

namespace quayside::diagnosis {

class DiagnosisSnapshot;

// Deployments whose rollout does not finish ("rollout-stuck": ProgressDeadlineExceeded, more replicas
// unavailable than maxUnavailable allows while its pods have problems, pods that cannot be created)
// tied to the pods that block them, and paused ones ("rollout-paused").
class RolloutRules
{
public:
    static void check(const DiagnosisSnapshot& snapshot, const kube::DeploymentSummary& deployment,
                      QList<Finding>* findings);
    // The Deployment's pods that are not ready (and not finished), those with findings first: what a
    // rollout waits for.
    static QList<int> blockingPods(const DiagnosisSnapshot& snapshot, const QString& deployment);
    // A pod finding's summary without the pod's name it starts with, for a line that names the pod.
    static QString withoutName(const QString& summary, const QString& name);
};

} // namespace quayside::diagnosis
