#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace quayside::kube {

// What a user sees of a core/v1 Event, worked out the way `kubectl get events` works it out: the one
// place where an event's time and count are read (the dashboard's table, the informer's bounded store,
// the diagnosis and the rollout step all use it).
struct EventSummary
{
    QString uid;
    QString name;
    QString nameSpace;
    QString type; // Normal, Warning
    QString reason; // BackOff, Unhealthy, FailedScheduling ...
    QString message;
    int count = 1;
    QDateTime firstTime;
    QDateTime time; // when it was last seen (LAST SEEN)
    QString involvedKind; // involvedObject: Pod, Deployment, ReplicaSet, Service, Node ...
    QString involvedName;
    QString involvedNamespace;
    QString involvedUid;
    QString involvedFieldPath; // "spec.containers{backend}" for a container's events
    QString sourceComponent; // kubelet, default-scheduler, deployment-controller ...

    bool isWarning() const { return type == QLatin1String("Warning"); }
    // The container named by involvedObject.fieldPath ("spec.containers{backend}"), or empty.
    QString containerName() const;
    qint64 ageSeconds(const QDateTime& now) const { return time.isValid() ? time.secsTo(now) : 0; }

    static EventSummary fromJson(const QJsonObject& event);
    // LAST SEEN and COUNT alone (for sort keys: no other field is read).
    static QDateTime timeOf(const QJsonObject& event);
    static QDateTime firstTimeOf(const QJsonObject& event);
    static int countOf(const QJsonObject& event);
};

} // namespace quayside::kube
