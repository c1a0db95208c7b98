#pragma once

#include "diagnosis/ObjectCache.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace quayside::kube {
class Informer;
class InformerSet;
class MetricsPoller;
} // namespace quayside::kube

namespace quayside::diagnosis {

// The ObjectCache of a running InformerSet and MetricsPoller: what the window and `status --watch`
// already watch, read from the informers' stores (no request of its own). It also remembers the peak
// memory and CPU each container reached while it was watched (metrics-server only reports the latest
// sample), keeps the previous logs LiveDiagnosis fetched, and indexes pods and events from the
// informers' batches for the indexed reads.
class InformerCache : public QObject, public ObjectCache
{
    Q_OBJECT
public:
    InformerCache(const kube::InformerSet* informers, const kube::MetricsPoller* metrics, QObject* parent = nullptr);

    QString nameSpace() const override;
    QList<QJsonObject> pods() const override;
    QList<QJsonObject> deployments() const override;
    QList<QJsonObject> replicaSets() const override;
    QList<QJsonObject> services() const override;
    QList<QJsonObject> endpoints() const override;
    QList<QJsonObject> events() const override;
    QList<QJsonObject> nodes() const override;

    bool hasMetrics() const override;
    QHash<QString, QHash<QString, ContainerUsage>> podUsage() const override;
    QHash<QString, QHash<QString, ContainerUsage>> podPeakUsage() const override;
    QString metricsProblem() const override;

    QStringList previousLog(const QString& pod, const QString& container) const override;
    QList<PodRef> podRefs() const override;
    QJsonObject pod(const QString& name) const override;
    QList<QJsonObject> eventsAbout(const QString& kind, const QString& name) const override;
    void setPreviousLog(const QString& pod, const QString& container, const QStringList& lines);
    // Forgets what belongs to a pod that is gone (its logs and peaks).
    void forgetPod(const QString& pod);

private:
    void notePeaks();
    void onPodsChanged(const QStringList& added, const QStringList& modified, const QStringList& removed);
    void onEventsChanged(const QStringList& added, const QStringList& modified, const QStringList& removed);
    static QList<QJsonObject> objectsOf(const kube::Informer* informer);

    QPointer<const kube::InformerSet> m_informers;
    QPointer<const kube::MetricsPoller> m_metrics;
    QHash<QString, QHash<QString, ContainerUsage>> m_peaks;
    QHash<QString, QHash<QString, QStringList>> m_logs; // pod -> container -> lines
    // Kept up to date from the informers' batches (so a re-evaluation reads no other object):
    QHash<QString, PodRef> m_podRefs; // pod uid -> identity
    QHash<QString, QString> m_eventObject; // event uid -> "Kind/name" it is about
    QHash<QString, QStringList> m_eventsByObject; // "Kind/name" -> event uids
};

} // namespace quayside::diagnosis
