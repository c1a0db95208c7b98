#include "diagnosis/rules/RolloutRules.h"

#include "diagnosis/ActionFactory.h"
#include "diagnosis/DiagnosisSnapshot.h"
#include "diagnosis/EvidenceText.h"

#include <algorithm>

namespace quayside::diagnosis {

namespace {

constexpr int kPodsShown = 5;
// A Deployment younger than this without pods is still being acted on by its controllers.
constexpr qint64 kCreationGraceSeconds = 60;

} // namespace

QString RolloutRules::withoutName(const QString& summary, const QString& name)
{
    // "backend-7d9c: image x is not in the cluster" -> "image x is not in the cluster" after "pod backend-7d9c:".
    if (summary.startsWith(name + QStringLiteral(": ")))
        return summary.mid(name.size() + 2);
    if (summary.startsWith(name + QLatin1Char(' ')))
        return summary.mid(name.size() + 1);
    return summary;
}

QList<int> RolloutRules::blockingPods(const DiagnosisSnapshot& snapshot, const QString& deployment)
{
    QList<int> blocking;
    for (int index : snapshot.podsOfDeployment(deployment)) {
        const kube::PodSummary& pod = snapshot.pod(index);
        if (!pod.isReady() && pod.phase != QLatin1String("Succeeded"))
            blocking.append(index);
    }
    std::stable_sort(blocking.begin(), blocking.end(), [&snapshot](int a, int b) {
        const bool fa = !snapshot.podFindings(a).isEmpty();
        const bool fb = !snapshot.podFindings(b).isEmpty();
        if (fa != fb)
            return fa;
        return snapshot.podName(a) < snapshot.podName(b);
    });
    return blocking;
}

void RolloutRules::check(const DiagnosisSnapshot& snapshot, const kube::DeploymentSummary& d, QList<Finding>* findings)
{
    const QString& ns = snapshot.nameSpace();
    const auto deploymentFinding = [&d](const QString& rule, Finding::Severity severity) {
        Finding f;
        f.rule = rule;
        f.severity = severity;
        f.objectKind = QStringLiteral("Deployment");
        f.objectName = d.name;
        f.deployment = d.name;
        return f;
    };
    if (d.paused) {
        Finding f = deploymentFinding(QStringLiteral("rollout-paused"), Finding::Severity::Warning);
        f.summary = QStringLiteral("deployment %1 is paused: changes to it are not rolled out").arg(d.name);
        f.explanation = QStringLiteral(
            "A paused Deployment keeps its current pods and ignores changes to its pod template (a new image, new "
            "settings) until it is resumed. `kubectl rollout pause` does this; so does a tool that pauses to batch "
            "changes.");
        f.evidence.append({ Evidence::Kind::SpecField, QStringLiteral("spec.paused = true") });
        f.actions.append(ActionFactory::copyCommand(
            QStringLiteral("Resume the rollout"),
            ActionFactory::kubectl(ns, QStringLiteral("rollout resume deployment/") + d.name)));
        findings->append(f);
    }

    const bool deadline = d.progressDeadlineExceeded();
    const int unavailable = std::max(d.unavailable, d.desired - d.available);
    const int allowed = d.maxUnavailableReplicas();
    const bool tooMany = unavailable > allowed;
    // Available and progressing: its pods are not looked at.
    if (!deadline && !tooMany)
        return;
    const QList<int> blocking = blockingPods(snapshot, d.name);
    const kube::DeploymentSummary::Condition* failure = d.condition(QStringLiteral("ReplicaFailure"));
    const bool replicaFailure = failure && failure->status == QLatin1String("True");
    const bool withProblems = std::any_of(blocking.cbegin(), blocking.cend(),
                                          [&snapshot](int index) { return !snapshot.podFindings(index).isEmpty(); });
    const bool noPods = d.desired > 0 && snapshot.podsOfDeployment(d.name).isEmpty() && d.created.isValid()
        && d.created.secsTo(snapshot.now()) > kCreationGraceSeconds;
    // Pods still starting are a rollout in progress, not a stuck one: only problems count.
    if (!deadline && !(tooMany && (withProblems || replicaFailure || noPods)))
        return;

    Finding f = deploymentFinding(QStringLiteral("rollout-stuck"), Finding::Severity::Error);
    QString blockedBy;
    if (!blocking.isEmpty()) {
        const kube::PodSummary& first = snapshot.pod(blocking.first());
        // "Running" alone does not say why a pod blocks: a running pod that blocks is not ready.
        const QString state = first.status == QLatin1String("Running")
            ? QStringLiteral("Running, %1 ready").arg(first.readyText())
            : first.status;
        blockedBy = QStringLiteral(" — blocked by %1 (%2)").arg(first.name, state);
        if (blocking.size() > 1)
            blockedBy += QStringLiteral(" and %1 more").arg(blocking.size() - 1);
    }
    if (replicaFailure && blocking.isEmpty())
        f.summary = QStringLiteral("deployment %1 cannot create its pods: %2").arg(d.name, failure->message);
    else if (deadline)
        f.summary = QStringLiteral("deployment %1 exceeded its progress deadline: %2 of %3 available%4")
                        .arg(d.name)
                        .arg(d.available)
                        .arg(d.desired)
                        .arg(blockedBy);
    else
        f.summary = QStringLiteral("deployment %1 is stuck: %2 of %3 available%4")
                        .arg(d.name)
                        .arg(d.available)
                        .arg(d.desired)
                        .arg(blockedBy);
    f.explanation = QStringLiteral("A Deployment rolls out by starting new pods and waiting until they are ready. "
                                   "While more than %1 of its %2 "
                                   "replicas are unavailable (maxUnavailable %3) it is not Available, and after %4s "
                                   "without progress Kubernetes "
                                   "marks the rollout as failed (ProgressDeadlineExceeded) — it does not roll back by "
                                   "itself. The pods below "
                                   "are what it waits for: fix what holds them up, then restart the deployment, or "
                                   "roll back to the previous "
                                   "version.")
                        .arg(allowed)
                        .arg(d.desired)
                        .arg(d.maxUnavailable)
                        .arg(d.progressDeadlineSeconds);
    if (replicaFailure && blocking.isEmpty())
        f.explanation = QStringLiteral("The ReplicaSet could not create the Deployment's pods; its message (and the "
                                       "FailedCreate events) say why: often a ResourceQuota or LimitRange of the "
                                       "namespace, or a pod spec the API refuses.");

    f.evidence.append(
        { Evidence::Kind::Status,
          QStringLiteral("status: %1/%2 ready, %3 updated, %4 available, %5 unavailable (maxUnavailable %6 "
                         "= %7)")
              .arg(d.ready)
              .arg(d.desired)
              .arg(d.updated)
              .arg(d.available)
              .arg(unavailable)
              .arg(d.maxUnavailable)
              .arg(allowed) });
    for (const kube::DeploymentSummary::Condition& c : d.conditions) {
        const bool bad = (c.type == QLatin1String("ReplicaFailure") && c.status == QLatin1String("True"))
            || (c.type != QLatin1String("ReplicaFailure") && c.status != QLatin1String("True"))
            || c.reason == QLatin1String("ProgressDeadlineExceeded");
        if (bad)
            f.evidence.append(
                { Evidence::Kind::Status,
                  QStringLiteral("conditions[%1]: %2 %3: %4").arg(c.type, c.status, c.reason, c.message) });
    }
    for (qsizetype i = 0; i < std::min<qsizetype>(kPodsShown, blocking.size()); ++i) {
        const kube::PodSummary& pod = snapshot.pod(blocking.at(i));
        const QList<Finding>& podFindings = snapshot.podFindings(blocking.at(i));
        f.evidence.append({ Evidence::Kind::Status,
                            QStringLiteral("pod %1: %2, ready %3, restarts %4%5")
                                .arg(pod.name, pod.status, pod.readyText())
                                .arg(pod.restarts)
                                .arg(podFindings.isEmpty() ? QString()
                                                           : QStringLiteral(" — ")
                                             + withoutName(podFindings.first().summary, pod.name)) });
    }
    for (const QString& rs : snapshot.replicaSetsOf(d.name)) {
        for (const kube::EventSummary& e : snapshot.events(
                 QStringLiteral("ReplicaSet"), rs, [](const kube::EventSummary& e) { return e.isWarning(); }, 3))
            f.evidence.append({ Evidence::Kind::Event, EvidenceText::event(e, snapshot.now()) });
    }
    f.actions.append(ActionFactory::restartDeployment(ns, d.name));
    // A release Helm manages is rolled back by Helm (a `kubectl rollout undo` would be undone by the next upgrade).
    const QString& release = snapshot.context().helmRelease;
    f.actions.append(ActionFactory::copyCommand(
        QStringLiteral("Roll back to the previous version"),
        release.isEmpty()
            ? ActionFactory::kubectl(ns, QStringLiteral("rollout undo deployment/") + d.name)
            : QStringLiteral("helm rollback %1 -n %2").arg(ActionFactory::quote(release), ActionFactory::quote(ns))));
    f.actions.append(
        ActionFactory::copyCommand(QStringLiteral("Watch the rollout"),
                                   ActionFactory::kubectl(ns, QStringLiteral("rollout status deployment/") + d.name)));
    findings->append(f);
}

} // namespace quayside::diagnosis
