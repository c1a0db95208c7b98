#include "diagnosis/rules/SchedulingRules.h"

#include "diagnosis/ActionFactory.h"
#include "diagnosis/DiagnosisSnapshot.h"
#include "diagnosis/EvidenceText.h"

#include <QRegularExpression>

#include <cmath>

namespace quayside::diagnosis {

namespace {

constexpr std::int64_t kMi = 1024 * 1024;

std::int64_t roundUp(std::int64_t value, std::int64_t step)
{
    return (value + step - 1) / step * step;
}

std::int64_t roundDown(std::int64_t value, std::int64_t step)
{
    return value / step * step;
}

} // namespace

void SchedulingRules::check(const DiagnosisSnapshot& snapshot, const kube::PodSummary& pod, QList<Finding>* findings)
{
    if (pod.phase != QLatin1String("Pending") || !pod.node.isEmpty())
        return;
    const kube::PodSummary::Condition* scheduled = pod.condition(QStringLiteral("PodScheduled"));
    const bool refused = scheduled && scheduled->status == QLatin1String("False");
    const QList<kube::EventSummary> events = snapshot.events(
        QStringLiteral("Pod"), pod.name,
        [](const kube::EventSummary& e) { return e.reason == QLatin1String("FailedScheduling"); }, 2);
    if (!refused && events.isEmpty())
        return;
    const QString& ns = snapshot.nameSpace();
    const DiagnosisContext& context = snapshot.context();
    const QString message = !events.isEmpty() ? events.first().message : scheduled->message;

    Finding f = snapshot.podFinding(pod, QStringLiteral("unschedulable"), Finding::Severity::Error);
    for (const kube::EventSummary& e : events)
        f.evidence.append({ Evidence::Kind::Event, EvidenceText::event(e, snapshot.now()) });
    if (events.isEmpty())
        f.evidence.append(
            { Evidence::Kind::Status,
              QStringLiteral("conditions[PodScheduled]: False %1: %2").arg(scheduled->reason, scheduled->message) });

    // The scheduler's "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory."
    static const QRegularExpression insufficient(
        QStringLiteral("Insufficient ([A-Za-z0-9](?:[A-Za-z0-9./-]*[A-Za-z0-9])?)"));
    bool cpu = false;
    bool memory = false;
    QStringList other;
    for (auto it = insufficient.globalMatch(message); it.hasNext();) {
        const QString resource = it.next().captured(1);
        if (resource == QLatin1String("cpu"))
            cpu = true;
        else if (resource == QLatin1String("memory"))
            memory = true;
        else if (!other.contains(resource))
            other.append(resource);
    }
    const std::int64_t podCpu = std::max<std::int64_t>(0, pod.cpuRequestMillicores());
    const std::int64_t podMemory = std::max<std::int64_t>(0, pod.memoryRequestBytes());

    if (!cpu && !memory) {
        f.summary
            = QStringLiteral("%1 cannot be scheduled: %2").arg(pod.name, message.section(QLatin1String(". "), 0, 0));
        f.explanation
            = QStringLiteral("The scheduler found no node for the pod; its message says why, node by node: a taint the "
                             "pod does not "
                             "tolerate, a nodeSelector or affinity no node matches, a volume that cannot be attached%1")
                  .arg(other.isEmpty() ? QString()
                                       : QStringLiteral(", or not enough %1").arg(other.join(QStringLiteral(", ")))
                               + QLatin1Char('.'));
        f.actions.append(
            ActionFactory::copyCommand(QStringLiteral("Describe the pod"),
                                       ActionFactory::kubectl(ns, QStringLiteral("describe pod ") + pod.name)));
        findings->append(f);
        return;
    }

    // The biggest node: minikube usually has one; with several, what one more of them would need.
    const kube::NodeSummary* node = nullptr;
    for (const kube::NodeSummary& n : snapshot.nodes()) {
        if (!node || n.memoryAllocatableBytes > node->memoryAllocatableBytes)
            node = &n;
    }
    f.evidence.append({ Evidence::Kind::Number,
                        QStringLiteral("requests of this pod: cpu %1, memory %2")
                            .arg(EvidenceText::millicores(pod.cpuRequestMillicores()),
                                 EvidenceText::bytes(pod.memoryRequestBytes())) });
    std::int64_t freeCpu = -1;
    std::int64_t freeMemory = -1;
    const QStringList resources = [&] {
        QStringList r;
        if (cpu)
            r << QStringLiteral("cpu");
        if (memory)
            r << QStringLiteral("memory");
        return r;
    }();
    if (node) {
        const DiagnosisSnapshot::NodeRequests used = snapshot.requestsOn(node->name);
        freeCpu = std::max<std::int64_t>(0, node->cpuAllocatableMillicores - used.cpuMillicores);
        freeMemory = std::max<std::int64_t>(0, node->memoryAllocatableBytes - used.memoryBytes);
        f.evidence.append({ Evidence::Kind::Number,
                            QStringLiteral("node %1 allocatable: cpu %2, memory %3")
                                .arg(node->name, EvidenceText::millicores(node->cpuAllocatableMillicores),
                                     EvidenceText::bytes(node->memoryAllocatableBytes)) });
        f.evidence.append(
            { Evidence::Kind::Number,
              QStringLiteral("requested on %1 by %2 pod%3 of %4: cpu %5, memory %6 (pods of other "
                             "namespaces, such as kube-system, request more)")
                  .arg(node->name)
                  .arg(used.pods)
                  .arg(used.pods == 1 ? "" : "s")
                  .arg(ns, EvidenceText::millicores(used.cpuMillicores), EvidenceText::bytes(used.memoryBytes)) });
        // Every resource the scheduler named, each with its numbers.
        QStringList shortfalls;
        if (cpu)
            shortfalls << QStringLiteral("%1m CPU requested, at most %2m free").arg(podCpu).arg(freeCpu);
        if (memory)
            shortfalls << QStringLiteral("%1 memory requested, at most %2 free")
                              .arg(EvidenceText::bytes(podMemory), EvidenceText::bytes(freeMemory));
        f.summary = QStringLiteral("%1 cannot be scheduled: not enough %2 on %3 (%4)")
                        .arg(pod.name, resources.join(QStringLiteral(" and ")), node->name,
                             shortfalls.join(QStringLiteral("; ")));
    } else {
        f.summary = QStringLiteral("%1 cannot be scheduled: not enough %2 on any node")
                        .arg(pod.name, resources.join(QStringLiteral(" and ")));
    }
    f.explanation
        = QStringLiteral(
              "The scheduler places a pod only on a node with enough unreserved %1 for its requests (what it asks for, "
              "not what it uses). The cluster's nodes do not have that much left, so the pod waits in Pending. Either "
              "give "
              "the cluster more (a bigger minikube: its size is fixed when it is created, so it must be deleted and "
              "started "
              "again with more, and the app deployed again) or make the requests smaller.")
              .arg(resources.join(QStringLiteral(" and ")));

    if (node && !context.minikubeProfile.isEmpty()) {
        const DiagnosisSnapshot::NodeRequests used = snapshot.requestsOn(node->name);
        const std::int64_t capacityCpus = std::max<std::int64_t>(1, (node->cpuCapacityMillicores + 999) / 1000);
        const std::int64_t capacityMb = std::max<std::int64_t>(2048, roundUp(node->memoryCapacityBytes / kMi, 1024));
        // Room for what this namespace asks plus about one core and 2 GiB for minikube's own pods.
        std::int64_t cpus = capacityCpus;
        if (cpu)
            cpus = std::max(capacityCpus + 2, (used.cpuMillicores + podCpu + 999) / 1000 + 1);
        std::int64_t memoryMb = capacityMb;
        if (memory)
            memoryMb = std::max(capacityMb + 2048, roundUp((used.memoryBytes + podMemory) / kMi + 2048, 1024));
        cpus = roundUp(cpus, 2);
        const QString profile = ActionFactory::quote(context.minikubeProfile);
        Action bigger = ActionFactory::copyCommand(
            QStringLiteral("Recreate minikube with %1 CPUs and %2 MB").arg(cpus).arg(memoryMb),
            QStringLiteral("minikube delete -p %1 && minikube start -p %1 --cpus=%2 --memory=%3")
                .arg(profile)
                .arg(cpus)
                .arg(memoryMb));
        bigger.confirmText
            = QStringLiteral("This deletes the cluster %1 and everything in it; deploy again afterwards.")
                  .arg(context.minikubeProfile);
        f.actions.append(bigger);
    }
    if (!pod.deployment.isEmpty()) {
        const kube::PodSummary::Container* container = nullptr;
        for (const kube::PodSummary::Container& c : pod.containers) {
            if (!c.init
                && (!container
                    || c.cpuRequestMillicores + c.memoryRequestBytes / kMi
                        > container->cpuRequestMillicores + container->memoryRequestBytes / kMi))
                container = &c;
        }
        QStringList requests;
        if (cpu && freeCpu >= 0)
            requests.append(QStringLiteral("cpu=%1m").arg(std::max<std::int64_t>(50, roundDown(freeCpu * 9 / 10, 50))));
        if (memory && freeMemory >= 0)
            requests.append(QStringLiteral("memory=%1Mi")
                                .arg(std::max<std::int64_t>(64, roundDown(freeMemory * 9 / 10 / kMi, 64))));
        if (container && !requests.isEmpty())
            f.actions.append(ActionFactory::copyCommand(
                QStringLiteral("Request less (what is free now)"),
                ActionFactory::kubectl(ns,
                                       QStringLiteral("set resources deployment/%1 -c %2 --requests=%3")
                                           .arg(pod.deployment, container->name, requests.join(QLatin1Char(','))))));
        // Several replicas and only some placed: run with the ones that fit.
        if (const kube::DeploymentSummary* d = snapshot.deployment(pod.deployment); d && d->desired > 1) {
            int placed = 0;
            for (int index : snapshot.podsOfDeployment(pod.deployment))
                placed += snapshot.podScheduled(index) ? 1 : 0;
            if (placed > 0 && placed < d->desired)
                f.actions.append(ActionFactory::scaleDeployment(ns, pod.deployment, placed));
        }
    }
    findings->append(f);
}

} // namespace quayside::diagnosis
