#pragma once

#include "diagnosis/Finding.h"

#include <QList>

namespace quayside::kube {
struct ServiceSummary;
}

namespace quayside::diagnosis {

class DiagnosisSnapshot;

// Services that send traffic nowhere: "service-no-pods" (the selector matches no pod: usually a label
// typo, or a Deployment scaled to zero) and "service-no-endpoints" (pods match but none is ready, or
// the targetPort names no port of theirs), tied to the pods' own findings.
class ServiceRules
{
public:
    static void check(const DiagnosisSnapshot& snapshot, const kube::ServiceSummary& service, QList<Finding>* findings);
};

} // namespace quayside::diagnosis
