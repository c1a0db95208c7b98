#pragma once

#include "diagnosis/Finding.h"

#include <QList>

#include <cstdint>

namespace quayside::kube {
struct PodSummary;
}

namespace quayside::diagnosis {

class DiagnosisSnapshot;

// Containers that exit: "crash-loop" (CrashLoopBackOff, or terminated with an error) with the exit
// code and signal, the last lines of the previous run's log and the known causes recognised in them
// (LogAnalyzer); "oom-killed" with the limit, the peak usage when metrics have it and a new limit.
class CrashRules
{
public:
    static void check(const DiagnosisSnapshot& snapshot, const kube::PodSummary& pod, QList<Finding>* findings);

    // A new memory limit for a container killed at `limitBytes`: 1.5x the limit (and at least 1.25x
    // the peak seen), rounded up to the next of 64, 96, 128, 192, 256, 384, 512, 768 Mi, 1, 1.5, 2 Gi...
    static std::int64_t suggestedMemoryLimit(std::int64_t limitBytes, std::int64_t peakBytes = -1);
    // What an exit code says, for a newcomer ("the command was not found in the image").
    static QString exitCodeMeaning(int exitCode, int signal);
    // Log lines shown as evidence: the last ones of the previous run.
    static constexpr int kLogLinesShown = 10;
};

} // namespace quayside::diagnosis
