#pragma once

#include "diagnosis/ObjectCache.h"

#include <optional>

namespace quayside::diagnosis {

// An ObjectCache holding one snapshot: the bodies of a set of list requests (SnapshotLoader, for
// `quayside diagnose` and the rollout step), or objects a test or benchmark puts in.
class SnapshotCache : public ObjectCache
{
public:
    explicit SnapshotCache(QString nameSpace = {});

    QString nameSpace() const override { return m_nameSpace; }
    QList<QJsonObject> pods() const override { return m_pods; }
    QList<QJsonObject> deployments() const override { return m_deployments; }
    QList<QJsonObject> replicaSets() const override { return m_replicaSets; }
    QList<QJsonObject> services() const override { return m_services; }
    QList<QJsonObject> endpoints() const override { return m_endpoints; }
    QList<QJsonObject> events() const override { return m_events; }
    QList<QJsonObject> nodes() const override { return m_nodes; }
    bool hasMetrics() const override { return m_hasMetrics; }
    QHash<QString, QHash<QString, ContainerUsage>> podUsage() const override { return m_usage; }
    QString metricsProblem() const override { return m_metricsProblem; }
    QStringList previousLog(const QString& pod, const QString& container) const override;
    QList<PodRef> podRefs() const override;
    QJsonObject pod(const QString& name) const override;
    QList<QJsonObject> eventsAbout(const QString& kind, const QString& name) const override;

    void setNameSpace(const QString& nameSpace) { m_nameSpace = nameSpace; }
    void setPods(QList<QJsonObject> objects);
    void setDeployments(QList<QJsonObject> objects) { m_deployments = std::move(objects); }
    void setReplicaSets(QList<QJsonObject> objects) { m_replicaSets = std::move(objects); }
    void setServices(QList<QJsonObject> objects) { m_services = std::move(objects); }
    void setEndpoints(QList<QJsonObject> objects) { m_endpoints = std::move(objects); }
    void setEvents(QList<QJsonObject> objects);
    void setNodes(QList<QJsonObject> objects) { m_nodes = std::move(objects); }
    // metrics.k8s.io PodMetrics, pod -> container -> usage; hasMetrics() becomes true.
    void setPodUsage(QHash<QString, QHash<QString, ContainerUsage>> usage);
    // A PodMetricsList body (GET /apis/metrics.k8s.io/v1beta1/namespaces/NS/pods).
    void setPodMetricsList(const QByteArray& body);
    void setMetricsProblem(const QString& problem);
    void setPreviousLog(const QString& pod, const QString& container, const QStringList& lines);

    // The items of a list body ({"kind":"PodList","items":[...]}).
    static QList<QJsonObject> items(const QJsonObject& list);

private:
    QString m_nameSpace;
    QList<QJsonObject> m_pods;
    QList<QJsonObject> m_deployments;
    QList<QJsonObject> m_replicaSets;
    QList<QJsonObject> m_services;
    QList<QJsonObject> m_endpoints;
    QList<QJsonObject> m_events;
    QList<QJsonObject> m_nodes;
    bool m_hasMetrics = false;
    QHash<QString, QHash<QString, ContainerUsage>> m_usage;
    QString m_metricsProblem;
    QHash<QString, QHash<QString, QStringList>> m_logs;
    // Built on first use, dropped when the lists change.
    mutable std::optional<QList<PodRef>> m_podRefs;
    mutable std::optional<QHash<QString, qsizetype>> m_podByName;
    mutable std::optional<QHash<QString, QList<qsizetype>>> m_eventsByObject;
};

} // namespace quayside::diagnosis
