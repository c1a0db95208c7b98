#include "diagnosis/DiagnosisSnapshot.h"

#include "diagnosis/rules/ConfigRules.h"
#include "diagnosis/rules/CrashRules.h"
#include "diagnosis/rules/ImageRules.h"
#include "diagnosis/rules/ProbeRules.h"
#include "diagnosis/rules/SchedulingRules.h"
#include "kube/OwnerReference.h"
#include "kube/Quantity.h"

#include <QJsonArray>

#include <algorithm>

namespace quayside::diagnosis {

namespace {

QString objectKey(const QString& kind, const QString& name)
{
    return kind + QLatin1Char('/') + name;
}

} // namespace

DiagnosisSnapshot::DiagnosisSnapshot(const ObjectCache& cache, const DiagnosisContext& context, QDateTime now,
                                     Scope scope)
    : m_cache(cache)
    , m_context(context)
    , m_now(std::move(now))
    , m_nameSpace(cache.nameSpace())
    , m_scope(scope)
{ }

void DiagnosisSnapshot::indexReplicaSets() const
{
    if (m_replicaSetsIndexed)
        return;
    m_replicaSetsIndexed = true;
    for (const QJsonObject& rs : m_cache.replicaSets()) {
        const QString deployment = kube::OwnerReference::deploymentOfReplicaSet(rs);
        if (!deployment.isEmpty())
            m_replicaSetOwner.insert(
                rs.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(), deployment);
    }
}

QString DiagnosisSnapshot::deploymentOfReplicaSet(const QString& replicaSet) const
{
    indexReplicaSets();
    return m_replicaSetOwner.value(replicaSet);
}

QStringList DiagnosisSnapshot::replicaSetsOf(const QString& deployment) const
{
    indexReplicaSets();
    QStringList result;
    for (auto it = m_replicaSetOwner.cbegin(); it != m_replicaSetOwner.cend(); ++it) {
        if (it.value() == deployment)
            result.append(it.key());
    }
    result.sort();
    return result;
}

void DiagnosisSnapshot::indexPods() const
{
    if (m_podsIndexed)
        return;
    m_podsIndexed = true;
    // Identities only (an indexed read for InformerCache): the full PodSummary is derived when a rule asks.
    const QList<ObjectCache::PodRef> refs = m_cache.podRefs();
    const auto n = static_cast<std::size_t>(refs.size());
    m_podMeta.resize(n);
    m_pods.resize(n);
    m_podFindings.resize(n);
    m_podByName.reserve(static_cast<qsizetype>(n));
    for (std::size_t i = 0; i < n; ++i) {
        PodMeta& meta = m_podMeta[i];
        meta.ref = refs.at(static_cast<qsizetype>(i));
        if (meta.ref.ownerKind == QLatin1String("ReplicaSet")) {
            meta.deployment = deploymentOfReplicaSet(meta.ref.ownerName);
            if (meta.deployment.isEmpty())
                meta.deployment = kube::OwnerReference::deploymentFromReplicaSetName(
                    meta.ref.ownerName, meta.ref.labels.value(QStringLiteral("pod-template-hash")));
        }
        m_podByName.insert(meta.ref.name, static_cast<int>(i));
    }
}

QJsonObject DiagnosisSnapshot::podJson(int index) const
{
    const QString& name = m_podMeta[static_cast<std::size_t>(index)].ref.name;
    if (m_scope == Scope::SomeObjects)
        return m_cache.pod(name);
    if (!m_podJson) {
        QHash<QString, QJsonObject> byName;
        for (const QJsonObject& p : m_cache.pods())
            byName.insert(p.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(), p);
        m_podJson = std::move(byName);
    }
    return m_podJson->value(name);
}

int DiagnosisSnapshot::podCount() const
{
    indexPods();
    return static_cast<int>(m_podMeta.size());
}

int DiagnosisSnapshot::podIndex(const QString& name) const
{
    indexPods();
    return m_podByName.value(name, -1);
}

const QString& DiagnosisSnapshot::podName(int index) const
{
    indexPods();
    return m_podMeta[static_cast<std::size_t>(index)].ref.name;
}

bool DiagnosisSnapshot::podTerminating(int index) const
{
    indexPods();
    return m_podMeta[static_cast<std::size_t>(index)].ref.terminating;
}

bool DiagnosisSnapshot::podScheduled(int index) const
{
    indexPods();
    return m_podMeta[static_cast<std::size_t>(index)].ref.scheduled;
}

const kube::PodSummary& DiagnosisSnapshot::pod(int index) const
{
    indexPods();
    std::optional<kube::PodSummary>& slot = m_pods[static_cast<std::size_t>(index)];
    if (!slot) {
        slot = kube::PodSummary::fromJson(podJson(index),
                                          [this](const QString& rs) { return deploymentOfReplicaSet(rs); });
    }
    return *slot;
}

const QList<Finding>& DiagnosisSnapshot::podFindings(int index) const
{
    indexPods();
    std::optional<QList<Finding>>& slot = m_podFindings[static_cast<std::size_t>(index)];
    if (!slot) {
        QList<Finding> findings;
        // Healthy pods are passed over without being summarized; a pod on its way out is not a problem
        // of its own (its replacement is looked at instead).
        const bool steady
            = !m_pods[static_cast<std::size_t>(index)] && kube::PodSummary::isSteadyRunning(podJson(index));
        if (!steady && !pod(index).terminating) {
            const kube::PodSummary& p = pod(index);
            ImageRules::check(*this, p, &findings);
            ConfigRules::check(*this, p, &findings);
            CrashRules::check(*this, p, &findings);
            ProbeRules::check(*this, p, &findings);
            SchedulingRules::check(*this, p, &findings);
        }
        slot = std::move(findings);
    }
    return *slot;
}

QList<int> DiagnosisSnapshot::podsOfDeployment(const QString& deployment) const
{
    indexPods();
    QList<int> result;
    for (std::size_t i = 0; i < m_podMeta.size(); ++i) {
        if (!m_podMeta[i].ref.terminating && m_podMeta[i].deployment == deployment)
            result.append(static_cast<int>(i));
    }
    return result;
}

QList<int> DiagnosisSnapshot::podsSelectedBy(const kube::ServiceSummary& service) const
{
    indexPods();
    QList<int> result;
    for (std::size_t i = 0; i < m_podMeta.size(); ++i) {
        if (!m_podMeta[i].ref.terminating && service.selects(m_podMeta[i].ref.labels))
            result.append(static_cast<int>(i));
    }
    return result;
}

QList<int> DiagnosisSnapshot::unscheduledPods() const
{
    indexPods();
    QList<int> result;
    for (std::size_t i = 0; i < m_podMeta.size(); ++i) {
        if (!m_podMeta[i].ref.terminating && !m_podMeta[i].ref.scheduled)
            result.append(static_cast<int>(i));
    }
    return result;
}

const QList<kube::DeploymentSummary>& DiagnosisSnapshot::deployments() const
{
    if (!m_deployments) {
        QList<kube::DeploymentSummary> list;
        for (const QJsonObject& d : m_cache.deployments())
            list.append(kube::DeploymentSummary::fromJson(d));
        m_deployments = std::move(list);
    }
    return *m_deployments;
}

const kube::DeploymentSummary* DiagnosisSnapshot::deployment(const QString& name) const
{
    for (const kube::DeploymentSummary& d : deployments()) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}

const QList<kube::ServiceSummary>& DiagnosisSnapshot::services() const
{
    if (!m_services) {
        QList<kube::ServiceSummary> list;
        for (const QJsonObject& s : m_cache.services())
            list.append(kube::ServiceSummary::fromJson(s));
        m_services = std::move(list);
    }
    return *m_services;
}

const kube::ServiceSummary* DiagnosisSnapshot::service(const QString& name) const
{
    for (const kube::ServiceSummary& s : services()) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

const kube::EndpointsSummary* DiagnosisSnapshot::endpoints(const QString& service) const
{
    auto it = m_endpoints.find(service);
    if (it == m_endpoints.end()) {
        if (!m_endpointJson)
            m_endpointJson = m_cache.endpoints();
        std::optional<kube::EndpointsSummary> found;
        for (const QJsonObject& e : std::as_const(*m_endpointJson)) {
            if (e.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString() == service) {
                found = kube::EndpointsSummary::fromJson(e);
                break;
            }
        }
        it = m_endpoints.insert(service, found);
    }
    return it->has_value() ? &it->value() : nullptr;
}

const QList<kube::NodeSummary>& DiagnosisSnapshot::nodes() const
{
    if (!m_nodes) {
        QList<kube::NodeSummary> list;
        for (const QJsonObject& n : m_cache.nodes())
            list.append(kube::NodeSummary::fromJson(n));
        m_nodes = std::move(list);
    }
    return *m_nodes;
}

const kube::NodeSummary* DiagnosisSnapshot::node(const QString& name) const
{
    for (const kube::NodeSummary& n : nodes()) {
        if (n.name == name)
            return &n;
    }
    return nullptr;
}

void DiagnosisSnapshot::indexEvents() const
{
    if (m_eventsIndexed)
        return;
    m_eventsIndexed = true;
    m_eventJson = m_cache.events();
    m_events.resize(static_cast<std::size_t>(m_eventJson.size()));
    for (qsizetype i = 0; i < m_eventJson.size(); ++i) {
        // Index by involvedObject only; an event is summarized when a rule reads its object's events.
        const QJsonObject involved = m_eventJson.at(i).value(QLatin1String("involvedObject")).toObject();
        m_eventsByObject[objectKey(involved.value(QLatin1String("kind")).toString(),
                                   involved.value(QLatin1String("name")).toString())]
            .append(static_cast<int>(i));
    }
}

const kube::EventSummary& DiagnosisSnapshot::event(int index) const
{
    std::optional<kube::EventSummary>& slot = m_events[static_cast<std::size_t>(index)];
    if (!slot)
        slot = kube::EventSummary::fromJson(m_eventJson.at(index));
    return *slot;
}

QList<kube::EventSummary> DiagnosisSnapshot::events(const QString& kind, const QString& name) const
{
    return events(kind, name, {}, -1);
}

QList<kube::EventSummary> DiagnosisSnapshot::events(const QString& kind, const QString& name,
                                                    const std::function<bool(const kube::EventSummary&)>& accept,
                                                    int limit) const
{
    QList<kube::EventSummary> result;
    if (m_scope == Scope::WholeNamespace) {
        // One pass over every event for the whole namespace ...
        indexEvents();
        for (int index : m_eventsByObject.value(objectKey(kind, name))) {
            const kube::EventSummary& e = event(index);
            if (!accept || accept(e))
                result.append(e);
        }
    } else {
        // ... the cache's index for a few objects.
        const QString key = objectKey(kind, name);
        auto it = m_eventsAbout.find(key);
        if (it == m_eventsAbout.end()) {
            QList<kube::EventSummary> summaries;
            for (const QJsonObject& e : m_cache.eventsAbout(kind, name))
                summaries.append(kube::EventSummary::fromJson(e));
            it = m_eventsAbout.insert(key, summaries);
        }
        for (const kube::EventSummary& e : std::as_const(*it)) {
            if (!accept || accept(e))
                result.append(e);
        }
    }
    std::sort(result.begin(), result.end(),
              [](const kube::EventSummary& a, const kube::EventSummary& b) { return a.time > b.time; });
    if (limit >= 0 && result.size() > limit)
        result.resize(limit);
    return result;
}

ObjectCache::ContainerUsage DiagnosisSnapshot::peakUsage(const QString& pod, const QString& container) const
{
    if (!m_cache.hasMetrics())
        return {};
    if (!m_peaks)
        m_peaks = m_cache.podPeakUsage();
    return m_peaks->value(pod).value(container);
}

DiagnosisSnapshot::NodeRequests DiagnosisSnapshot::requestsOn(const QString& nodeName) const
{
    if (!m_nodeRequests) {
        indexPods();
        QHash<QString, NodeRequests> byNode;
        for (std::size_t i = 0; i < m_podMeta.size(); ++i) {
            const PodMeta& meta = m_podMeta[i];
            if (!meta.ref.scheduled || meta.ref.terminating)
                continue;
            // Read the requests straight from the spec: summarizing every pod to add two numbers would
            // cost a pending pod's re-evaluation as much as the namespace's.
            const QJsonObject json = podJson(static_cast<int>(i));
            const QJsonObject spec = json.value(QLatin1String("spec")).toObject();
            const QString phase
                = json.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString();
            if (phase == QLatin1String("Succeeded") || phase == QLatin1String("Failed"))
                continue;
            NodeRequests& r = byNode[spec.value(QLatin1String("nodeName")).toString()];
            ++r.pods;
            for (const QJsonValue& c : spec.value(QLatin1String("containers")).toArray()) {
                const QJsonObject requests = c.toObject()
                                                 .value(QLatin1String("resources"))
                                                 .toObject()
                                                 .value(QLatin1String("requests"))
                                                 .toObject();
                // Saturating: a quantity such as 8Ei must not wrap the node's total around.
                r.cpuMillicores = kube::Quantity::add(
                    r.cpuMillicores,
                    kube::Quantity::parseOrZero(requests.value(QLatin1String("cpu")).toString()).milliValue());
                r.memoryBytes = kube::Quantity::add(
                    r.memoryBytes,
                    kube::Quantity::parseOrZero(requests.value(QLatin1String("memory")).toString()).value());
            }
        }
        m_nodeRequests = std::move(byNode);
    }
    return m_nodeRequests->value(nodeName);
}

Finding DiagnosisSnapshot::podFinding(const kube::PodSummary& pod, const QString& rule,
                                      Finding::Severity severity) const
{
    Finding f;
    f.rule = rule;
    f.severity = severity;
    f.objectKind = QStringLiteral("Pod");
    f.objectName = pod.name;
    f.deployment = pod.deployment;
    return f;
}

} // namespace quayside::diagnosis
