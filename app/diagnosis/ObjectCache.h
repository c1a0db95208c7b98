#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace quayside::diagnosis {

// What the rules read: the objects of one namespace (and the cluster's nodes) as the API returned
// them. Implemented by the running informers (InformerCache: the window and `status --watch`, no extra
// requests) and by a one-shot snapshot of list requests (SnapshotCache: `quayside diagnose`).
class ObjectCache
{
public:
    virtual ~ObjectCache() = default;

    virtual QString nameSpace() const = 0;
    virtual QList<QJsonObject> pods() const = 0;
    virtual QList<QJsonObject> deployments() const = 0;
    virtual QList<QJsonObject> replicaSets() const = 0;
    virtual QList<QJsonObject> services() const = 0;
    virtual QList<QJsonObject> endpoints() const = 0; // v1 Endpoints of the namespace
    virtual QList<QJsonObject> events() const = 0;
    virtual QList<QJsonObject> nodes() const = 0;

    // metrics.k8s.io: per pod and container, when metrics-server answers.
    struct ContainerUsage
    {
        std::int64_t cpuMillicores = -1;
        std::int64_t memoryBytes = -1;
    };
    virtual bool hasMetrics() const = 0;
    // pod -> container -> usage (the latest sample, and the peak seen while we watched where known)
    virtual QHash<QString, QHash<QString, ContainerUsage>> podUsage() const = 0;
    virtual QHash<QString, QHash<QString, ContainerUsage>> podPeakUsage() const { return podUsage(); }
    // Why there are no metrics (metrics-server missing, 404/503), empty when there are.
    virtual QString metricsProblem() const { return {}; }

    // The last lines of a container's previous run (kubectl logs --previous --tail 50), when they were
    // fetched; empty otherwise. The rules ask for them through logsWanted() and are run again once
    // they arrive (see PreviousLogFetcher).
    virtual QStringList previousLog(const QString& pod, const QString& container) const
    {
        Q_UNUSED(pod)
        Q_UNUSED(container)
        return {};
    }

    // Indexed reads, so re-evaluating a few objects does not read every object of the namespace. The
    // defaults scan the lists above; InformerCache keeps the indexes up to date from the watch batches
    // it sees, SnapshotCache builds them once.
    //
    // A pod's identity: what selectors and ownership are matched on, without the rest of the object.
    struct PodRef
    {
        QString name;
        QMap<QString, QString> labels;
        QString ownerKind; // the controller (ReplicaSet, Job ...)
        QString ownerName;
        bool terminating = false; // deletionTimestamp is set
        bool scheduled = false; // spec.nodeName is set

        static PodRef of(const QJsonObject& pod);
    };
    virtual QList<PodRef> podRefs() const;
    // The pod of that name, or an empty object.
    virtual QJsonObject pod(const QString& name) const;
    // The events whose involvedObject is this object.
    virtual QList<QJsonObject> eventsAbout(const QString& kind, const QString& name) const;
};

} // namespace quayside::diagnosis
