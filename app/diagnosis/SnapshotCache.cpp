#include "diagnosis/SnapshotCache.h"

#include "kube/MetricsPoller.h"

#include <QJsonArray>

namespace quayside::diagnosis {

SnapshotCache::SnapshotCache(QString nameSpace)
    : m_nameSpace(std::move(nameSpace))
{ }

QList<QJsonObject> SnapshotCache::items(const QJsonObject& list)
{
    const QJsonArray array = list.value(QLatin1String("items")).toArray();
    QList<QJsonObject> result;
    result.reserve(array.size());
    for (const QJsonValue& v : array)
        result.append(v.toObject());
    return result;
}

void SnapshotCache::setPods(QList<QJsonObject> objects)
{
    m_pods = std::move(objects);
    m_podRefs.reset();
    m_podByName.reset();
}

void SnapshotCache::setEvents(QList<QJsonObject> objects)
{
    m_events = std::move(objects);
    m_eventsByObject.reset();
}

QList<ObjectCache::PodRef> SnapshotCache::podRefs() const
{
    if (!m_podRefs) {
        QList<PodRef> refs;
        refs.reserve(m_pods.size());
        for (const QJsonObject& p : m_pods)
            refs.append(PodRef::of(p));
        m_podRefs = std::move(refs);
    }
    return *m_podRefs;
}

QJsonObject SnapshotCache::pod(const QString& name) const
{
    if (!m_podByName) {
        QHash<QString, qsizetype> byName;
        for (qsizetype i = 0; i < m_pods.size(); ++i)
            byName.insert(
                m_pods.at(i).value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(), i);
        m_podByName = std::move(byName);
    }
    const qsizetype index = m_podByName->value(name, -1);
    return index >= 0 ? m_pods.at(index) : QJsonObject();
}

QList<QJsonObject> SnapshotCache::eventsAbout(const QString& kind, const QString& name) const
{
    if (!m_eventsByObject) {
        QHash<QString, QList<qsizetype>> index;
        for (qsizetype i = 0; i < m_events.size(); ++i) {
            const QJsonObject involved = m_events.at(i).value(QLatin1String("involvedObject")).toObject();
            index[involved.value(QLatin1String("kind")).toString() + QLatin1Char('/')
                  + involved.value(QLatin1String("name")).toString()]
                .append(i);
        }
        m_eventsByObject = std::move(index);
    }
    QList<QJsonObject> result;
    for (qsizetype i : m_eventsByObject->value(kind + QLatin1Char('/') + name))
        result.append(m_events.at(i));
    return result;
}

QStringList SnapshotCache::previousLog(const QString& pod, const QString& container) const
{
    return m_logs.value(pod).value(container);
}

void SnapshotCache::setPodUsage(QHash<QString, QHash<QString, ContainerUsage>> usage)
{
    m_usage = std::move(usage);
    m_hasMetrics = true;
    m_metricsProblem.clear();
}

void SnapshotCache::setPodMetricsList(const QByteArray& body)
{
    // One parser of metrics.k8s.io for the poller and the snapshot.
    QHash<QString, QHash<QString, ContainerUsage>> usage;
    const QHash<QString, kube::MetricsPoller::Usage> pods = kube::MetricsPoller::parse(body);
    for (auto pod = pods.cbegin(); pod != pods.cend(); ++pod) {
        QHash<QString, ContainerUsage>& containers = usage[pod.key()];
        for (auto c = pod->containers.cbegin(); c != pod->containers.cend(); ++c)
            containers.insert(c.key(), { c->first, c->second });
    }
    setPodUsage(std::move(usage));
}

void SnapshotCache::setMetricsProblem(const QString& problem)
{
    m_metricsProblem = problem;
    if (!problem.isEmpty()) {
        m_hasMetrics = false;
        m_usage.clear();
    }
}

void SnapshotCache::setPreviousLog(const QString& pod, const QString& container, const QStringList& lines)
{
    m_logs[pod].insert(container, lines);
}

} // namespace quayside::diagnosis
