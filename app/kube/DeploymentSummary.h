#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace quayside::kube {

// What a user sees of a Deployment: `kubectl get deploy` columns plus images, conditions and the
// rollout state `kubectl rollout status` reports.
struct DeploymentSummary
{
    struct Condition
    {
        QString type; // Available, Progressing, ReplicaFailure
        QString status; // "True", "False", "Unknown"
        QString reason;
        QString message;
        QDateTime lastUpdate;
    };

    QString uid;
    QString name;
    QString nameSpace;
    QString resourceVersion;
    QDateTime created;
    int desired = 1; // spec.replicas (the API defaults it to 1)
    int current = 0; // status.replicas
    int ready = 0;
    int updated = 0;
    int available = 0;
    int unavailable = 0;
    qint64 generation = 0;
    qint64 observedGeneration = 0;
    bool paused = false;
    QStringList images; // of the pod template's app containers, in order
    QList<Condition> conditions;
    QMap<QString, QString> selector; // spec.selector.matchLabels
    QMap<QString, QString> templateLabels; // spec.template.metadata.labels (what its pods carry)
    QString restartedAt; // the kubectl.kubernetes.io/restartedAt template annotation
    QString strategy = QStringLiteral("RollingUpdate"); // spec.strategy.type: RollingUpdate, Recreate
    QString maxUnavailable = QStringLiteral("25%"); // as written (the API's defaults)
    QString maxSurge = QStringLiteral("25%");
    int progressDeadlineSeconds = 600;

    // "1/2", as the READY column.
    QString readyText() const;
    // "app=backend,tier=api" for a labelSelector query; empty when matchExpressions are used alone.
    QString selectorString() const;
    std::int64_t ageSeconds(const QDateTime& now) const;

    // The replicas a rollout may take down at once, resolved against spec.replicas the way the
    // Deployment controller does (deploymentutil.MaxUnavailable / ResolveFenceposts: maxUnavailable
    // rounds down, maxSurge up, both zero means one; Recreate and zero replicas allow none). The
    // Available condition is True while availableReplicas >= replicas - maxUnavailableReplicas().
    int maxUnavailableReplicas() const;
    // The condition of that type, or nullptr.
    const Condition* condition(const QString& type) const;

    // kubectl rollout status (DeploymentStatusViewer): done, and the message it would print.
    bool rolloutComplete() const;
    bool progressDeadlineExceeded() const;
    QString rolloutMessage() const;

    static DeploymentSummary fromJson(const QJsonObject& deployment);
};

} // namespace quayside::kube
