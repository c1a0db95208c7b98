#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>

namespace quayside::kube {

// What a user sees of a pod, derived from its JSON the way `kubectl get pods` derives it.
struct PodSummary
{
    struct Container
    {
        QString name;
        QString image;
        bool init = false;
        bool ready = false;
        int restarts = 0;
        QString state; // "running", "waiting", "terminated", "" before the kubelet reports
        QString reason; // waiting/terminated reason (CrashLoopBackOff, OOMKilled, Completed...)
        // -1 when the pod spec does not set them.
        std::int64_t cpuRequestMillicores = -1;
        std::int64_t cpuLimitMillicores = -1;
        std::int64_t memoryRequestBytes = -1;
        std::int64_t memoryLimitBytes = -1;
    };

    QString uid;
    QString name;
    QString nameSpace;
    QString resourceVersion;
    QString phase; // Pending, Running, Succeeded, Failed, Unknown
    QString status; // kubectl's STATUS column: Running, ContainerCreating, CrashLoopBackOff, Init:0/1 ...
    int readyContainers = 0;
    int totalContainers = 0;
    int restarts = 0;
    QDateTime lastRestart; // when the most recent restart's container terminated; invalid: none
    QDateTime created;
    bool terminating = false;
    QString node;
    QString ip;
    QString ownerKind; // the controller: ReplicaSet, StatefulSet, Job, DaemonSet... or empty
    QString ownerName;
    QString deployment; // the owning Deployment (through its ReplicaSet), or empty
    QMap<QString, QString> labels;
    QList<Container> containers; // app containers first, then init containers

    // "1/2", as the READY column.
    QString readyText() const;
    QStringList containerNames() const; // app containers only
    std::int64_t ageSeconds(const QDateTime& now) const;
    // "3 (5m ago)" as kubectl prints RESTARTS; "0" without restarts.
    QString restartsText(const QDateTime& now) const;
    // Sums over app containers, -1 when no container sets it.
    std::int64_t cpuRequestMillicores() const;
    std::int64_t memoryRequestBytes() const;

    // Maps a ReplicaSet name to its Deployment; without one (or when it does not know the ReplicaSet)
    // the Deployment is derived from the pod-template-hash naming rule (<deployment>-<hash>).
    using ReplicaSetOwner = std::function<QString(const QString& replicaSetName)>;
    static PodSummary fromJson(const QJsonObject& pod, const ReplicaSetOwner& replicaSetOwner = {});
    // kubectl's STATUS column alone (printers.go printPod), with its ready/restart counts.
    static QString statusOf(const QJsonObject& pod, int* ready = nullptr, int* total = nullptr, int* restarts = nullptr,
                            QDateTime* lastRestart = nullptr);
    static QDateTime parseTime(const QString& rfc3339);
};

} // namespace quayside::kube
