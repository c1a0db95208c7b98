#pragma once

#include "diagnosis/Finding.h"

#include <QList>

namespace quayside::kube {
struct PodSummary;
}

namespace quayside::diagnosis {

class DiagnosisSnapshot;

// Pending pods the scheduler cannot place ("unschedulable"): for Insufficient cpu/memory, the node's
// allocatable against the requests, with a bigger minikube or smaller requests as the way out.
class SchedulingRules
{
public:
    static void check(const DiagnosisSnapshot& snapshot, const kube::PodSummary& pod, QList<Finding>* findings);
};

} // namespace quayside::diagnosis
