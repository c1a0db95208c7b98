#include "pipeline/RolloutDiagnoser.h"

#include "core/Clock.h"
#include "diagnosis/Diagnoser.h"
#include "diagnosis/SnapshotCache.h"
#include "diagnosis/SnapshotLoader.h"
#include "kube/DeploymentSummary.h"
#include "kube/EventSummary.h"
#include "kube/PodSummary.h"

#include <QTimer>

#include <algorithm>

namespace quayside {

RolloutDiagnoser::RolloutDiagnoser(kube::KubeClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
    qRegisterMetaType<quayside::RolloutDiagnosis>();
    if (client) {
        m_loader = new diagnosis::SnapshotLoader(client, this);
        connect(m_loader, &diagnosis::SnapshotLoader::finished, this, [this](bool ok, const QString& error) {
            RolloutDiagnosis d
                = build(m_nameSpace, m_deployments, m_loader->cache(), m_context, Clock::instance().now());
            if (!ok)
                d.error = error;
            Q_EMIT finished(d);
        });
    }
}

RolloutDiagnoser::~RolloutDiagnoser() = default;

void RolloutDiagnoser::abort()
{
    if (m_loader)
        m_loader->abort();
}

void RolloutDiagnoser::diagnose(const QString& nameSpace, const QStringList& deployments, bool previousLogs)
{
    abort();
    m_nameSpace = nameSpace;
    m_deployments = deployments;
    if (!m_client || !m_loader) {
        RolloutDiagnosis d;
        d.nameSpace = nameSpace;
        d.error = QStringLiteral("no connection to the cluster");
        Q_EMIT finished(d);
        return;
    }
    // What blocks a rollout is in its pods, their events and (for Pending pods) the nodes; Services and
    // metrics are not needed here.
    diagnosis::SnapshotLoader::Options options;
    options.services = false;
    options.metrics = false;
    options.previousLogs = previousLogs;
    m_loader->load(nameSpace, options);
}

RolloutDiagnosis RolloutDiagnoser::build(const QString& nameSpace, const QStringList& deployments,
                                         const QJsonObject& deploymentList, const QJsonObject& podList,
                                         const QJsonObject& eventList)
{
    diagnosis::SnapshotCache cache(nameSpace);
    cache.setDeployments(diagnosis::SnapshotCache::items(deploymentList));
    cache.setPods(diagnosis::SnapshotCache::items(podList));
    cache.setEvents(diagnosis::SnapshotCache::items(eventList));
    return build(nameSpace, deployments, cache, {}, Clock::instance().now());
}

RolloutDiagnosis RolloutDiagnoser::build(const QString& nameSpace, const QStringList& deployments,
                                         const diagnosis::ObjectCache& cache,
                                         const diagnosis::DiagnosisContext& context, const QDateTime& now)
{
    RolloutDiagnosis d;
    d.nameSpace = nameSpace;
    QMap<QString, kube::DeploymentSummary> summaries;
    for (const QJsonObject& object : cache.deployments()) {
        const kube::DeploymentSummary s = kube::DeploymentSummary::fromJson(object);
        summaries.insert(s.name, s);
    }
    QStringList objects;
    for (const QString& name : deployments) {
        RolloutDiagnosis::Deployment dep;
        dep.name = name;
        const auto found = summaries.constFind(name);
        if (found == summaries.cend()) {
            dep.found = false;
            d.deployments << dep;
            continue;
        }
        dep.desired = found->desired;
        dep.updated = found->updated;
        dep.available = found->available;
        dep.complete = found->rolloutComplete();
        dep.message = found->rolloutMessage();
        d.deployments << dep;
        objects << QStringLiteral("Deployment/") + name;

        // The engine's "what blocks it": its pods that are not ready, those with problems first.
        for (const QString& podName : diagnosis::Diagnoser::blockingPods(cache, name)) {
            const kube::PodSummary pod = kube::PodSummary::fromJson(cache.pod(podName));
            RolloutDiagnosis::Pod blocking;
            blocking.name = pod.name;
            blocking.deployment = name;
            blocking.phase = pod.phase;
            blocking.status = pod.status;
            blocking.ready = pod.readyText();
            blocking.restarts = pod.restarts;
            for (const kube::PodSummary::Container& c : pod.containers) {
                if (c.init)
                    continue;
                RolloutDiagnosis::Container container;
                container.name = c.name;
                container.state = c.state;
                container.reason = c.reason;
                container.message = c.message;
                container.restarts = c.restarts;
                container.ready = c.ready;
                if (c.lastTermination.present) {
                    container.lastTerminationReason = c.lastTermination.reason;
                    container.lastExitCode = c.lastTermination.exitCode;
                }
                blocking.containers << container;
            }
            QList<kube::EventSummary> events;
            for (const QJsonObject& e : cache.eventsAbout(QStringLiteral("Pod"), pod.name))
                events << kube::EventSummary::fromJson(e);
            std::sort(events.begin(), events.end(),
                      [](const kube::EventSummary& a, const kube::EventSummary& b) { return a.time < b.time; });
            if (events.size() > RolloutDiagnosis::kMaxEvents)
                events = events.mid(events.size() - RolloutDiagnosis::kMaxEvents);
            for (const kube::EventSummary& e : events)
                blocking.events << RolloutDiagnosis::Event { e.type, e.reason, e.message, e.count, e.time };
            d.blockingPods << blocking;
            objects << QStringLiteral("Pod/") + pod.name;
        }
    }
    if (objects.isEmpty())
        return d;
    d.findings = diagnosis::Diagnoser::diagnoseObjects(cache, context, now, objects);
    for (RolloutDiagnosis::Pod& pod : d.blockingPods) {
        for (const diagnosis::Finding& f : std::as_const(d.findings)) {
            if (f.objectKind == QLatin1String("Pod") && f.objectName == pod.name) {
                pod.problem = f.summary;
                break;
            }
        }
    }
    return d;
}

} // namespace quayside
