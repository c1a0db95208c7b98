#pragma once

#include "diagnosis/DiagnosisContext.h"
#include "diagnosis/Finding.h"
#include "diagnosis/ObjectCache.h"
#include "kube/DeploymentSummary.h"
#include "kube/EndpointsSummary.h"
#include "kube/EventSummary.h"
#include "kube/NodeSummary.h"
#include "kube/PodSummary.h"
#include "kube/ServiceSummary.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace quayside::diagnosis {

// The typed view of an ObjectCache that one evaluation works on: every kube summary is derived at most
// once and only when a rule asks for it. A whole-namespace evaluation reads every list once; an
// evaluation of a few objects goes through the cache's indexed reads (ObjectCache::pod, eventsAbout,
// podRefs), so re-evaluating one pod of a thousand summarizes that pod and its dependants only.
class DiagnosisSnapshot
{
public:
    enum class Scope { WholeNamespace, SomeObjects };

    DiagnosisSnapshot(const ObjectCache& cache, const DiagnosisContext& context, QDateTime now,
                      Scope scope = Scope::WholeNamespace);

    const ObjectCache& cache() const { return m_cache; }
    const DiagnosisContext& context() const { return m_context; }
    const QDateTime& now() const { return m_now; }
    const QString& nameSpace() const { return m_nameSpace; }

    // Pods, by index into the cache's list.
    int podCount() const;
    int podIndex(const QString& name) const; // -1 when there is no such pod
    const QString& podName(int index) const;
    bool podTerminating(int index) const;
    bool podScheduled(int index) const; // spec.nodeName is set
    const kube::PodSummary& pod(int index) const;
    // The pod's findings (image, crash, probe, scheduling, configuration rules), evaluated once.
    const QList<Finding>& podFindings(int index) const;
    // Pods the Deployment owns (pod -> ReplicaSet -> Deployment), not terminating.
    QList<int> podsOfDeployment(const QString& deployment) const;
    // Pods the Service's selector matches, not terminating.
    QList<int> podsSelectedBy(const kube::ServiceSummary& service) const;
    QList<int> unscheduledPods() const;

    const QList<kube::DeploymentSummary>& deployments() const;
    const kube::DeploymentSummary* deployment(const QString& name) const;
    QString deploymentOfReplicaSet(const QString& replicaSet) const;
    QStringList replicaSetsOf(const QString& deployment) const;
    const QList<kube::ServiceSummary>& services() const;
    const kube::ServiceSummary* service(const QString& name) const;
    const kube::EndpointsSummary* endpoints(const QString& service) const; // nullptr: none in the cache
    const QList<kube::NodeSummary>& nodes() const;
    const kube::NodeSummary* node(const QString& name) const;

    // The events about one object, newest first.
    QList<kube::EventSummary> events(const QString& kind, const QString& name) const;
    // Of those, the ones matching `accept`, newest first, at most `limit`.
    QList<kube::EventSummary> events(const QString& kind, const QString& name,
                                     const std::function<bool(const kube::EventSummary&)>& accept, int limit = 5) const;

    ObjectCache::ContainerUsage peakUsage(const QString& pod, const QString& container) const;

    // What the scheduler has already given away on a node to this namespace's pods: the sum of the
    // requests of the pods bound to it that still run (other namespaces are not in the cache).
    struct NodeRequests
    {
        std::int64_t cpuMillicores = 0;
        std::int64_t memoryBytes = 0;
        int pods = 0;
    };
    NodeRequests requestsOn(const QString& node) const;

    // A finding about a pod, with its kind, name and Deployment filled in.
    Finding podFinding(const kube::PodSummary& pod, const QString& rule, Finding::Severity severity) const;

private:
    struct PodMeta
    {
        ObjectCache::PodRef ref;
        QString deployment;
    };
    void indexPods() const;
    void indexReplicaSets() const;
    void indexEvents() const;
    QJsonObject podJson(int index) const;
    const kube::EventSummary& event(int index) const;

    const ObjectCache& m_cache;
    const DiagnosisContext& m_context;
    QDateTime m_now;
    QString m_nameSpace;
    Scope m_scope;

    mutable std::optional<QHash<QString, QJsonObject>> m_podJson; // whole namespace: by name
    mutable bool m_podsIndexed = false;
    mutable std::vector<PodMeta> m_podMeta;
    mutable QHash<QString, int> m_podByName;
    mutable std::vector<std::optional<kube::PodSummary>> m_pods;
    mutable std::vector<std::optional<QList<Finding>>> m_podFindings;

    mutable bool m_replicaSetsIndexed = false;
    mutable QHash<QString, QString> m_replicaSetOwner; // ReplicaSet -> Deployment
    mutable std::optional<QList<kube::DeploymentSummary>> m_deployments;
    mutable std::optional<QList<kube::ServiceSummary>> m_services;
    mutable QHash<QString, std::optional<kube::EndpointsSummary>> m_endpoints;
    mutable std::optional<QList<QJsonObject>> m_endpointJson;
    mutable std::optional<QList<kube::NodeSummary>> m_nodes;
    mutable std::optional<QHash<QString, QHash<QString, ObjectCache::ContainerUsage>>> m_peaks;
    mutable std::optional<QHash<QString, NodeRequests>> m_nodeRequests;

    mutable QList<QJsonObject> m_eventJson;
    mutable bool m_eventsIndexed = false;
    mutable QHash<QString, QList<int>> m_eventsByObject; // "Kind/name" -> indexes into m_eventJson
    mutable std::vector<std::optional<kube::EventSummary>> m_events;
    mutable QHash<QString, QList<kube::EventSummary>> m_eventsAbout; // some objects: "Kind/name" -> summaries
};

} // namespace quayside::diagnosis
