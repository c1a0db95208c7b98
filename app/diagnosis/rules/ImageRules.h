#pragma once

#include "diagnosis/Finding.h"

#include <QList>

namespace quayside::kube {
struct PodSummary;
}

namespace quayside::diagnosis {

class DiagnosisSnapshot;

// ErrImageNeverPull / ErrImagePull / ImagePullBackOff: "image-not-present" for an image built locally
// that the cluster's runtime does not have (rebuild or load it), "image-pull-failed" for any other
// image a registry would not give.
class ImageRules
{
public:
    static void check(const DiagnosisSnapshot& snapshot, const kube::PodSummary& pod, QList<Finding>* findings);
};

} // namespace quayside::diagnosis
