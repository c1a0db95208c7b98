#pragma once

#include "diagnosis/DiagnosisContext.h"
#include "diagnosis/Finding.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace quayside::diagnosis {

class ObjectCache;

// The rules: pure functions of an ObjectCache (and the time, for "30s ago"), no I/O. Each rule looks
// at typed summaries built once from the cache (kube::PodSummary and friends: container states, the
// last termination, event times and ownership are worked out there, not here).
class Diagnoser
{
public:
    // Every finding in the cache's namespace, most severe first, then by object name.
    static QList<Finding> diagnose(const ObjectCache& cache, const DiagnosisContext& context, const QDateTime& now);
    // Only the findings about these objects and the objects that depend on them (a pod's deployment
    // and services, a deployment's services): what a watch batch needs re-evaluated. Names as for
    // objectsAffectedBy(); the findings are the same, to the letter, as diagnose() gives for them.
    static QList<Finding> diagnoseObjects(const ObjectCache& cache, const DiagnosisContext& context,
                                          const QDateTime& now, const QStringList& objectNames);
    // pod/container pairs whose previous run's log the rules would read (crash-looping, errored).
    static QList<QPair<QString, QString>> logsWanted(const ObjectCache& cache);
    // The same, among these pods only (a watch batch's).
    static QList<QPair<QString, QString>> logsWanted(const ObjectCache& cache, const QStringList& podNames);

    // The objects diagnoseObjects() evaluates for these names, as "Kind/name": the named objects (pods,
    // deployments, services; a ReplicaSet stands for its Deployment, Endpoints for their Service, a
    // Node for the pods waiting to be scheduled, the namespace for the metrics finding) and their
    // dependants. A caller keeping findings replaces exactly the findings of these objects. Names may
    // be qualified ("Pod/backend-7d9c-x2k") or bare (any kind of that name).
    static QStringList objectsAffectedBy(const ObjectCache& cache, const QStringList& objectNames);

    // The Deployment's pods that keep its rollout from finishing (not ready, not completed), those with
    // findings first: the rollout step's "what blocks it".
    static QStringList blockingPods(const ObjectCache& cache, const QString& deployment);

    // Findings from an error the API server returned for an object it refused (so there is no object
    // to look at), as Helm or kubectl print it: a NodePort already allocated to another Service.
    static QList<Finding> diagnoseApiError(const QString& errorText, const QString& nameSpace);

    // Most severe first, then by object name, kind and rule.
    static void sort(QList<Finding>* findings);
};

} // namespace quayside::diagnosis
