#include "diagnosis/Diagnoser.h"

#include "diagnosis/DiagnosisSnapshot.h"
#include "diagnosis/ObjectCache.h"
#include "diagnosis/rules/ApiErrorRules.h"
#include "diagnosis/rules/MetricsRules.h"
#include "diagnosis/rules/RolloutRules.h"
#include "diagnosis/rules/ServiceRules.h"

#include <QSet>

#include <algorithm>

namespace quayside::diagnosis {

namespace {

// What one evaluation looks at.
struct Scope
{
    QList<int> pods;
    QStringList deployments;
    QStringList services;
    bool nameSpace = false;
    QStringList affected; // "Kind/name", including objects that no longer exist

    void addPod(int index, const QString& name)
    {
        if (!pods.contains(index))
            pods.append(index);
        note(QStringLiteral("Pod"), name);
    }
    void addDeployment(const QString& name)
    {
        if (!name.isEmpty() && !deployments.contains(name))
            deployments.append(name);
        if (!name.isEmpty())
            note(QStringLiteral("Deployment"), name);
    }
    void addService(const QString& name)
    {
        if (!services.contains(name))
            services.append(name);
        note(QStringLiteral("Service"), name);
    }
    void note(const QString& kind, const QString& name)
    {
        const QString key = kind + QLatin1Char('/') + name;
        if (!affected.contains(key))
            affected.append(key);
    }
};

void addServicesOf(const DiagnosisSnapshot& snapshot, const QMap<QString, QString>& labels, Scope* scope)
{
    for (const kube::ServiceSummary& s : snapshot.services()) {
        if (s.selects(labels))
            scope->addService(s.name);
    }
}

void addPod(const DiagnosisSnapshot& snapshot, int index, Scope* scope)
{
    const kube::PodSummary& pod = snapshot.pod(index);
    scope->addPod(index, pod.name);
    scope->addDeployment(pod.deployment);
    addServicesOf(snapshot, pod.labels, scope);
}

void addDeployment(const DiagnosisSnapshot& snapshot, const QString& name, Scope* scope)
{
    scope->addDeployment(name);
    if (const kube::DeploymentSummary* d = snapshot.deployment(name))
        addServicesOf(snapshot, d->templateLabels, scope);
}

Scope resolve(const DiagnosisSnapshot& snapshot, const QStringList& names)
{
    Scope scope;
    for (const QString& qualified : names) {
        const qsizetype slash = qualified.indexOf(QLatin1Char('/'));
        const QString kind = slash > 0 ? qualified.left(slash) : QString();
        const QString name = slash > 0 ? qualified.mid(slash + 1) : qualified;
        const bool any = kind.isEmpty();
        bool found = false;
        if (any || kind == QLatin1String("Pod")) {
            const int index = snapshot.podIndex(name);
            if (index >= 0) {
                addPod(snapshot, index, &scope);
                found = true;
            } else if (!any) {
                // Gone: drop its findings, and look again at what may have pointed at it.
                scope.note(QStringLiteral("Pod"), name);
                for (const kube::ServiceSummary& s : snapshot.services())
                    scope.addService(s.name);
                found = true;
            }
        }
        if (any || kind == QLatin1String("Deployment")) {
            if (snapshot.deployment(name) || !any) {
                addDeployment(snapshot, name, &scope);
                found = true;
            }
        }
        if (any || kind == QLatin1String("ReplicaSet")) {
            const QString deployment = snapshot.deploymentOfReplicaSet(name);
            if (!deployment.isEmpty()) {
                addDeployment(snapshot, deployment, &scope);
                found = true;
            }
        }
        if (any || kind == QLatin1String("Service") || kind == QLatin1String("Endpoints")) {
            if (snapshot.service(name) || !any) {
                scope.addService(name);
                found = true;
            }
        }
        if (kind == QLatin1String("Node")) {
            // Allocatable numbers are in the findings of the pods waiting for a node.
            for (int index : snapshot.unscheduledPods())
                addPod(snapshot, index, &scope);
            found = true;
        }
        if ((any && name == snapshot.nameSpace()) || kind == QLatin1String("Namespace")) {
            scope.nameSpace = true;
            scope.note(QStringLiteral("Namespace"), snapshot.nameSpace());
            found = true;
        }
        if (!found) {
            // A bare name nothing has (any more): whatever had it loses its findings.
            scope.note(QStringLiteral("Pod"), name);
            scope.note(QStringLiteral("Deployment"), name);
            scope.note(QStringLiteral("Service"), name);
        }
    }
    return scope;
}

QList<Finding> evaluate(const DiagnosisSnapshot& snapshot, const Scope& scope)
{
    QList<Finding> findings;
    for (int index : scope.pods)
        findings.append(snapshot.podFindings(index));
    for (const QString& name : scope.deployments) {
        if (const kube::DeploymentSummary* d = snapshot.deployment(name))
            RolloutRules::check(snapshot, *d, &findings);
    }
    for (const QString& name : scope.services) {
        if (const kube::ServiceSummary* s = snapshot.service(name))
            ServiceRules::check(snapshot, *s, &findings);
    }
    if (scope.nameSpace)
        MetricsRules::check(snapshot, &findings);
    Diagnoser::sort(&findings);
    return findings;
}

bool wantsLog(const kube::PodSummary::Container& c)
{
    // A previous run exists once the container restarted; OOM kills are explained without their log.
    if (c.restarts == 0 || !c.lastTermination.present || c.lastTermination.reason == QLatin1String("OOMKilled"))
        return false;
    return (c.state == QLatin1String("waiting") && c.reason == QLatin1String("CrashLoopBackOff"))
        || c.lastTermination.exitCode != 0 || c.lastTermination.reason == QLatin1String("Error");
}

} // namespace

void Diagnoser::sort(QList<Finding>* findings)
{
    std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.objectName != b.objectName)
            return a.objectName < b.objectName;
        if (a.objectKind != b.objectKind)
            return a.objectKind < b.objectKind;
        return a.rule < b.rule;
    });
}

QList<Finding> Diagnoser::diagnose(const ObjectCache& cache, const DiagnosisContext& context, const QDateTime& now)
{
    const DiagnosisSnapshot snapshot(cache, context, now);
    Scope scope;
    for (int i = 0; i < snapshot.podCount(); ++i)
        scope.pods.append(i);
    for (const kube::DeploymentSummary& d : snapshot.deployments())
        scope.deployments.append(d.name);
    for (const kube::ServiceSummary& s : snapshot.services())
        scope.services.append(s.name);
    scope.nameSpace = true;
    return evaluate(snapshot, scope);
}

QList<Finding> Diagnoser::diagnoseObjects(const ObjectCache& cache, const DiagnosisContext& context,
                                          const QDateTime& now, const QStringList& objectNames)
{
    const DiagnosisSnapshot snapshot(cache, context, now, DiagnosisSnapshot::Scope::SomeObjects);
    return evaluate(snapshot, resolve(snapshot, objectNames));
}

QStringList Diagnoser::objectsAffectedBy(const ObjectCache& cache, const QStringList& objectNames)
{
    const DiagnosisContext context;
    const DiagnosisSnapshot snapshot(cache, context, QDateTime(), DiagnosisSnapshot::Scope::SomeObjects);
    return resolve(snapshot, objectNames).affected;
}

QStringList Diagnoser::blockingPods(const ObjectCache& cache, const QString& deployment)
{
    const DiagnosisContext context;
    const DiagnosisSnapshot snapshot(cache, context, QDateTime::currentDateTimeUtc(),
                                     DiagnosisSnapshot::Scope::SomeObjects);
    QStringList names;
    for (int index : RolloutRules::blockingPods(snapshot, deployment))
        names.append(snapshot.podName(index));
    return names;
}

QList<QPair<QString, QString>> Diagnoser::logsWanted(const ObjectCache& cache)
{
    const DiagnosisContext context;
    const DiagnosisSnapshot snapshot(cache, context, QDateTime());
    QList<QPair<QString, QString>> wanted;
    for (int i = 0; i < snapshot.podCount(); ++i) {
        if (snapshot.podTerminating(i))
            continue;
        for (const kube::PodSummary::Container& c : snapshot.pod(i).containers) {
            if (wantsLog(c))
                wanted.append({ snapshot.podName(i), c.name });
        }
    }
    return wanted;
}

QList<QPair<QString, QString>> Diagnoser::logsWanted(const ObjectCache& cache, const QStringList& podNames)
{
    const DiagnosisContext context;
    const DiagnosisSnapshot snapshot(cache, context, QDateTime(), DiagnosisSnapshot::Scope::SomeObjects);
    QList<QPair<QString, QString>> wanted;
    for (const QString& name : podNames) {
        const int i = snapshot.podIndex(name);
        if (i < 0 || snapshot.podTerminating(i))
            continue;
        for (const kube::PodSummary::Container& c : snapshot.pod(i).containers) {
            if (wantsLog(c))
                wanted.append({ name, c.name });
        }
    }
    return wanted;
}

QList<Finding> Diagnoser::diagnoseApiError(const QString& errorText, const QString& nameSpace)
{
    return ApiErrorRules::check(errorText, nameSpace);
}

} // namespace quayside::diagnosis
