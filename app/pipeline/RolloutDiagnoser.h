#pragma once

#include "kube/KubeClient.h"
#include "pipeline/RolloutDiagnosis.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace quayside::kube {
class KubeReply;
} // namespace quayside::kube

namespace quayside {

// Collects a RolloutDiagnosis with three list requests (Deployments, Pods, Events of the namespace),
// the same things `kubectl describe` would show, in one snapshot.
class RolloutDiagnoser : public QObject
{
    Q_OBJECT
public:
    explicit RolloutDiagnoser(kube::KubeClient* client, QObject* parent = nullptr);

    // Asynchronous; finished() once per call. A call while one is running replaces it.
    void diagnose(const QString& nameSpace, const QStringList& deployments);
    void abort();

    // The diagnosis from the three list bodies (exposed for tests).
    static RolloutDiagnosis build(const QString& nameSpace, const QStringList& deployments,
                                  const QJsonObject& deploymentList, const QJsonObject& podList,
                                  const QJsonObject& eventList);

Q_SIGNALS:
    void finished(const quayside::RolloutDiagnosis& diagnosis);

private:
    void onReplyFinished();

    QPointer<kube::KubeClient> m_client;
    QString m_nameSpace;
    QStringList m_deployments;
    QList<QPointer<kube::KubeReply>> m_replies;
    QJsonObject m_bodies[3];
    QString m_error;
    int m_pending = 0;
};

} // namespace quayside

Q_DECLARE_METATYPE(quayside::RolloutDiagnosis)
