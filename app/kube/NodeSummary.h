#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace quayside::kube {

// What the scheduler weighs of a Node: its allocatable CPU and memory (capacity minus what the
// kubelet reserves), readiness and taints.
struct NodeSummary
{
    QString name;
    bool ready = false; // the Ready condition
    bool unschedulable = false; // spec.unschedulable (cordoned)
    std::int64_t cpuCapacityMillicores = -1;
    std::int64_t memoryCapacityBytes = -1;
    std::int64_t cpuAllocatableMillicores = -1;
    std::int64_t memoryAllocatableBytes = -1;
    QStringList taints; // "key=value:Effect"

    static NodeSummary fromJson(const QJsonObject& node);
};

} // namespace quayside::kube
