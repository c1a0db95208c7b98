#pragma once

#include "kube/KubeError.h"
#include "kube/Reflector.h"

#include <QObject>
#include <QTimer>

namespace quayside::kube {

class Informer;
class KubeClient;

// Waits for a Deployment's rollout to finish, as `kubectl rollout status` does: watches the one
// Deployment (fieldSelector metadata.name=NAME) and reports kubectl's progress sentences until the
// controller has observed our change (generation), every replica is updated and available and no
// old replica is left.
class RolloutWatcher : public QObject
{
    Q_OBJECT
public:
    // minGeneration: the metadata.generation our change produced (from the PATCH reply), so a list
    // served from a stale cache cannot look finished before the controller saw the change.
    RolloutWatcher(KubeClient* client, const QString& nameSpace, const QString& deployment, qint64 minGeneration,
                   Reflector::Options reflector = {}, QObject* parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void start();
    void stop();

Q_SIGNALS:
    void progress(const QString& message);
    // No error: rolled out. Otherwise: deadline exceeded, deleted, timed out.
    void finished(const quayside::kube::KubeError& error);

private:
    void evaluate();
    void finishWith(const KubeError& error);

    Informer* m_informer;
    QString m_deployment;
    qint64 m_minGeneration;
    std::chrono::milliseconds m_timeout { 0 };
    QTimer m_timer;
    QString m_lastMessage;
    bool m_done = false;
};

} // namespace quayside::kube
