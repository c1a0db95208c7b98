#include "kube/RolloutWatcher.h"

#include "kube/ApiResource.h"
#include "kube/DeploymentSummary.h"
#include "kube/Durations.h"
#include "kube/Informer.h"

namespace quayside::kube {

RolloutWatcher::RolloutWatcher(KubeClient* client, const QString& nameSpace, const QString& deployment,
                               qint64 minGeneration, Reflector::Options reflector, QObject* parent)
    : QObject(parent)
    , m_deployment(deployment)
    , m_minGeneration(minGeneration)
{
    reflector.nameSpace = nameSpace;
    reflector.fieldSelector = QStringLiteral("metadata.name=") + deployment;
    Informer::Options options;
    options.reflector = reflector;
    m_informer = new Informer(client, ApiResource::deployments(), options, this);
    connect(m_informer, &Informer::objectsChanged, this, &RolloutWatcher::evaluate);
    connect(m_informer, &Informer::relisted, this, &RolloutWatcher::evaluate);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        finishWith(KubeError(KubeError::Kind::Timeout,
                             QStringLiteral("timed out after %1 waiting for deployment \"%2\" to roll out (%3)")
                                 .arg(Durations::humanize(std::chrono::duration_cast<std::chrono::seconds>(m_timeout)),
                                      m_deployment, m_lastMessage)));
    });
}

void RolloutWatcher::start()
{
    if (m_timeout.count() > 0)
        m_timer.start(m_timeout);
    m_informer->start();
}

void RolloutWatcher::stop()
{
    m_timer.stop();
    m_informer->stop();
}

void RolloutWatcher::evaluate()
{
    if (m_done || !m_informer->hasSynced())
        return;
    const QStringList uids = m_informer->store().uids();
    if (uids.isEmpty()) {
        finishWith(KubeError(KubeError::Kind::Status,
                             QStringLiteral("deployments.apps \"%1\" not found").arg(m_deployment), 404,
                             QStringLiteral("NotFound")));
        return;
    }
    const DeploymentSummary summary = DeploymentSummary::fromJson(m_informer->store().object(uids.first()));
    if (summary.generation < m_minGeneration) {
        const QString message = QStringLiteral("Waiting for deployment spec update to be observed...");
        if (message != m_lastMessage)
            Q_EMIT progress(m_lastMessage = message);
        return;
    }
    if (summary.progressDeadlineExceeded()) {
        finishWith(KubeError(KubeError::Kind::Status, summary.rolloutMessage()));
        return;
    }
    const QString message = summary.rolloutMessage();
    if (message != m_lastMessage)
        Q_EMIT progress(m_lastMessage = message);
    if (summary.rolloutComplete())
        finishWith({});
}

void RolloutWatcher::finishWith(const KubeError& error)
{
    if (m_done)
        return;
    m_done = true;
    stop();
    Q_EMIT finished(error);
}

} // namespace quayside::kube
