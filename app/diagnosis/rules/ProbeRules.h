#pragma once

#include "diagnosis/Finding.h"

#include <QList>

namespace quayside::kube {
struct PodSummary;
}

namespace quayside::diagnosis {

class DiagnosisSnapshot;

// Readiness, liveness and startup probes that fail ("probe-failing"): the probe's path and port from
// the spec, the kubelet's `Unhealthy` events and the restarts the liveness (or startup) probe caused.
class ProbeRules
{
public:
    static void check(const DiagnosisSnapshot& snapshot, const kube::PodSummary& pod, QList<Finding>* findings);
    // The kubelet's "Container X failed liveness probe, will be restarted": a restart the probe caused.
    static bool isProbeKill(const QString& eventReason, const QString& eventMessage);
    // "connection refused", "HTTP 500", "timed out" ... from an Unhealthy event's message.
    static QString failureReason(const QString& eventMessage);
};

} // namespace quayside::diagnosis
