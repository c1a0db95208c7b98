#pragma once

#include "diagnosis/Finding.h"

#include <QList>

namespace quayside::diagnosis {

class DiagnosisSnapshot;

// metrics-server missing or not ready ("metrics-unavailable", about the namespace, Info: nothing is
// broken, but CPU and memory usage — and the peak of an OOM-killed container — cannot be shown).
class MetricsRules
{
public:
    static void check(const DiagnosisSnapshot& snapshot, QList<Finding>* findings);
};

} // namespace quayside::diagnosis
