#pragma once

#include "doctor/Check.h"

namespace quayside {

// What the machine offers minikube: CPU cores, memory and free disk, against the deployment plan's
// minimums (2 cores, 4 GiB, 10 GiB).
struct HostResources
{
    int cpus = 0;
    qint64 memoryBytes = 0;
    qint64 freeDiskBytes = 0;
    QString diskPath;

    static HostResources probe(); // the real machine
};

class HostCheck final : public Check
{
    Q_OBJECT
public:
    static constexpr int kMinimumCpus = 2;
    static constexpr qint64 kMinimumMemory = 4LL * 1024 * 1024 * 1024;
    static constexpr qint64 kMinimumDisk = 10LL * 1024 * 1024 * 1024;

    // Tests hand in the resources; the default probes the machine.
    HostCheck(CheckContext context, std::optional<HostResources> resources = std::nullopt, QObject* parent = nullptr);

    QList<CheckResult> pending() const override;
    void start() override;

private:
    std::optional<HostResources> m_resources;
};

} // namespace quayside
