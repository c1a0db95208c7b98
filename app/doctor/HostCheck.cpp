#include "doctor/HostCheck.h"

#include <QDir>
#include <QLocale>
#include <QStorageInfo>
#include <QThread>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace quayside {

namespace {
QString gib(qint64 bytes)
{
    return QStringLiteral("%1 GiB").arg(static_cast<double>(bytes) / (1024.0 * 1024 * 1024), 0, 'f', 1);
}
} // namespace

HostResources HostResources::probe()
{
    HostResources r;
    r.cpus = QThread::idealThreadCount();
#ifdef Q_OS_UNIX
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && pageSize > 0)
        r.memoryBytes = static_cast<qint64>(pages) * pageSize;
#endif
    // Minikube keeps its VM/container disk under the home directory (~/.minikube).
    r.diskPath = QDir::homePath();
    const QStorageInfo storage(r.diskPath);
    r.freeDiskBytes = storage.isValid() ? storage.bytesAvailable() : 0;
    return r;
}

HostCheck::HostCheck(CheckContext context, std::optional<HostResources> resources, QObject* parent)
    : Check(std::move(context), parent)
    , m_resources(std::move(resources))
{ }

QList<CheckResult> HostCheck::pending() const
{
    CheckResult cpu;
    cpu.id = QStringLiteral("cpu");
    cpu.title = QStringLiteral("CPU cores");
    cpu.minimum = QString::number(kMinimumCpus);
    CheckResult memory;
    memory.id = QStringLiteral("memory");
    memory.title = QStringLiteral("Memory");
    memory.minimum = QStringLiteral("4 GiB");
    CheckResult disk;
    disk.id = QStringLiteral("disk");
    disk.title = QStringLiteral("Free disk");
    disk.minimum = QStringLiteral("10 GiB");
    return { cpu, memory, disk };
}

void HostCheck::start()
{
    const HostResources host = m_resources.value_or(HostResources::probe());
    QList<CheckResult> results = pending();

    CheckResult& cpu = results[0];
    cpu.version = QString::number(host.cpus);
    cpu.status = host.cpus >= kMinimumCpus ? CheckStatus::Ok : CheckStatus::Error;
    cpu.message = host.cpus >= kMinimumCpus ? QStringLiteral("%1 cores; minikube gets 2 of them.").arg(host.cpus)
                                            : QStringLiteral("Only %1 core; minikube needs at least 2.").arg(host.cpus);
    if (host.cpus < kMinimumCpus)
        cpu.fix = QStringLiteral("Use a machine (or VM) with at least 2 CPU cores");

    CheckResult& memory = results[1];
    memory.version = gib(host.memoryBytes);
    // Machines sold as "4 GB" report a little less than 4 GiB once the kernel has reserved its part.
    const bool enoughMemory = host.memoryBytes >= kMinimumMemory * 95 / 100;
    memory.status = enoughMemory ? CheckStatus::Ok : CheckStatus::Error;
    memory.message = enoughMemory ? QStringLiteral("%1 of memory; minikube gets 4 GiB.").arg(memory.version)
                                  : QStringLiteral("%1 of memory; minikube alone needs 4 GiB.").arg(memory.version);
    if (!enoughMemory)
        memory.fix = QStringLiteral("Close other applications or use a machine with at least 8 GiB of memory");

    CheckResult& disk = results[2];
    disk.version = gib(host.freeDiskBytes);
    const bool enoughDisk = host.freeDiskBytes >= kMinimumDisk;
    disk.status = enoughDisk ? CheckStatus::Ok : CheckStatus::Error;
    disk.message = QStringLiteral("%1 free on %2%3")
                       .arg(disk.version, host.diskPath,
                            enoughDisk ? QStringLiteral(".") : QStringLiteral("; images and the cluster need 10 GiB."));
    if (!enoughDisk)
        disk.fix = QStringLiteral("docker system prune   # removes unused images and build cache");

    for (const CheckResult& r : std::as_const(results))
        report(r);
    finishWhenIdle();
}

} // namespace quayside
