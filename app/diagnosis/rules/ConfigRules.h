#pragma once

#include "diagnosis/Finding.h"

#include <QList>

namespace quayside::kube {
struct PodSummary;
}

namespace quayside::diagnosis {

class DiagnosisSnapshot;

// CreateContainerConfigError / CreateContainerError ("container-config-error"): the kubelet could not
// assemble the container, most often because a Secret or one of its keys that the environment reads
// does not exist. The Secret and key are named from the kubelet's message.
class ConfigRules
{
public:
    static void check(const DiagnosisSnapshot& snapshot, const kube::PodSummary& pod, QList<Finding>* findings);
};

} // namespace quayside::diagnosis
