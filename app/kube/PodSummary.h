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
    // A container's run that ended: containerStatuses[].state.terminated (the current one) or
    // .lastState.terminated (the previous run, after a restart).
    struct Termination
    {
        bool present = false;
        QString reason; // Error, OOMKilled, Completed, ContainerCannotRun ...
        QString message;
        int exitCode = 0;
        int signal = 0; // as reported; 0 when the runtime reports only the exit code
        QDateTime startedAt;
        QDateTime finishedAt;

        // The signal that ended it: the reported one, or the one a shell-style exit code above 128
        // stands for (137 = 128 + 9, SIGKILL).
        int effectiveSignal() const;
        // "OOMKilled, exit code 137 (SIGKILL)"
        QString describe() const;
        // "SIGKILL", "signal 42"; empty for 0.
        static QString signalName(int signal);
    };

    // A readiness, liveness or startup probe from the container's spec.
    struct Probe
    {
        QString handler; // "httpGet", "tcpSocket", "grpc", "exec"; empty: no probe
        QString scheme; // HTTP, HTTPS (httpGet)
        QString host;
        QString path; // httpGet
        QString port; // a number or a named container port, as written
        QStringList command; // exec
        int initialDelaySeconds = 0;
        int timeoutSeconds = 1;
        int periodSeconds = 10;
        int successThreshold = 1;
        int failureThreshold = 3;

        bool isSet() const { return !handler.isEmpty(); }
        // As `kubectl describe pod` prints it: "http-get http://:8000/healthz delay=0s timeout=1s
        // period=10s #success=1 #failure=3".
        QString describe() const;
    };

    struct Port
    {
        QString name;
        int containerPort = 0;
        QString protocol; // TCP (the API's default), UDP, SCTP
    };

    // An environment variable read from a Secret key (env[].valueFrom.secretKeyRef).
    struct SecretKeyRef
    {
        QString variable;
        QString secret;
        QString key;
        bool optional = false;
    };

    struct Container
    {
        QString name;
        QString image;
        QString imagePullPolicy; // as set, or the API's default for the image (ImageReference)
        bool init = false;
        bool ready = false;
        bool started = false;
        int restarts = 0;
        QString state; // "running", "waiting", "terminated", "" before the kubelet reports
        QString reason; // waiting/terminated reason (CrashLoopBackOff, OOMKilled, Completed...)
        QString message; // waiting/terminated message ("back-off 5m0s restarting failed container=...")
        QDateTime runningSince; // state.running.startedAt
        Termination terminated; // the current state, when it is terminated
        Termination lastTermination; // the previous run (lastState.terminated), after a restart
        // -1 when the pod spec does not set them.
        std::int64_t cpuRequestMillicores = -1;
        std::int64_t cpuLimitMillicores = -1;
        std::int64_t memoryRequestBytes = -1;
        std::int64_t memoryLimitBytes = -1;
        QString memoryLimitText; // the limit as written ("512Mi"), empty when unset
        Probe readinessProbe;
        Probe livenessProbe;
        Probe startupProbe;
        QList<Port> ports;
        QStringList env; // names of the variables the spec sets (env[])
        QList<SecretKeyRef> secretKeyRefs;
        QStringList envFromSecrets; // envFrom[].secretRef names
        QStringList envFromConfigMaps; // envFrom[].configMapRef names

        // The port a probe's (possibly named) port resolves to; 0 when it names no port of this container.
        int resolvePort(const QString& port) const;
    };

    struct Condition
    {
        QString type; // PodScheduled, Initialized, ContainersReady, Ready ...
        QString status; // "True", "False", "Unknown"
        QString reason; // Unschedulable, ContainersNotReady ...
        QString message;
        QDateTime lastTransition;
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
    QList<Condition> conditions;
    QString reason; // status.reason (Evicted, NodeLost ...)
    QString message; // status.message

    // "1/2", as the READY column.
    QString readyText() const;
    // Every app container ready and the pod Running (what a Service's endpoints and a Deployment's
    // availability count).
    bool isReady() const;
    // nullptr when there is none of that name (app containers are found before init containers).
    const Container* container(const QString& containerName) const;
    // The condition of that type, or nullptr.
    const Condition* condition(const QString& type) const;
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
    // Running, not terminating, every init container completed and every app container ready without
    // a restart: nothing to explain. Reads a tenth of what fromJson() reads, so a thousand healthy pods
    // can be passed over quickly.
    static bool isSteadyRunning(const QJsonObject& pod);
    // kubectl's STATUS column alone (printers.go printPod), with its ready/restart counts.
    static QString statusOf(const QJsonObject& pod, int* ready = nullptr, int* total = nullptr, int* restarts = nullptr,
                            QDateTime* lastRestart = nullptr);
    static QDateTime parseTime(const QString& rfc3339);
};

} // namespace quayside::kube
