#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace quayside::diagnosis {

// A line of evidence a finding rests on, shown as it came (selectable, copyable).
struct Evidence
{
    enum class Kind {
        Event, // "Warning BackOff (x12, 30s ago): Back-off restarting failed container"
        LogLine, // a line of the previous container's log
        SpecField, // "spec.containers[backend].resources.limits.memory = 512Mi"
        Status, // "containerStatuses[backend].lastState.terminated: OOMKilled, exit 137"
        Number, // "peak memory 509 MiB of a 512 MiB limit"
    };
    Kind kind = Kind::Status;
    QString text;

    static QString kindName(Kind kind); // "event", "log", "spec", "status", "number"
    bool operator==(const Evidence& other) const = default;
};

// What can be done about a finding. One-click kinds run after a confirmation that shows `confirmText`
// and `command`; CopyCommand only offers `command` to copy.
struct Action
{
    enum class Kind {
        RebuildImages, // the pipeline's Images step (build and load into the cluster)
        OpenSecrets, // the Secrets page, on `parameters["key"]`
        RaiseMemoryLimit, // a Helm upgrade of that one value: parameters "deployment", "container", "valuesKey",
                          // "limit"
        DeletePod, // parameters "pod"
        RestartDeployment, // parameters "deployment"
        ScaleDeployment, // parameters "deployment", "replicas"
        EnableMetricsServer, // minikube addons enable metrics-server
        CopyCommand, // anything else: the exact command
    };
    Kind kind = Kind::CopyCommand;
    QString title; // the button: "Delete pod", "Raise the limit to 768Mi"
    QString confirmText; // what will happen, for the confirmation
    QString command; // the equivalent shell command (always set)
    QMap<QString, QString> parameters;

    bool isOneClick() const { return kind != Kind::CopyCommand; }
    // "rebuild-images", "open-secrets", "raise-memory-limit", "delete-pod", "restart-deployment",
    // "scale-deployment", "enable-metrics-server", "copy-command"
    static QString kindName(Kind kind);
    bool operator==(const Action& other) const = default;
};

// One problem, about one object: why it is unhealthy, the evidence, and what to do.
struct Finding
{
    enum class Severity { Info, Warning, Error };

    QString rule; // stable rule id: "image-not-present", "crash-loop", "oom-killed", "probe-failing" ...
    Severity severity = Severity::Error;
    QString objectKind; // "Pod", "Deployment", "Service", "Namespace"
    QString objectName;
    QString deployment; // the Deployment the object belongs to (pods: through its ReplicaSet), or empty
    QString summary; // one line: "backend-7d9c restarts: DATABASE_URL is not set (secret key missing)"
    QString explanation; // a few sentences for a newcomer: what it means and why
    QList<Evidence> evidence;
    QList<Action> actions;

    // rule/kind/name: the same problem keeps its key while it lasts (views update rows in place).
    QString key() const { return rule + QLatin1Char('/') + objectKind + QLatin1Char('/') + objectName; }
    static QString severityName(Severity severity); // "info", "warning", "error"
    // Every field, with the enums by their names above (what `quayside diagnose -o json` prints).
    QJsonObject toJson() const;
    bool operator==(const Finding& other) const = default;
};

} // namespace quayside::diagnosis
