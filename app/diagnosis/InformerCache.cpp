#include "diagnosis/InformerCache.h"

#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "kube/MetricsPoller.h"

namespace quayside::diagnosis {

InformerCache::InformerCache(const kube::InformerSet* informers, const kube::MetricsPoller* metrics, QObject* parent)
    : QObject(parent)
    , m_informers(informers)
    , m_metrics(metrics)
{
    // Connected before anyone who reads the cache on the same signal (LiveDiagnosis), so the peaks
    // include the sample that made it look.
    if (metrics)
        connect(metrics, &kube::MetricsPoller::updated, this, &InformerCache::notePeaks);
    // The indexes: from what the stores hold now, then from every batch (connected before the
    // LiveDiagnosis that reads them, so they are current when it evaluates).
    if (const kube::Informer* pods = informers ? informers->pods() : nullptr) {
        onPodsChanged(pods->store().uids(), {}, {});
        connect(pods, &kube::Informer::objectsChanged, this, &InformerCache::onPodsChanged);
    }
    if (const kube::Informer* events = informers ? informers->events() : nullptr) {
        onEventsChanged(events->store().uids(), {}, {});
        connect(events, &kube::Informer::objectsChanged, this, &InformerCache::onEventsChanged);
    }
}

void InformerCache::onPodsChanged(const QStringList& added, const QStringList& modified, const QStringList& removed)
{
    const kube::Informer* pods = m_informers ? m_informers->pods() : nullptr;
    if (!pods)
        return;
    for (const QStringList* list : { &added, &modified }) {
        for (const QString& uid : *list)
            m_podRefs.insert(uid, PodRef::of(pods->store().object(uid)));
    }
    for (const QString& uid : removed)
        m_podRefs.remove(uid);
}

void InformerCache::onEventsChanged(const QStringList& added, const QStringList& modified, const QStringList& removed)
{
    const kube::Informer* events = m_informers ? m_informers->events() : nullptr;
    if (!events)
        return;
    const auto drop = [this](const QString& uid) {
        const QString key = m_eventObject.take(uid);
        if (key.isEmpty())
            return;
        QStringList& uids = m_eventsByObject[key];
        uids.removeOne(uid);
        if (uids.isEmpty())
            m_eventsByObject.remove(key);
    };
    for (const QStringList* list : { &added, &modified }) {
        for (const QString& uid : *list) {
            drop(uid);
            const QJsonObject involved = events->store().object(uid).value(QLatin1String("involvedObject")).toObject();
            const QString key = involved.value(QLatin1String("kind")).toString() + QLatin1Char('/')
                + involved.value(QLatin1String("name")).toString();
            m_eventObject.insert(uid, key);
            m_eventsByObject[key].append(uid);
        }
    }
    for (const QString& uid : removed)
        drop(uid);
}

QList<ObjectCache::PodRef> InformerCache::podRefs() const
{
    return m_podRefs.values();
}

QJsonObject InformerCache::pod(const QString& name) const
{
    const kube::Informer* pods = m_informers ? m_informers->pods() : nullptr;
    return pods ? pods->store().object(pods->store().uidOf(nameSpace(), name)) : QJsonObject();
}

QList<QJsonObject> InformerCache::eventsAbout(const QString& kind, const QString& name) const
{
    QList<QJsonObject> result;
    const kube::Informer* events = m_informers ? m_informers->events() : nullptr;
    if (!events)
        return result;
    for (const QString& uid : m_eventsByObject.value(kind + QLatin1Char('/') + name))
        result.append(events->store().object(uid));
    return result;
}

QList<QJsonObject> InformerCache::objectsOf(const kube::Informer* informer)
{
    return informer ? informer->store().objects() : QList<QJsonObject>();
}

QString InformerCache::nameSpace() const
{
    if (!m_informers)
        return {};
    // Every namespaced informer of the set watches the same namespace.
    for (const kube::Informer* informer : m_informers->informers()) {
        if (informer->resource().namespaced)
            return informer->reflector()->options().nameSpace;
    }
    return {};
}

QList<QJsonObject> InformerCache::pods() const
{
    return m_informers ? objectsOf(m_informers->pods()) : QList<QJsonObject>();
}

QList<QJsonObject> InformerCache::deployments() const
{
    return m_informers ? objectsOf(m_informers->deployments()) : QList<QJsonObject>();
}

QList<QJsonObject> InformerCache::replicaSets() const
{
    return m_informers ? objectsOf(m_informers->replicaSets()) : QList<QJsonObject>();
}

QList<QJsonObject> InformerCache::services() const
{
    return m_informers ? objectsOf(m_informers->services()) : QList<QJsonObject>();
}

QList<QJsonObject> InformerCache::endpoints() const
{
    return m_informers ? objectsOf(m_informers->endpoints()) : QList<QJsonObject>();
}

QList<QJsonObject> InformerCache::events() const
{
    return m_informers ? objectsOf(m_informers->events()) : QList<QJsonObject>();
}

QList<QJsonObject> InformerCache::nodes() const
{
    return m_informers ? objectsOf(m_informers->nodes()) : QList<QJsonObject>();
}

bool InformerCache::hasMetrics() const
{
    return m_metrics && m_metrics->hasData() && m_metrics->isAvailable();
}

QHash<QString, QHash<QString, ObjectCache::ContainerUsage>> InformerCache::podUsage() const
{
    QHash<QString, QHash<QString, ContainerUsage>> usage;
    if (!hasMetrics())
        return usage;
    for (auto pod = m_metrics->pods().cbegin(); pod != m_metrics->pods().cend(); ++pod) {
        QHash<QString, ContainerUsage>& containers = usage[pod.key()];
        for (auto c = pod->containers.cbegin(); c != pod->containers.cend(); ++c)
            containers.insert(c.key(), { c->first, c->second });
    }
    return usage;
}

QHash<QString, QHash<QString, ObjectCache::ContainerUsage>> InformerCache::podPeakUsage() const
{
    return hasMetrics() ? m_peaks : QHash<QString, QHash<QString, ContainerUsage>>();
}

QString InformerCache::metricsProblem() const
{
    return m_metrics ? m_metrics->unavailableReason() : QString();
}

void InformerCache::notePeaks()
{
    const QHash<QString, QHash<QString, ContainerUsage>> now = podUsage();
    for (auto pod = now.cbegin(); pod != now.cend(); ++pod) {
        QHash<QString, ContainerUsage>& peaks = m_peaks[pod.key()];
        for (auto c = pod->cbegin(); c != pod->cend(); ++c) {
            ContainerUsage& peak = peaks[c.key()];
            peak.cpuMillicores = std::max(peak.cpuMillicores, c->cpuMillicores);
            peak.memoryBytes = std::max(peak.memoryBytes, c->memoryBytes);
        }
    }
    // Bounded by the pods that still exist.
    const kube::Informer* podInformer = m_informers ? m_informers->pods() : nullptr;
    if (!podInformer)
        return;
    const QString ns = nameSpace();
    for (auto it = m_peaks.begin(); it != m_peaks.end();) {
        if (podInformer->store().uidOf(ns, it.key()).isEmpty())
            it = m_peaks.erase(it);
        else
            ++it;
    }
}

QStringList InformerCache::previousLog(const QString& pod, const QString& container) const
{
    return m_logs.value(pod).value(container);
}

void InformerCache::setPreviousLog(const QString& pod, const QString& container, const QStringList& lines)
{
    m_logs[pod].insert(container, lines);
}

void InformerCache::forgetPod(const QString& pod)
{
    m_logs.remove(pod);
    m_peaks.remove(pod);
}

} // namespace quayside::diagnosis
