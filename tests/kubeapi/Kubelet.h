#pragma once

#include "Scenario.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>

namespace quayside::test {

// What the simulated kubelet writes into a pod's status at each step of its life, shaped as a real
// kubelet with the docker runtime (minikube's default) writes it. Pure functions of the pod, the
// step and the time, so scenarios are deterministic.
class Kubelet
{
public:
    enum class Step {
        Scheduled, // nodeName set, PodScheduled; containers waiting ContainerCreating (phase Pending)
        Started, // containers per behaviour: running and Ready, or waiting in an error state
        Restarted, // a CrashLoop/OOMKilled container died once more: restartCount + 1
    };

    explicit Kubelet(QString nodeName = QStringLiteral("minikube"), QString nodeIp = QStringLiteral("192.168.49.2"));

    QString nodeName() const { return m_nodeName; }
    // A new pod's status before scheduling: phase Pending, no conditions but the QoS class.
    static QJsonObject pendingStatus(const QJsonObject& pod);
    // Unschedulable: PodScheduled=False with the scheduler's message.
    static QJsonObject unschedulableStatus(const QJsonObject& pod, const QDateTime& now, const QString& message);
    // The pod (with spec.nodeName set at Scheduled) after `step` under `behaviour`. configErrors: container
    // name -> why its config cannot be built (CreateContainerConfigError's message).
    QJsonObject apply(QJsonObject pod, Step step, PodBehaviour behaviour, const QDateTime& now, quint32 seed,
                      const QHash<QString, QString>& configErrors = {}) const;

    // The pod's IP, stable per pod name: 10.244.0.x as minikube's bridge CNI hands out.
    static QString podIp(const QString& name);
    static QString qosClass(const QJsonObject& podSpec);
    static QString containerId(const QString& podUid, const QString& container, qint64 restartCount);
    static QString imageId(const QString& image);

private:
    QString m_nodeName;
    QString m_nodeIp;
};

} // namespace quayside::test
