#include "ClusterSimulator.h"

#include "Admission.h"
#include "LogGenerator.h"
#include "ResourceRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace quayside::test {

namespace {

const QString kPods = QStringLiteral("pods");
const QString kReplicaSets = QStringLiteral("replicasets");
const QString kDeployments = QStringLiteral("deployments");
const QString kNamespaces = QStringLiteral("namespaces");
const QString kEvents = QStringLiteral("events");
const QString kClaims = QStringLiteral("persistentvolumeclaims");
const QString kVolumes = QStringLiteral("persistentvolumes");
const QString kGc = QStringLiteral("__gc");
const QString kFinalize = QStringLiteral("__finalize");
const QChar separator(0x1f);
constexpr int maxEventsPerNamespace = 1000;

QJsonObject meta(const QJsonObject& object)
{
    return object.value(QStringLiteral("metadata")).toObject();
}

QString nameOf(const QJsonObject& object)
{
    return meta(object).value(QStringLiteral("name")).toString();
}

QString nsOf(const QJsonObject& object)
{
    return meta(object).value(QStringLiteral("namespace")).toString();
}

QString uidOf(const QJsonObject& object)
{
    return meta(object).value(QStringLiteral("uid")).toString();
}

bool isTerminating(const QJsonObject& object)
{
    const QJsonValue value = meta(object).value(QStringLiteral("deletionTimestamp"));
    return !value.isUndefined() && !value.isNull();
}

QJsonObject controllerOf(const QJsonObject& object)
{
    for (const QJsonValue& value : meta(object).value(QStringLiteral("ownerReferences")).toArray()) {
        if (value.toObject().value(QStringLiteral("controller")).toBool())
            return value.toObject();
    }
    return {};
}

bool ownedBy(const QJsonObject& object, const QString& uid)
{
    for (const QJsonValue& value : meta(object).value(QStringLiteral("ownerReferences")).toArray()) {
        if (value.toObject().value(QStringLiteral("uid")).toString() == uid)
            return true;
    }
    return false;
}

bool podReady(const QJsonObject& pod)
{
    for (const QJsonValue& value :
         pod.value(QStringLiteral("status")).toObject().value(QStringLiteral("conditions")).toArray()) {
        const QJsonObject condition = value.toObject();
        if (condition.value(QStringLiteral("type")).toString() == QLatin1String("Ready"))
            return condition.value(QStringLiteral("status")).toString() == QLatin1String("True");
    }
    return false;
}

bool podActive(const QJsonObject& pod)
{
    const QString phase = pod.value(QStringLiteral("status")).toObject().value(QStringLiteral("phase")).toString();
    return !isTerminating(pod) && phase != QLatin1String("Succeeded") && phase != QLatin1String("Failed");
}

// controller.ComputeHash: FNV-1a over the template, printed as a decimal and mapped through the
// safe alphabet (rand.SafeEncodeString), giving names like backend-7d9c5b8f6.
QString templateHash(const QJsonObject& podTemplate, qint64 collisionCount)
{
    QByteArray bytes = QJsonDocument(podTemplate).toJson(QJsonDocument::Compact);
    if (collisionCount > 0)
        bytes += QByteArray::number(collisionCount);
    quint32 hash = 2166136261u;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString out;
    for (const char digit : QByteArray::number(hash))
        out += QLatin1Char(alphabet[static_cast<unsigned char>(digit) % (sizeof(alphabet) - 1)]);
    return out;
}

QJsonObject setStatusField(QJsonObject status, const char* key, qint64 value)
{
    // The API types mark these omitempty: 0 is absent, which clients must handle.
    if (value > 0)
        status.insert(QString::fromLatin1(key), value);
    else
        status.remove(QString::fromLatin1(key));
    return status;
}

double quantityBytes(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^([0-9.]+)([A-Za-z]*)$)"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return 0;
    const double value = match.captured(1).toDouble();
    const QString suffix = match.captured(2);
    static const QHash<QString, double> factors { { QString(), 1 },
                                                  { QStringLiteral("Ki"), 1024.0 },
                                                  { QStringLiteral("Mi"), 1024.0 * 1024 },
                                                  { QStringLiteral("Gi"), 1024.0 * 1024 * 1024 },
                                                  { QStringLiteral("Ti"), 1024.0 * 1024 * 1024 * 1024 },
                                                  { QStringLiteral("k"), 1e3 },
                                                  { QStringLiteral("M"), 1e6 },
                                                  { QStringLiteral("G"), 1e9 },
                                                  { QStringLiteral("T"), 1e12 } };
    return value * factors.value(suffix, 1);
}

qint64 cpuMillicores(const QString& text)
{
    const QString value = text.trimmed();
    if (value.endsWith(QLatin1Char('m')))
        return value.chopped(1).toLongLong();
    return static_cast<qint64>(value.toDouble() * 1000);
}

// The sum of a pod's container requests, as the scheduler's NodeResourcesFit counts them.
QPair<qint64, double> podRequests(const QJsonObject& pod)
{
    qint64 cpu = 0;
    double memory = 0;
    for (const QJsonValue& c :
         pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("containers")).toArray()) {
        const QJsonObject requests
            = c.toObject().value(QStringLiteral("resources")).toObject().value(QStringLiteral("requests")).toObject();
        cpu += cpuMillicores(requests.value(QStringLiteral("cpu")).toString(QStringLiteral("0")));
        memory += quantityBytes(requests.value(QStringLiteral("memory")).toString(QStringLiteral("0")));
    }
    return { cpu, memory };
}

QString flavourOf(const QString& image, const QString& container)
{
    if (image.contains(QLatin1String("frontend")))
        return QStringLiteral("frontend");
    if (image.contains(QLatin1String("backend")))
        return QStringLiteral("backend");
    return container;
}

QString podKey(const QString& ns, const QString& name)
{
    return ns + QLatin1Char('/') + name;
}

qint64 toNs(const QDateTime& time)
{
    return time.toMSecsSinceEpoch() * 1000000LL;
}

} // namespace

ClusterSimulator::ClusterSimulator(ObjectStore& store, const ResourceRegistry& registry, Admission& admission,
                                   LogGenerator& logs, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_registry(registry)
    , m_admission(admission)
    , m_logs(logs)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ClusterSimulator::onTimer);
    connect(&m_store, &ObjectStore::changed, this, &ClusterSimulator::onChanged);
    m_loadTimer.setInterval(10);
    connect(&m_loadTimer, &QTimer::timeout, this, &ClusterSimulator::tickLoad);
}

void ClusterSimulator::setTiming(const FakeApiServer::Timing& timing)
{
    m_timing = timing;
    armTimer();
}

// --- The work queue ------------------------------------------------------------------------------

void ClusterSimulator::enqueue(const QString& resource, const QString& ns, const QString& name)
{
    const QString key = resource + separator + ns + separator + name;
    if (m_queued.contains(key))
        return;
    m_queued.insert(key);
    const int priority = resource == kPods ? 0 : resource == kReplicaSets ? 1 : 2;
    m_queues[priority].append(key);
    if (!m_draining && !m_drainScheduled) {
        // Changes made outside a request (timers) are settled on the next turn of the event loop.
        m_drainScheduled = true;
        QMetaObject::invokeMethod(this, &ClusterSimulator::drain, Qt::QueuedConnection);
    }
}

void ClusterSimulator::drain()
{
    m_drainScheduled = false;
    if (m_draining)
        return;
    m_draining = true;
    int guard = 0;
    while (guard++ < 10000000) {
        QList<QString>* queue = nullptr;
        for (QList<QString>& candidate : m_queues) {
            if (!candidate.isEmpty()) {
                queue = &candidate;
                break;
            }
        }
        if (!queue)
            break;
        const QString key = queue->takeFirst();
        m_queued.remove(key);
        const QStringList parts = key.split(separator);
        process(parts.value(0), parts.value(1), parts.value(2));
    }
    m_draining = false;
}

void ClusterSimulator::onChanged(const StoredEvent& event)
{
    const bool deleted = event.type == QLatin1String("DELETED");
    if (event.resource == kPods) {
        const QString key = podKey(event.ns, event.name);
        if (deleted) {
            m_pods.remove(key);
            m_timers.remove(key);
            m_logs.forgetPod(key + QLatin1Char('/'));
        } else if (event.type == QLatin1String("MODIFIED")) {
            // Heartbeat-only changes (the load generator) need no reconciling.
            const QJsonObject before = meta(event.previous);
            const QJsonObject after = meta(event.object);
            const bool same
                = event.previous.value(QStringLiteral("status")) == event.object.value(QStringLiteral("status"))
                && event.previous.value(QStringLiteral("spec")) == event.object.value(QStringLiteral("spec"))
                && before.value(QStringLiteral("deletionTimestamp")) == after.value(QStringLiteral("deletionTimestamp"))
                && before.value(QStringLiteral("labels")) == after.value(QStringLiteral("labels"))
                && before.value(QStringLiteral("finalizers")) == after.value(QStringLiteral("finalizers"))
                && before.value(QStringLiteral("ownerReferences")) == after.value(QStringLiteral("ownerReferences"));
            if (same)
                return;
        }
        if (!deleted)
            enqueue(kPods, event.ns, event.name);
        const QJsonObject owner = controllerOf(event.object);
        if (owner.value(QStringLiteral("kind")).toString() == QLatin1String("ReplicaSet"))
            enqueue(kReplicaSets, event.ns, owner.value(QStringLiteral("name")).toString());
    } else if (event.resource == kReplicaSets) {
        if (!deleted)
            enqueue(kReplicaSets, event.ns, event.name);
        const QJsonObject owner = controllerOf(event.object);
        if (owner.value(QStringLiteral("kind")).toString() == QLatin1String("Deployment"))
            enqueue(kDeployments, event.ns, owner.value(QStringLiteral("name")).toString());
    } else if (event.resource == kDeployments) {
        if (!deleted)
            enqueue(kDeployments, event.ns, event.name);
    } else if (event.resource == kNamespaces) {
        if (!deleted && isTerminating(event.object))
            enqueue(kNamespaces, QString(), event.name);
    } else if (event.resource == kClaims) {
        if (!deleted)
            enqueue(kClaims, event.ns, event.name);
    } else if (event.resource == kVolumes && event.type == QLatin1String("ADDED")) {
        for (const QJsonObject& claim : m_store.list(kClaims)) {
            if (claim.value(QStringLiteral("status")).toObject().value(QStringLiteral("phase")).toString()
                == QLatin1String("Pending"))
                enqueue(kClaims, nsOf(claim), nameOf(claim));
        }
    }
    if (!deleted && event.resource != kPods && event.resource != kNamespaces && isTerminating(event.object)
        && meta(event.object).value(QStringLiteral("finalizers")).toArray().isEmpty())
        enqueue(kFinalize + QLatin1Char(':') + event.resource, event.ns, event.name);
    if (deleted && !uidOf(event.object).isEmpty() && event.resource != kEvents)
        enqueue(kGc, event.ns, uidOf(event.object));
    if (!event.ns.isEmpty()) {
        const auto ns = m_store.get(kNamespaces, QString(), event.ns);
        if (ns && isTerminating(*ns))
            enqueue(kNamespaces, QString(), event.ns);
    }
}

void ClusterSimulator::process(const QString& resource, const QString& ns, const QString& name)
{
    if (resource == kDeployments)
        reconcileDeployment(ns, name);
    else if (resource == kReplicaSets)
        reconcileReplicaSet(ns, name);
    else if (resource == kPods)
        reconcilePod(ns, name);
    else if (resource == kNamespaces)
        reconcileNamespace(name);
    else if (resource == kClaims)
        reconcileClaim(ns, name);
    else if (resource == kGc)
        collectDependents(ns, name);
    else if (resource.startsWith(kFinalize)) {
        const QString target = resource.mid(kFinalize.size() + 1);
        const auto object = m_store.get(target, ns, name);
        if (object && isTerminating(*object) && meta(*object).value(QStringLiteral("finalizers")).toArray().isEmpty())
            m_store.remove(target, ns, name);
    }
}

// --- Controllers ---------------------------------------------------------------------------------

void ClusterSimulator::reconcileDeployment(const QString& ns, const QString& name)
{
    const auto found = m_store.get(kDeployments, ns, name);
    if (!found || isTerminating(*found))
        return;
    QJsonObject deployment = *found;
    const QJsonObject spec = deployment.value(QStringLiteral("spec")).toObject();
    const QString uid = uidOf(deployment);
    const qint64 desired = spec.value(QStringLiteral("replicas")).toInteger(1);
    const QJsonObject podTemplate = spec.value(QStringLiteral("template")).toObject();
    const qint64 collisions
        = deployment.value(QStringLiteral("status")).toObject().value(QStringLiteral("collisionCount")).toInteger();
    const QString hash = templateHash(podTemplate, collisions);
    const bool paused = spec.value(QStringLiteral("paused")).toBool();

    QList<QJsonObject> owned;
    for (const QJsonObject& rs : m_store.list(kReplicaSets, ns)) {
        if (controllerOf(rs).value(QStringLiteral("uid")).toString() == uid)
            owned.append(rs);
    }
    std::optional<QJsonObject> newRs;
    QList<QJsonObject> oldRs;
    qint64 maxRevision = 0;
    for (const QJsonObject& rs : owned) {
        const qint64 revision = meta(rs)
                                    .value(QStringLiteral("annotations"))
                                    .toObject()
                                    .value(QStringLiteral("deployment.kubernetes.io/revision"))
                                    .toString()
                                    .toLongLong();
        if (meta(rs).value(QStringLiteral("labels")).toObject().value(QStringLiteral("pod-template-hash")).toString()
            == hash)
            newRs = rs;
        else
            oldRs.append(rs);
        maxRevision = std::max(maxRevision, revision);
    }

    if (!newRs && !paused) {
        const QString rsName = name + QLatin1Char('-') + hash;
        QJsonObject templateMetadata = podTemplate.value(QStringLiteral("metadata")).toObject();
        QJsonObject labels = templateMetadata.value(QStringLiteral("labels")).toObject();
        labels.insert(QStringLiteral("pod-template-hash"), hash);
        templateMetadata.insert(QStringLiteral("labels"), labels);
        QJsonObject rsTemplate = podTemplate;
        rsTemplate.insert(QStringLiteral("metadata"), templateMetadata);
        QJsonObject selector = spec.value(QStringLiteral("selector")).toObject();
        QJsonObject matchLabels = selector.value(QStringLiteral("matchLabels")).toObject();
        matchLabels.insert(QStringLiteral("pod-template-hash"), hash);
        selector.insert(QStringLiteral("matchLabels"), matchLabels);
        const qint64 revision = maxRevision + 1;
        QJsonObject rs {
            { QStringLiteral("apiVersion"), QStringLiteral("apps/v1") },
            { QStringLiteral("kind"), QStringLiteral("ReplicaSet") },
            { QStringLiteral("metadata"),
              QJsonObject {
                  { QStringLiteral("name"), rsName },
                  { QStringLiteral("namespace"), ns },
                  { QStringLiteral("labels"), labels },
                  { QStringLiteral("annotations"),
                    QJsonObject {
                        { QStringLiteral("deployment.kubernetes.io/desired-replicas"), QString::number(desired) },
                        { QStringLiteral("deployment.kubernetes.io/max-replicas"),
                          QString::number(desired + (desired + 3) / 4) },
                        { QStringLiteral("deployment.kubernetes.io/revision"), QString::number(revision) } } },
                  { QStringLiteral("ownerReferences"),
                    QJsonArray { QJsonObject { { QStringLiteral("apiVersion"), QStringLiteral("apps/v1") },
                                               { QStringLiteral("kind"), QStringLiteral("Deployment") },
                                               { QStringLiteral("name"), name },
                                               { QStringLiteral("uid"), uid },
                                               { QStringLiteral("controller"), true },
                                               { QStringLiteral("blockOwnerDeletion"), true } } } } } },
            { QStringLiteral("spec"),
              QJsonObject { { QStringLiteral("replicas"), desired },
                            { QStringLiteral("selector"), selector },
                            { QStringLiteral("template"), rsTemplate } } }
        };
        if (const ResourceType* type = m_registry.findByResource(kReplicaSets);
            type && !m_admission.admitCreate(*type, rs, ns)) {
            newRs = m_store.create(kReplicaSets, rs);
            recordEvent(deployment, QStringLiteral("ScalingReplicaSet"),
                        QStringLiteral("Scaled up replica set %1 from 0 to %2").arg(rsName).arg(desired),
                        QStringLiteral("Normal"), QStringLiteral("deployment-controller"));
        }
    } else if (newRs && !paused) {
        const qint64 current
            = newRs->value(QStringLiteral("spec")).toObject().value(QStringLiteral("replicas")).toInteger();
        if (current != desired) {
            QJsonObject rs = *newRs;
            QJsonObject rsSpec = rs.value(QStringLiteral("spec")).toObject();
            rsSpec.insert(QStringLiteral("replicas"), desired);
            rs.insert(QStringLiteral("spec"), rsSpec);
            QJsonObject rsMeta = meta(rs);
            QJsonObject annotations = rsMeta.value(QStringLiteral("annotations")).toObject();
            annotations.insert(QStringLiteral("deployment.kubernetes.io/desired-replicas"), QString::number(desired));
            rsMeta.insert(QStringLiteral("annotations"), annotations);
            rs.insert(QStringLiteral("metadata"), rsMeta);
            newRs = m_store.update(kReplicaSets, rs);
            recordEvent(deployment, QStringLiteral("ScalingReplicaSet"),
                        QStringLiteral("Scaled %1 replica set %2 from %3 to %4")
                            .arg(desired > current ? QStringLiteral("up") : QStringLiteral("down"), nameOf(rs))
                            .arg(current)
                            .arg(desired),
                        QStringLiteral("Normal"), QStringLiteral("deployment-controller"));
        }
        // Rolling back to an older template makes that ReplicaSet the newest revision again.
        const qint64 revision = meta(*newRs)
                                    .value(QStringLiteral("annotations"))
                                    .toObject()
                                    .value(QStringLiteral("deployment.kubernetes.io/revision"))
                                    .toString()
                                    .toLongLong();
        if (revision < maxRevision) {
            QJsonObject rs = *newRs;
            QJsonObject rsMeta = meta(rs);
            QJsonObject annotations = rsMeta.value(QStringLiteral("annotations")).toObject();
            annotations.insert(QStringLiteral("deployment.kubernetes.io/revision"), QString::number(maxRevision + 1));
            rsMeta.insert(QStringLiteral("annotations"), annotations);
            rs.insert(QStringLiteral("metadata"), rsMeta);
            newRs = m_store.update(kReplicaSets, rs);
        }
    }

    // Old ReplicaSets shrink as the new one becomes available: maxSurge 100%, as far as the
    // simulation goes, but never fewer available pods than the new ReplicaSet makes up for.
    if (newRs && !paused) {
        const qint64 newAvailable
            = newRs->value(QStringLiteral("status")).toObject().value(QStringLiteral("availableReplicas")).toInteger();
        qint64 remaining = std::max<qint64>(0, desired - newAvailable);
        std::sort(oldRs.begin(), oldRs.end(), [](const QJsonObject& a, const QJsonObject& b) {
            return meta(a).value(QStringLiteral("creationTimestamp")).toString()
                > meta(b).value(QStringLiteral("creationTimestamp")).toString();
        });
        for (QJsonObject rs : oldRs) {
            QJsonObject rsSpec = rs.value(QStringLiteral("spec")).toObject();
            const qint64 current = rsSpec.value(QStringLiteral("replicas")).toInteger();
            const qint64 target = std::min(current, remaining);
            remaining -= target;
            if (target != current) {
                rsSpec.insert(QStringLiteral("replicas"), target);
                rs.insert(QStringLiteral("spec"), rsSpec);
                m_store.update(kReplicaSets, rs);
                recordEvent(
                    deployment, QStringLiteral("ScalingReplicaSet"),
                    QStringLiteral("Scaled down replica set %1 from %2 to %3").arg(nameOf(rs)).arg(current).arg(target),
                    QStringLiteral("Normal"), QStringLiteral("deployment-controller"));
            }
        }
    }

    // Status, from the ReplicaSets as they are now.
    qint64 replicas = 0;
    qint64 ready = 0;
    qint64 available = 0;
    qint64 updated = 0;
    QString newRsName;
    QString revision;
    for (const QJsonObject& rs : m_store.list(kReplicaSets, ns)) {
        if (controllerOf(rs).value(QStringLiteral("uid")).toString() != uid)
            continue;
        const QJsonObject rsStatus = rs.value(QStringLiteral("status")).toObject();
        replicas += rsStatus.value(QStringLiteral("replicas")).toInteger();
        ready += rsStatus.value(QStringLiteral("readyReplicas")).toInteger();
        available += rsStatus.value(QStringLiteral("availableReplicas")).toInteger();
        if (meta(rs).value(QStringLiteral("labels")).toObject().value(QStringLiteral("pod-template-hash")).toString()
            == hash) {
            updated = rsStatus.value(QStringLiteral("replicas")).toInteger();
            newRsName = nameOf(rs);
            revision = meta(rs)
                           .value(QStringLiteral("annotations"))
                           .toObject()
                           .value(QStringLiteral("deployment.kubernetes.io/revision"))
                           .toString();
        }
    }
    const QJsonObject oldStatus = deployment.value(QStringLiteral("status")).toObject();
    QJsonObject status = oldStatus;
    status.insert(QStringLiteral("observedGeneration"),
                  meta(deployment).value(QStringLiteral("generation")).toInteger(1));
    status = setStatusField(status, "replicas", replicas);
    status = setStatusField(status, "updatedReplicas", updated);
    status = setStatusField(status, "readyReplicas", ready);
    status = setStatusField(status, "availableReplicas", available);
    status
        = setStatusField(status, "unavailableReplicas", std::max<qint64>(0, std::max(desired, replicas) - available));

    const qint64 maxUnavailable = desired / 4;
    const bool minimumAvailable = available >= desired - maxUnavailable;
    const bool complete = updated == desired && replicas == desired && available == desired;
    const QString nowText = now().toString(Qt::ISODate);
    QHash<QString, QJsonObject> previousConditions;
    for (const QJsonValue& c : oldStatus.value(QStringLiteral("conditions")).toArray())
        previousConditions.insert(c.toObject().value(QStringLiteral("type")).toString(), c.toObject());
    const auto condition = [&](const QString& type, bool value, const QString& reason, const QString& message) {
        const QJsonObject previous = previousConditions.value(type);
        const QString statusText = value ? QStringLiteral("True") : QStringLiteral("False");
        const bool same = previous.value(QStringLiteral("status")).toString() == statusText
            && previous.value(QStringLiteral("reason")).toString() == reason;
        const QString transition = previous.value(QStringLiteral("status")).toString() == statusText
            ? previous.value(QStringLiteral("lastTransitionTime")).toString(nowText)
            : nowText;
        return QJsonObject { { QStringLiteral("type"), type },
                             { QStringLiteral("status"), statusText },
                             { QStringLiteral("lastUpdateTime"),
                               same ? previous.value(QStringLiteral("lastUpdateTime")).toString(nowText) : nowText },
                             { QStringLiteral("lastTransitionTime"), transition },
                             { QStringLiteral("reason"), reason },
                             { QStringLiteral("message"), message } };
    };
    QJsonArray conditions;
    conditions.append(minimumAvailable
                          ? condition(QStringLiteral("Available"), true, QStringLiteral("MinimumReplicasAvailable"),
                                      QStringLiteral("Deployment has minimum availability."))
                          : condition(QStringLiteral("Available"), false, QStringLiteral("MinimumReplicasUnavailable"),
                                      QStringLiteral("Deployment does not have minimum availability.")));
    if (paused) {
        conditions.append(condition(QStringLiteral("Progressing"), false, QStringLiteral("DeploymentPaused"),
                                    QStringLiteral("Deployment is paused")));
    } else if (complete) {
        conditions.append(condition(QStringLiteral("Progressing"), true, QStringLiteral("NewReplicaSetAvailable"),
                                    QStringLiteral("ReplicaSet \"%1\" has successfully progressed.").arg(newRsName)));
    } else {
        conditions.append(condition(QStringLiteral("Progressing"), true, QStringLiteral("ReplicaSetUpdated"),
                                    QStringLiteral("ReplicaSet \"%1\" is progressing.").arg(newRsName)));
    }
    status.insert(QStringLiteral("conditions"), conditions);

    QJsonObject updatedDeployment = deployment;
    updatedDeployment.insert(QStringLiteral("status"), status);
    if (!revision.isEmpty()) {
        QJsonObject dMeta = meta(updatedDeployment);
        QJsonObject annotations = dMeta.value(QStringLiteral("annotations")).toObject();
        annotations.insert(QStringLiteral("deployment.kubernetes.io/revision"), revision);
        dMeta.insert(QStringLiteral("annotations"), annotations);
        updatedDeployment.insert(QStringLiteral("metadata"), dMeta);
    }
    if (updatedDeployment != deployment)
        m_store.update(kDeployments, updatedDeployment);
}

QJsonObject ClusterSimulator::createPodFor(const QJsonObject& replicaSet)
{
    const QString ns = nsOf(replicaSet);
    const QString rsName = nameOf(replicaSet);
    const QJsonObject podTemplate
        = replicaSet.value(QStringLiteral("spec")).toObject().value(QStringLiteral("template")).toObject();
    const QJsonObject templateMetadata = podTemplate.value(QStringLiteral("metadata")).toObject();
    QString name;
    do {
        name = rsName + QLatin1Char('-') + m_admission.randomSuffix();
    } while (m_store.get(kPods, ns, name));
    QJsonObject metadata { { QStringLiteral("name"), name },
                           { QStringLiteral("generateName"), QString(rsName + QLatin1Char('-')) },
                           { QStringLiteral("namespace"), ns },
                           { QStringLiteral("labels"), templateMetadata.value(QStringLiteral("labels")) },
                           { QStringLiteral("ownerReferences"),
                             QJsonArray { QJsonObject { { QStringLiteral("apiVersion"), QStringLiteral("apps/v1") },
                                                        { QStringLiteral("kind"), QStringLiteral("ReplicaSet") },
                                                        { QStringLiteral("name"), rsName },
                                                        { QStringLiteral("uid"), uidOf(replicaSet) },
                                                        { QStringLiteral("controller"), true },
                                                        { QStringLiteral("blockOwnerDeletion"), true } } } } };
    if (!templateMetadata.value(QStringLiteral("annotations")).toObject().isEmpty())
        metadata.insert(QStringLiteral("annotations"), templateMetadata.value(QStringLiteral("annotations")));
    QJsonObject pod { { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                      { QStringLiteral("kind"), QStringLiteral("Pod") },
                      { QStringLiteral("metadata"), metadata },
                      { QStringLiteral("spec"), podTemplate.value(QStringLiteral("spec")) } };
    const ResourceType* type = m_registry.findByResource(kPods);
    if (!type || m_admission.admitCreate(*type, pod, ns))
        return {};
    const QString key = podKey(ns, name);
    PodState state;
    state.behaviour = behaviourFor(pod);
    const QString deploymentName = controllerOf(replicaSet).value(QStringLiteral("name")).toString();
    state.pendingRestarts = m_deploymentRestarts.value(podKey(ns, deploymentName));
    m_pods.insert(key, state);
    QJsonObject created = m_store.create(kPods, pod);
    recordEvent(replicaSet, QStringLiteral("SuccessfulCreate"), QStringLiteral("Created pod: %1").arg(name),
                QStringLiteral("Normal"), QStringLiteral("replicaset-controller"));
    return created;
}

void ClusterSimulator::reconcileReplicaSet(const QString& ns, const QString& name)
{
    const auto found = m_store.get(kReplicaSets, ns, name);
    if (!found)
        return;
    const QJsonObject rs = *found;
    const QString uid = uidOf(rs);
    const auto ownedPods = [&] {
        QList<QJsonObject> pods;
        for (const QJsonObject& pod : m_store.list(kPods, ns)) {
            if (controllerOf(pod).value(QStringLiteral("uid")).toString() == uid)
                pods.append(pod);
        }
        return pods;
    };
    if (!isTerminating(rs)) {
        QList<QJsonObject> active;
        for (const QJsonObject& pod : ownedPods()) {
            if (podActive(pod))
                active.append(pod);
        }
        const qint64 desired
            = rs.value(QStringLiteral("spec")).toObject().value(QStringLiteral("replicas")).toInteger(1);
        for (qint64 i = active.size(); i < desired; ++i)
            createPodFor(rs);
        if (active.size() > desired) {
            // controller.ActivePods ordering: unscheduled, then not ready, then newest go first.
            std::sort(active.begin(), active.end(), [](const QJsonObject& a, const QJsonObject& b) {
                const bool readyA = podReady(a);
                const bool readyB = podReady(b);
                if (readyA != readyB)
                    return !readyA;
                return meta(a).value(QStringLiteral("creationTimestamp")).toString() + nameOf(a)
                    > meta(b).value(QStringLiteral("creationTimestamp")).toString() + nameOf(b);
            });
            for (qint64 i = 0; i < active.size() - desired; ++i) {
                const QJsonObject& victim = active.at(i);
                recordEvent(rs, QStringLiteral("SuccessfulDelete"),
                            QStringLiteral("Deleted pod: %1").arg(nameOf(victim)), QStringLiteral("Normal"),
                            QStringLiteral("replicaset-controller"));
                gracefulDelete(victim,
                               victim.value(QStringLiteral("spec"))
                                   .toObject()
                                   .value(QStringLiteral("terminationGracePeriodSeconds"))
                                   .toInteger(30));
            }
        }
    }
    qint64 replicas = 0;
    qint64 ready = 0;
    for (const QJsonObject& pod : ownedPods()) {
        if (!podActive(pod))
            continue;
        ++replicas;
        if (podReady(pod))
            ++ready;
    }
    const auto current = m_store.get(kReplicaSets, ns, name);
    if (!current)
        return;
    QJsonObject updated = *current;
    QJsonObject status = updated.value(QStringLiteral("status")).toObject();
    status.insert(QStringLiteral("replicas"), replicas);
    status = setStatusField(status, "fullyLabeledReplicas", replicas);
    status = setStatusField(status, "readyReplicas", ready);
    status = setStatusField(status, "availableReplicas", ready);
    status.insert(QStringLiteral("observedGeneration"), meta(updated).value(QStringLiteral("generation")).toInteger(1));
    if (status != updated.value(QStringLiteral("status")).toObject()) {
        updated.insert(QStringLiteral("status"), status);
        m_store.update(kReplicaSets, updated);
    }
}

PodBehaviour ClusterSimulator::behaviourFor(const QJsonObject& pod) const
{
    for (const QJsonValue& c :
         pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("containers")).toArray()) {
        const auto it = m_imageBehaviour.constFind(c.toObject().value(QStringLiteral("image")).toString());
        if (it != m_imageBehaviour.constEnd())
            return *it;
    }
    // A Helm hook pod (`helm test`'s, a pre-upgrade task) is a command that runs to its end; nothing
    // runs here, so it ends well unless an image or pod rule says otherwise.
    const QString restartPolicy
        = pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("restartPolicy")).toString();
    if (meta(pod).value(QStringLiteral("annotations")).toObject().contains(QStringLiteral("helm.sh/hook"))
        && (restartPolicy == QLatin1String("Never") || restartPolicy == QLatin1String("OnFailure")))
        return PodBehaviour::Completed;
    const QJsonObject owner = controllerOf(pod);
    if (owner.value(QStringLiteral("kind")).toString() == QLatin1String("ReplicaSet")) {
        const auto rs = m_store.get(kReplicaSets, nsOf(pod), owner.value(QStringLiteral("name")).toString());
        if (rs) {
            const QString deployment = controllerOf(*rs).value(QStringLiteral("name")).toString();
            return m_deploymentBehaviour.value(podKey(nsOf(pod), deployment), PodBehaviour::Normal);
        }
    }
    return PodBehaviour::Normal;
}

void ClusterSimulator::reconcilePod(const QString& ns, const QString& name)
{
    const auto found = m_store.get(kPods, ns, name);
    if (!found)
        return;
    const QJsonObject& pod = *found;
    const QString key = podKey(ns, name);
    if (!m_pods.contains(key)) {
        PodState state;
        state.behaviour = behaviourFor(pod);
        m_pods.insert(key, state);
    }
    PodState& state = m_pods[key];
    if (isTerminating(pod)) {
        if (meta(pod).value(QStringLiteral("finalizers")).toArray().isEmpty()) {
            const bool immediate = meta(pod).value(QStringLiteral("deletionGracePeriodSeconds")).toInteger() == 0;
            schedule(ns, name, Step::Remove, immediate ? 0 : m_timing.terminationMs);
        }
        return;
    }
    if (state.manual)
        return;
    if (pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("nodeName")).toString().isEmpty()) {
        if (state.behaviour == PodBehaviour::Unschedulable) {
            if (!pod.value(QStringLiteral("status")).toObject().contains(QStringLiteral("conditions"))) {
                const QString message = schedulingFailure(pod);
                writeStatus(kPods, pod, Kubelet::unschedulableStatus(pod, now(), message));
                recordEvent(pod, QStringLiteral("FailedScheduling"), message, QStringLiteral("Warning"),
                            QStringLiteral("default-scheduler"));
            }
            return;
        }
        schedule(ns, name, Step::Schedule, m_timing.scheduleMs);
        return;
    }
    if (!state.started) {
        schedule(ns, name, Step::Start, m_timing.startMs);
        return;
    }
    if (state.behaviour == PodBehaviour::CrashLoop || state.behaviour == PodBehaviour::OOMKilled)
        schedule(ns, name, Step::Restart, std::max(1, m_timing.crashLoopRestartMs));
}

void ClusterSimulator::gracefulDelete(const QJsonObject& pod, qint64 gracePeriodSeconds)
{
    const QString ns = nsOf(pod);
    const QString name = nameOf(pod);
    if (gracePeriodSeconds <= 0 && meta(pod).value(QStringLiteral("finalizers")).toArray().isEmpty()) {
        m_store.remove(kPods, ns, name);
        return;
    }
    QJsonObject updated = pod;
    QJsonObject metadata = meta(pod);
    metadata.insert(QStringLiteral("deletionTimestamp"), now().addSecs(gracePeriodSeconds).toString(Qt::ISODate));
    metadata.insert(QStringLiteral("deletionGracePeriodSeconds"), gracePeriodSeconds);
    updated.insert(QStringLiteral("metadata"), metadata);
    m_store.update(kPods, updated);
    for (const QJsonValue& c :
         pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("containers")).toArray()) {
        const QString container = c.toObject().value(QStringLiteral("name")).toString();
        recordEvent(pod, QStringLiteral("Killing"), QStringLiteral("Stopping container %1").arg(container),
                    QStringLiteral("Normal"), QStringLiteral("kubelet"),
                    QStringLiteral("spec.containers{%1}").arg(container));
    }
}

void ClusterSimulator::reconcileNamespace(const QString& name)
{
    const auto found = m_store.get(kNamespaces, QString(), name);
    if (!found || !isTerminating(*found))
        return;
    if (found->value(QStringLiteral("status")).toObject().value(QStringLiteral("phase")).toString()
        != QLatin1String("Terminating"))
        writeStatus(kNamespaces, *found, QJsonObject { { QStringLiteral("phase"), QStringLiteral("Terminating") } });
    int remaining = 0;
    for (const ResourceType& type : m_registry.types()) {
        if (!type.namespaced)
            continue;
        for (const QJsonObject& object : m_store.list(type.resource, name)) {
            ++remaining;
            if (!isTerminating(object))
                remove(type, name, nameOf(object), std::nullopt, QStringLiteral("Background"));
        }
    }
    if (remaining == 0)
        m_store.remove(kNamespaces, QString(), name);
}

void ClusterSimulator::reconcileClaim(const QString& ns, const QString& name)
{
    const auto found = m_store.get(kClaims, ns, name);
    if (!found || isTerminating(*found))
        return;
    QJsonObject claim = *found;
    const QJsonObject claimSpec = claim.value(QStringLiteral("spec")).toObject();
    if (claim.value(QStringLiteral("status")).toObject().value(QStringLiteral("phase")).toString()
        == QLatin1String("Bound"))
        return;
    const QString storageClass = claimSpec.value(QStringLiteral("storageClassName")).toString();
    const QString requestText = claimSpec.value(QStringLiteral("resources"))
                                    .toObject()
                                    .value(QStringLiteral("requests"))
                                    .toObject()
                                    .value(QStringLiteral("storage"))
                                    .toString(QStringLiteral("1Gi"));
    const double request = quantityBytes(requestText);
    std::optional<QJsonObject> volume;
    const QString wanted = claimSpec.value(QStringLiteral("volumeName")).toString();
    for (const QJsonObject& pv : m_store.list(kVolumes)) {
        const QJsonObject pvSpec = pv.value(QStringLiteral("spec")).toObject();
        const QJsonObject claimRef = pvSpec.value(QStringLiteral("claimRef")).toObject();
        const bool refersHere = claimRef.value(QStringLiteral("name")).toString() == name
            && claimRef.value(QStringLiteral("namespace")).toString() == ns;
        if (!wanted.isEmpty()) {
            if (nameOf(pv) == wanted)
                volume = pv;
            continue;
        }
        if (!claimRef.isEmpty() && !refersHere)
            continue;
        if (pv.value(QStringLiteral("status")).toObject().value(QStringLiteral("phase")).toString()
            != QLatin1String("Available"))
            continue;
        if (pvSpec.value(QStringLiteral("storageClassName")).toString() != storageClass)
            continue;
        if (quantityBytes(
                pvSpec.value(QStringLiteral("capacity")).toObject().value(QStringLiteral("storage")).toString())
            < request)
            continue;
        volume = pv;
        break;
    }
    if (!volume && wanted.isEmpty() && storageClass == QLatin1String("standard")) {
        // minikube's default StorageClass provisions a hostPath volume for every claim.
        const QString pvName = QStringLiteral("pvc-") + uidOf(claim);
        QJsonObject pv {
            { QStringLiteral("apiVersion"), QStringLiteral("v1") },
            { QStringLiteral("kind"), QStringLiteral("PersistentVolume") },
            { QStringLiteral("metadata"),
              QJsonObject {
                  { QStringLiteral("name"), pvName },
                  { QStringLiteral("annotations"),
                    QJsonObject { { QStringLiteral("hostPathProvisionerIdentity"), QStringLiteral("minikube") },
                                  { QStringLiteral("pv.kubernetes.io/provisioned-by"),
                                    QStringLiteral("k8s.io/minikube-hostpath") } } } } },
            { QStringLiteral("spec"),
              QJsonObject { { QStringLiteral("accessModes"), claimSpec.value(QStringLiteral("accessModes")) },
                            { QStringLiteral("capacity"), QJsonObject { { QStringLiteral("storage"), requestText } } },
                            { QStringLiteral("hostPath"),
                              QJsonObject { { QStringLiteral("path"),
                                              QStringLiteral("/tmp/hostpath-provisioner/%1/%2").arg(ns, name) },
                                            { QStringLiteral("type"), QString() } } },
                            { QStringLiteral("persistentVolumeReclaimPolicy"), QStringLiteral("Delete") },
                            { QStringLiteral("storageClassName"), QStringLiteral("standard") },
                            { QStringLiteral("volumeMode"), QStringLiteral("Filesystem") } } },
            { QStringLiteral("status"), QJsonObject { { QStringLiteral("phase"), QStringLiteral("Available") } } }
        };
        volume = m_store.create(kVolumes, pv);
        recordEvent(claim, QStringLiteral("ProvisioningSucceeded"),
                    QStringLiteral("Successfully provisioned volume %1").arg(pvName), QStringLiteral("Normal"),
                    QStringLiteral("k8s.io/minikube-hostpath_minikube"));
    }
    if (!volume) {
        recordEvent(claim, QStringLiteral("FailedBinding"),
                    QStringLiteral("no persistent volumes available for this claim and no storage class is set"),
                    QStringLiteral("Normal"), QStringLiteral("persistentvolume-controller"));
        return;
    }
    QJsonObject pv = *volume;
    QJsonObject pvSpec = pv.value(QStringLiteral("spec")).toObject();
    pvSpec.insert(
        QStringLiteral("claimRef"),
        QJsonObject { { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                      { QStringLiteral("kind"), QStringLiteral("PersistentVolumeClaim") },
                      { QStringLiteral("name"), name },
                      { QStringLiteral("namespace"), ns },
                      { QStringLiteral("uid"), uidOf(claim) },
                      { QStringLiteral("resourceVersion"), meta(claim).value(QStringLiteral("resourceVersion")) } });
    pv.insert(QStringLiteral("spec"), pvSpec);
    pv.insert(QStringLiteral("status"), QJsonObject { { QStringLiteral("phase"), QStringLiteral("Bound") } });
    m_store.update(kVolumes, pv);

    QJsonObject spec = claimSpec;
    spec.insert(QStringLiteral("volumeName"), nameOf(pv));
    claim.insert(QStringLiteral("spec"), spec);
    QJsonObject metadata = meta(claim);
    QJsonObject annotations = metadata.value(QStringLiteral("annotations")).toObject();
    annotations.insert(QStringLiteral("pv.kubernetes.io/bind-completed"), QStringLiteral("yes"));
    annotations.insert(QStringLiteral("pv.kubernetes.io/bound-by-controller"), QStringLiteral("yes"));
    metadata.insert(QStringLiteral("annotations"), annotations);
    claim.insert(QStringLiteral("metadata"), metadata);
    claim.insert(QStringLiteral("status"),
                 QJsonObject { { QStringLiteral("phase"), QStringLiteral("Bound") },
                               { QStringLiteral("accessModes"), pvSpec.value(QStringLiteral("accessModes")) },
                               { QStringLiteral("capacity"), pvSpec.value(QStringLiteral("capacity")) } });
    m_store.update(kClaims, claim);
}

void ClusterSimulator::collectDependents(const QString& ns, const QString& ownerUid)
{
    for (const QString& resource : { kReplicaSets, kPods, QStringLiteral("jobs"), QStringLiteral("endpoints") }) {
        const ResourceType* type = m_registry.findByResource(resource);
        if (!type)
            continue;
        for (const QJsonObject& object : m_store.list(resource, ns)) {
            if (ownedBy(object, ownerUid) && !isTerminating(object))
                remove(*type, ns, nameOf(object), std::nullopt, QStringLiteral("Background"));
        }
    }
}

std::optional<ClusterSimulator::Deletion> ClusterSimulator::remove(const ResourceType& type, const QString& ns,
                                                                   const QString& name,
                                                                   std::optional<qint64> gracePeriodSeconds,
                                                                   const QString& propagationPolicy)
{
    const auto found = m_store.get(type.resource, ns, name);
    if (!found)
        return std::nullopt;
    QJsonObject object = *found;
    const bool force = gracePeriodSeconds && *gracePeriodSeconds == 0;
    if (isTerminating(object) && !(type.resource == kPods && force))
        return Deletion { object, false };
    if (propagationPolicy == QLatin1String("Orphan")) {
        const QString uid = uidOf(object);
        for (const QString& resource : { kReplicaSets, kPods }) {
            for (QJsonObject dependent : m_store.list(resource, ns)) {
                if (!ownedBy(dependent, uid))
                    continue;
                QJsonObject metadata = meta(dependent);
                QJsonArray references;
                for (const QJsonValue& reference : metadata.value(QStringLiteral("ownerReferences")).toArray()) {
                    if (reference.toObject().value(QStringLiteral("uid")).toString() != uid)
                        references.append(reference);
                }
                if (references.isEmpty())
                    metadata.remove(QStringLiteral("ownerReferences"));
                else
                    metadata.insert(QStringLiteral("ownerReferences"), references);
                dependent.insert(QStringLiteral("metadata"), metadata);
                m_store.update(resource, dependent);
            }
        }
    }
    if (type.resource == kPods) {
        const qint64 grace = gracePeriodSeconds.value_or(object.value(QStringLiteral("spec"))
                                                             .toObject()
                                                             .value(QStringLiteral("terminationGracePeriodSeconds"))
                                                             .toInteger(30));
        if (grace <= 0 && meta(object).value(QStringLiteral("finalizers")).toArray().isEmpty()) {
            const auto removed = m_store.remove(kPods, ns, name);
            return Deletion { removed.value_or(object), true };
        }
        gracefulDelete(object, grace);
        return Deletion { m_store.get(kPods, ns, name).value_or(object), false };
    }
    const bool waits
        = type.resource == kNamespaces || !meta(object).value(QStringLiteral("finalizers")).toArray().isEmpty();
    if (waits) {
        QJsonObject metadata = meta(object);
        metadata.insert(QStringLiteral("deletionTimestamp"), now().toString(Qt::ISODate));
        metadata.insert(QStringLiteral("deletionGracePeriodSeconds"), 0);
        object.insert(QStringLiteral("metadata"), metadata);
        if (type.resource == kNamespaces)
            object.insert(QStringLiteral("status"),
                          QJsonObject { { QStringLiteral("phase"), QStringLiteral("Terminating") } });
        return Deletion { m_store.update(type.resource, object), false };
    }
    const auto removed = m_store.remove(type.resource, ns, name);
    return Deletion { removed.value_or(object), true };
}

// --- The kubelet's timers ------------------------------------------------------------------------

void ClusterSimulator::schedule(const QString& ns, const QString& name, Step step, int delayMs)
{
    const QString key = podKey(ns, name);
    const auto existing = m_timers.constFind(key);
    if (existing != m_timers.constEnd() && (existing->step == step || step != Step::Remove))
        return;
    if (delayMs <= 0 && !m_timing.manual) {
        m_timers.remove(key);
        perform(key, step);
        return;
    }
    m_timers.insert(key, { m_clock.elapsed() + delayMs, step });
    armTimer();
}

void ClusterSimulator::armTimer()
{
    if (m_timing.manual || m_timers.isEmpty()) {
        m_timer.stop();
        return;
    }
    qint64 earliest = std::numeric_limits<qint64>::max();
    for (const Timer& timer : std::as_const(m_timers))
        earliest = std::min(earliest, timer.dueMs);
    m_timer.start(static_cast<int>(std::clamp<qint64>(earliest - m_clock.elapsed(), 0, 24 * 3600 * 1000)));
}

void ClusterSimulator::onTimer()
{
    advance();
    drain();
    armTimer();
}

int ClusterSimulator::advance()
{
    const qint64 nowMs = m_clock.elapsed();
    QList<QPair<QString, Step>> due;
    for (auto it = m_timers.cbegin(); it != m_timers.cend(); ++it) {
        if (m_timing.manual || it->dueMs <= nowMs)
            due.append({ it.key(), it->step });
    }
    for (const auto& [key, step] : due) {
        m_timers.remove(key);
        perform(key, step);
    }
    drain();
    armTimer();
    return static_cast<int>(due.size());
}

int ClusterSimulator::settle()
{
    drain();
    int total = 0;
    for (int round = 0; round < 100; ++round) {
        QList<QPair<QString, Step>> due;
        for (auto it = m_timers.cbegin(); it != m_timers.cend(); ++it) {
            if (it->step != Step::Restart) // a crash loop never settles
                due.append({ it.key(), it->step });
        }
        if (due.isEmpty())
            break;
        for (const auto& [key, step] : due) {
            m_timers.remove(key);
            perform(key, step);
        }
        total += static_cast<int>(due.size());
        drain();
    }
    armTimer();
    return total;
}

void ClusterSimulator::perform(const QString& key, Step step)
{
    const QString ns = key.section(QLatin1Char('/'), 0, 0);
    const QString name = key.section(QLatin1Char('/'), 1);
    const auto found = m_store.get(kPods, ns, name);
    if (!found)
        return;
    const QJsonObject pod = *found;
    PodState& state = m_pods[key];
    const QDateTime time = now();
    const auto containerEvents = [&](const QString& reason, const QString& message, const QString& type) {
        for (const QJsonValue& c :
             pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("containers")).toArray()) {
            const QJsonObject container = c.toObject();
            const QString containerName = container.value(QStringLiteral("name")).toString();
            recordEvent(pod, reason,
                        QString(message)
                            .replace(QStringLiteral("%c"), containerName)
                            .replace(QStringLiteral("%i"), container.value(QStringLiteral("image")).toString()),
                        type, QStringLiteral("kubelet"), QStringLiteral("spec.containers{%1}").arg(containerName));
        }
    };
    switch (step) {
    case Step::Schedule:
        if (isTerminating(pod)
            || !pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("nodeName")).toString().isEmpty())
            return;
        m_store.update(kPods, m_kubelet.apply(pod, Kubelet::Step::Scheduled, state.behaviour, time, 0));
        recordEvent(pod, QStringLiteral("Scheduled"),
                    QStringLiteral("Successfully assigned %1/%2 to %3").arg(ns, name, m_kubelet.nodeName()),
                    QStringLiteral("Normal"), QStringLiteral("default-scheduler"));
        return;
    case Step::Start: {
        if (isTerminating(pod) || state.manual)
            return;
        const QHash<QString, QString> configErrors = containerConfigErrors(pod);
        if (state.behaviour == PodBehaviour::CreateContainerConfigError && configErrors.isEmpty())
            state.behaviour = PodBehaviour::Normal; // the Secret is there now: the kubelet's retry succeeds
        QJsonObject started = m_kubelet.apply(pod, Kubelet::Step::Started, state.behaviour, time, 0, configErrors);
        for (int i = 1; i < state.pendingRestarts; ++i)
            started = m_kubelet.apply(started, Kubelet::Step::Restarted, state.behaviour, time, 0);
        state.pendingRestarts = 0;
        state.started = true;
        switch (state.behaviour) {
        case PodBehaviour::ImagePullBackOff:
            containerEvents(QStringLiteral("Pulling"), QStringLiteral("Pulling image \"%i\""),
                            QStringLiteral("Normal"));
            containerEvents(
                QStringLiteral("Failed"),
                QStringLiteral(
                    "Failed to pull image \"%i\": Error response from daemon: pull access denied for %i, repository "
                    "does not exist or may require 'docker login': denied: requested access to the resource is denied"),
                QStringLiteral("Warning"));
            containerEvents(QStringLiteral("Failed"), QStringLiteral("Error: ErrImagePull"), QStringLiteral("Warning"));
            containerEvents(QStringLiteral("BackOff"), QStringLiteral("Back-off pulling image \"%i\""),
                            QStringLiteral("Normal"));
            containerEvents(QStringLiteral("Failed"), QStringLiteral("Error: ImagePullBackOff"),
                            QStringLiteral("Warning"));
            break;
        case PodBehaviour::ErrImageNeverPull:
            containerEvents(QStringLiteral("ErrImageNeverPull"),
                            QStringLiteral("Container image \"%i\" is not present with pull policy of Never"),
                            QStringLiteral("Warning"));
            containerEvents(QStringLiteral("Failed"), QStringLiteral("Error: ErrImageNeverPull"),
                            QStringLiteral("Warning"));
            break;
        case PodBehaviour::CreateContainerConfigError:
            // kuberuntime pulls first, then builds the environment (makeEnvironmentVariables) and fails.
            containerEvents(QStringLiteral("Pulled"),
                            QStringLiteral("Container image \"%i\" already present on machine"),
                            QStringLiteral("Normal"));
            for (auto it = configErrors.cbegin(); it != configErrors.cend(); ++it)
                recordEvent(pod, QStringLiteral("Failed"), QStringLiteral("Error: ") + it.value(),
                            QStringLiteral("Warning"), QStringLiteral("kubelet"),
                            QStringLiteral("spec.containers{%1}").arg(it.key()));
            break;
        default:
            containerEvents(QStringLiteral("Pulled"),
                            QStringLiteral("Container image \"%i\" already present on machine"),
                            QStringLiteral("Normal"));
            containerEvents(QStringLiteral("Created"), QStringLiteral("Created container: %c"),
                            QStringLiteral("Normal"));
            containerEvents(QStringLiteral("Started"), QStringLiteral("Started container %c"),
                            QStringLiteral("Normal"));
            if (state.behaviour == PodBehaviour::CrashLoop || state.behaviour == PodBehaviour::OOMKilled) {
                containerEvents(QStringLiteral("BackOff"),
                                QStringLiteral("Back-off restarting failed container %c in pod %1_%2(%3)")
                                    .arg(name, ns, uidOf(pod)),
                                QStringLiteral("Warning"));
            }
            if (state.behaviour == PodBehaviour::ReadinessFailing)
                readinessEvents(pod);
            break;
        }
        m_store.update(kPods, started);
        registerLogs(started, state.behaviour, false);
        return;
    }
    case Step::Restart: {
        if (isTerminating(pod) || state.manual)
            return;
        const QJsonObject restarted = m_kubelet.apply(pod, Kubelet::Step::Restarted, state.behaviour, time, 0);
        m_store.update(kPods, restarted);
        registerLogs(restarted, state.behaviour, true);
        containerEvents(
            QStringLiteral("BackOff"),
            QStringLiteral("Back-off restarting failed container %c in pod %1_%2(%3)").arg(name, ns, uidOf(pod)),
            QStringLiteral("Warning"));
        return;
    }
    case Step::Remove:
        if (isTerminating(pod))
            m_store.remove(kPods, ns, name);
        return;
    }
}

QString ClusterSimulator::schedulingFailure(const QJsonObject& pod) const
{
    // NodeResourcesFit against the node's allocatable less what its pods already request, worded as
    // kube-scheduler 1.33 does (fit errors sorted, then the preemption outcome).
    const auto [cpu, memory] = podRequests(pod);
    const QList<QJsonObject> nodes = m_store.list(QStringLiteral("nodes"));
    QMap<QString, int> reasons;
    for (const QJsonObject& node : nodes) {
        const QJsonObject allocatable
            = node.value(QStringLiteral("status")).toObject().value(QStringLiteral("allocatable")).toObject();
        qint64 usedCpu = 0;
        double usedMemory = 0;
        for (const QJsonObject& other : m_store.list(kPods)) {
            if (other.value(QStringLiteral("spec")).toObject().value(QStringLiteral("nodeName")).toString()
                    != nameOf(node)
                || !podActive(other))
                continue;
            const auto [c, m] = podRequests(other);
            usedCpu += c;
            usedMemory += m;
        }
        if (cpu > cpuMillicores(allocatable.value(QStringLiteral("cpu")).toString()) - usedCpu)
            ++reasons[QStringLiteral("Insufficient cpu")];
        if (memory > quantityBytes(allocatable.value(QStringLiteral("memory")).toString()) - usedMemory)
            ++reasons[QStringLiteral("Insufficient memory")];
    }
    const qsizetype total = std::max<qsizetype>(1, nodes.size());
    if (reasons.isEmpty()) // a behaviour set by a test on a pod that would fit
        reasons.insert(QStringLiteral("Insufficient cpu"), static_cast<int>(total));
    QStringList parts;
    for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
        parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
    return QStringLiteral("0/%1 nodes are available: %2. preemption: 0/%1 nodes are available: %1 No preemption "
                          "victims found for incoming pod.")
        .arg(total)
        .arg(parts.join(QStringLiteral(", ")));
}

QHash<QString, QString> ClusterSimulator::containerConfigErrors(const QJsonObject& pod) const
{
    // makeEnvironmentVariables: the first secretKeyRef (not optional) whose Secret or key is missing.
    QHash<QString, QString> errors;
    const QString ns = nsOf(pod);
    for (const QJsonValue& value :
         pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("containers")).toArray()) {
        const QJsonObject container = value.toObject();
        for (const QJsonValue& env : container.value(QStringLiteral("env")).toArray()) {
            const QJsonObject ref = env.toObject()
                                        .value(QStringLiteral("valueFrom"))
                                        .toObject()
                                        .value(QStringLiteral("secretKeyRef"))
                                        .toObject();
            if (ref.isEmpty() || ref.value(QStringLiteral("optional")).toBool())
                continue;
            const QString secretName = ref.value(QStringLiteral("name")).toString();
            const QString key = ref.value(QStringLiteral("key")).toString();
            const auto secret = m_store.get(QStringLiteral("secrets"), ns, secretName);
            QString error;
            if (!secret)
                error = QStringLiteral("secret \"%1\" not found").arg(secretName);
            else if (!secret->value(QStringLiteral("data")).toObject().contains(key)
                     && !secret->value(QStringLiteral("stringData")).toObject().contains(key))
                error = QStringLiteral("couldn't find key %1 in Secret %2/%3").arg(key, ns, secretName);
            if (!error.isEmpty()) {
                errors.insert(container.value(QStringLiteral("name")).toString(), error);
                break;
            }
        }
    }
    return errors;
}

void ClusterSimulator::readinessEvents(const QJsonObject& pod)
{
    for (const QJsonValue& value :
         pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("containers")).toArray()) {
        const QJsonObject container = value.toObject();
        const QJsonObject probe = container.value(QStringLiteral("readinessProbe")).toObject();
        if (probe.isEmpty())
            continue;
        // prober.go: "%s probe failed: %s", the HTTP prober's "HTTP probe failed with statuscode: %d".
        const QString message = probe.contains(QStringLiteral("httpGet"))
            ? QStringLiteral("Readiness probe failed: HTTP probe failed with statuscode: 503")
            : QStringLiteral("Readiness probe failed: dial tcp %1:%2: connect: connection refused")
                  .arg(Kubelet::podIp(nameOf(pod)))
                  .arg(probe.value(QStringLiteral("tcpSocket")).toObject().value(QStringLiteral("port")).toInt());
        recordEvent(pod, QStringLiteral("Unhealthy"), message, QStringLiteral("Warning"), QStringLiteral("kubelet"),
                    QStringLiteral("spec.containers{%1}").arg(container.value(QStringLiteral("name")).toString()));
    }
}

void ClusterSimulator::registerLogs(const QJsonObject& pod, PodBehaviour behaviour, bool restarted)
{
    const QString prefix = podKey(nsOf(pod), nameOf(pod)) + QLatin1Char('/');
    const QJsonArray specContainers
        = pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("containers")).toArray();
    const QJsonArray statuses
        = pod.value(QStringLiteral("status")).toObject().value(QStringLiteral("containerStatuses")).toArray();
    const qint64 nowNs = toNs(now());
    for (qsizetype i = 0; i < specContainers.size(); ++i) {
        const QJsonObject container = specContainers.at(i).toObject();
        const QString name = container.value(QStringLiteral("name")).toString();
        const QString flavour = flavourOf(container.value(QStringLiteral("image")).toString(), name);
        const int port = static_cast<int>(container.value(QStringLiteral("ports"))
                                              .toArray()
                                              .at(0)
                                              .toObject()
                                              .value(QStringLiteral("containerPort"))
                                              .toInteger());
        const int restarts
            = static_cast<int>(statuses.at(i).toObject().value(QStringLiteral("restartCount")).toInteger());
        const QString key = prefix + name;
        switch (behaviour) {
        case PodBehaviour::Normal:
        case PodBehaviour::ReadinessFailing:
            m_logs.started(key, restarts, nowNs, flavour, port);
            break;
        case PodBehaviour::CrashLoop:
        case PodBehaviour::OOMKilled:
            for (int instance = restarted ? restarts : 0; instance <= restarts; ++instance) {
                m_logs.addFinished(key, instance, nowNs - (restarts - instance) * 30000000000LL, 12 + instance, true,
                                   flavour, port);
                if (behaviour == PodBehaviour::OOMKilled)
                    m_logs.stopped(key, instance, nowNs, true, true);
            }
            break;
        case PodBehaviour::Completed:
        case PodBehaviour::Error:
            m_logs.addFinished(key, restarts, nowNs, m_logs.options().historyLines, behaviour == PodBehaviour::Error,
                               flavour, port);
            break;
        default:
            break; // never started: no logs
        }
    }
}

void ClusterSimulator::writeStatus(const QString& resource, QJsonObject object, const QJsonObject& status)
{
    object.insert(QStringLiteral("status"), status);
    m_store.update(resource, object);
}

// --- Scenarios -----------------------------------------------------------------------------------

void ClusterSimulator::loadScenario(const Scenario& scenario)
{
    // Settle everything at once: a scenario is the state a test starts from, not a story to watch.
    const FakeApiServer::Timing saved = m_timing;
    m_timing.scheduleMs = 0;
    m_timing.startMs = 0;
    m_timing.terminationMs = 0;
    m_timing.manual = false;
    int pods = 0;
    for (const Scenario::Deployment& d : scenario.deployments())
        pods += d.replicas;
    // Thousands of pods would mean tens of thousands of Events; a load scenario records none.
    m_recordEvents = pods <= 200;

    const auto create = [this](QJsonObject manifest) {
        const ResourceType* type = m_registry.findByKind(manifest.value(QStringLiteral("apiVersion")).toString(),
                                                         manifest.value(QStringLiteral("kind")).toString());
        if (!type || m_store.get(type->resource, nsOf(manifest), nameOf(manifest)))
            return;
        const QJsonObject status = manifest.value(QStringLiteral("status")).toObject();
        if (m_admission.admitCreate(*type, manifest, type->namespaced ? nsOf(manifest) : QString()))
            return;
        // Scenario objects may come with a status (a Node): kept, as their controller would write it.
        if (!status.isEmpty())
            manifest.insert(QStringLiteral("status"), status);
        m_store.create(type->resource, manifest);
    };
    for (const char* ns : { "default", "kube-system", "kube-public", "kube-node-lease" })
        create(Scenario::namespaceManifest(QString::fromLatin1(ns)));
    for (const QString& ns : scenario.namespaces())
        create(Scenario::namespaceManifest(ns));
    for (const Scenario::Deployment& d : scenario.deployments())
        create(Scenario::namespaceManifest(d.namespace_));
    for (const Scenario::Node& node : scenario.nodes())
        create(Scenario::nodeManifest(node, m_kubeletVersion));
    Scenario::Service kubernetes;
    kubernetes.namespace_ = QStringLiteral("default");
    kubernetes.name = QStringLiteral("kubernetes");
    kubernetes.port = 443;
    kubernetes.targetPort = 8443;
    QJsonObject kubernetesManifest = Scenario::serviceManifest(kubernetes);
    QJsonObject kubernetesSpec = kubernetesManifest.value(QStringLiteral("spec")).toObject();
    kubernetesSpec.insert(QStringLiteral("clusterIP"), QStringLiteral("10.96.0.1"));
    kubernetesSpec.remove(QStringLiteral("selector"));
    kubernetesManifest.insert(QStringLiteral("spec"), kubernetesSpec);
    create(kubernetesManifest);
    for (const QJsonObject& object : scenario.objects())
        create(object);
    for (const Scenario::Deployment& d : scenario.deployments()) {
        const QString key = podKey(d.namespace_, d.name);
        m_deploymentBehaviour.insert(key, d.behaviour);
        if (d.restartCount > 0)
            m_deploymentRestarts.insert(key, d.restartCount);
        create(Scenario::deploymentManifest(d));
    }
    for (const Scenario::Service& service : scenario.services())
        create(Scenario::serviceManifest(service));
    drain();
    m_deploymentRestarts.clear();
    for (const Scenario::EventSpec& spec : scenario.events()) {
        const ResourceType* type = nullptr;
        for (const ResourceType& t : m_registry.types()) {
            if (t.kind == spec.involvedKind)
                type = &t;
        }
        if (!type)
            continue;
        for (const QJsonObject& object : m_store.list(type->resource, spec.namespace_)) {
            if (nameOf(object).startsWith(spec.involvedName)) {
                recordEvent(object, spec.reason, spec.message, spec.type, QStringLiteral("kubelet"));
                break;
            }
        }
    }
    m_recordEvents = true;
    m_timing = saved;
    armTimer();
}

// --- Controls ------------------------------------------------------------------------------------

void ClusterSimulator::setPodBehaviour(const QString& ns, const QString& name, PodBehaviour behaviour)
{
    PodState& state = m_pods[podKey(ns, name)];
    state.behaviour = behaviour;
    state.manual = false;
    state.started = false;
    m_timers.remove(podKey(ns, name));
    enqueue(kPods, ns, name);
    drain();
}

void ClusterSimulator::setImageBehaviour(const QString& image, PodBehaviour behaviour)
{
    if (behaviour == PodBehaviour::Normal)
        m_imageBehaviour.remove(image);
    else
        m_imageBehaviour.insert(image, behaviour);
}

void ClusterSimulator::markStatusManual(const QString& ns, const QString& name)
{
    m_pods[podKey(ns, name)].manual = true;
    const auto timer = m_timers.constFind(podKey(ns, name));
    if (timer != m_timers.constEnd() && timer->step != Step::Remove)
        m_timers.remove(podKey(ns, name));
}

bool ClusterSimulator::restartDeployment(const QString& ns, const QString& name)
{
    auto found = m_store.get(kDeployments, ns, name);
    if (!found)
        return false;
    QJsonObject deployment = *found;
    QJsonObject spec = deployment.value(QStringLiteral("spec")).toObject();
    QJsonObject podTemplate = spec.value(QStringLiteral("template")).toObject();
    QJsonObject templateMetadata = podTemplate.value(QStringLiteral("metadata")).toObject();
    QJsonObject annotations = templateMetadata.value(QStringLiteral("annotations")).toObject();
    annotations.insert(QStringLiteral("kubectl.kubernetes.io/restartedAt"), now().toString(Qt::ISODate));
    templateMetadata.insert(QStringLiteral("annotations"), annotations);
    podTemplate.insert(QStringLiteral("metadata"), templateMetadata);
    spec.insert(QStringLiteral("template"), podTemplate);
    deployment.insert(QStringLiteral("spec"), spec);
    m_store.update(kDeployments, deployment);
    drain();
    return true;
}

bool ClusterSimulator::setDeploymentReplicas(const QString& ns, const QString& name, int replicas)
{
    auto found = m_store.get(kDeployments, ns, name);
    if (!found)
        return false;
    QJsonObject deployment = *found;
    QJsonObject spec = deployment.value(QStringLiteral("spec")).toObject();
    spec.insert(QStringLiteral("replicas"), replicas);
    deployment.insert(QStringLiteral("spec"), spec);
    m_store.update(kDeployments, deployment);
    drain();
    return true;
}

void ClusterSimulator::recordEvent(const QJsonObject& involved, const QString& reason, const QString& message,
                                   const QString& type, const QString& component, const QString& fieldPath)
{
    if (!m_recordEvents)
        return;
    const QString ns = nsOf(involved).isEmpty() ? QStringLiteral("default") : nsOf(involved);
    const auto namespaceObject = m_store.get(kNamespaces, QString(), ns);
    if (!namespaceObject || isTerminating(*namespaceObject))
        return;
    const QDateTime time = now();
    const QString eventName = nameOf(involved) + QLatin1Char('.')
        + QStringLiteral("%1").arg(static_cast<quint64>(toNs(time)) + (++m_eventCounter), 16, 16, QLatin1Char('0'));
    QJsonObject reference { { QStringLiteral("kind"), involved.value(QStringLiteral("kind")) },
                            { QStringLiteral("name"), nameOf(involved) },
                            { QStringLiteral("uid"), uidOf(involved) },
                            { QStringLiteral("apiVersion"), involved.value(QStringLiteral("apiVersion")) },
                            { QStringLiteral("resourceVersion"),
                              meta(involved).value(QStringLiteral("resourceVersion")) } };
    if (!nsOf(involved).isEmpty())
        reference.insert(QStringLiteral("namespace"), nsOf(involved));
    if (!fieldPath.isEmpty())
        reference.insert(QStringLiteral("fieldPath"), fieldPath);
    const bool onNode = component == QLatin1String("kubelet");
    QJsonObject source { { QStringLiteral("component"), component } };
    if (onNode)
        source.insert(QStringLiteral("host"), m_kubelet.nodeName());
    const QJsonObject event { { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                              { QStringLiteral("kind"), QStringLiteral("Event") },
                              { QStringLiteral("metadata"),
                                QJsonObject { { QStringLiteral("name"), eventName },
                                              { QStringLiteral("namespace"), ns } } },
                              { QStringLiteral("involvedObject"), reference },
                              { QStringLiteral("reason"), reason },
                              { QStringLiteral("message"), message },
                              { QStringLiteral("source"), source },
                              { QStringLiteral("firstTimestamp"), time.toString(Qt::ISODate) },
                              { QStringLiteral("lastTimestamp"), time.toString(Qt::ISODate) },
                              { QStringLiteral("count"), 1 },
                              { QStringLiteral("type"), type },
                              { QStringLiteral("eventTime"), QJsonValue::Null },
                              { QStringLiteral("reportingComponent"), component },
                              { QStringLiteral("reportingInstance"), onNode ? m_kubelet.nodeName() : QString() } };
    m_store.create(kEvents, event);
    // Events expire after an hour on a real cluster; a cap keeps long runs bounded here.
    QList<QString>& names = m_eventsByNamespace[ns];
    names.append(eventName);
    while (names.size() > maxEventsPerNamespace)
        m_store.remove(kEvents, ns, names.takeFirst());
}

void ClusterSimulator::setModifiedEventsPerSecond(double perSecond, const QString& ns)
{
    m_loadRate = perSecond;
    m_loadNamespace = ns;
    m_loadEmitted = 0;
    if (perSecond <= 0) {
        m_loadTimer.stop();
        return;
    }
    m_loadClock.start();
    m_loadTimer.start();
}

void ClusterSimulator::tickLoad()
{
    const qint64 due = static_cast<qint64>(m_loadClock.elapsed() * m_loadRate / 1000.0) - m_loadEmitted;
    if (due <= 0)
        return;
    generateModifiedEvents(static_cast<int>(due), m_loadNamespace);
    m_loadEmitted += due;
}

void ClusterSimulator::generateModifiedEvents(int count, const QString& ns)
{
    const QList<QJsonObject> pods = m_store.list(kPods, ns);
    if (pods.isEmpty())
        return;
    for (int i = 0; i < count; ++i) {
        const QJsonObject& listed = pods.at(m_loadCursor++ % pods.size());
        const auto current = m_store.get(kPods, nsOf(listed), nameOf(listed));
        if (!current)
            continue;
        QJsonObject pod = *current;
        QJsonObject metadata = meta(pod);
        QJsonObject annotations = metadata.value(QStringLiteral("annotations")).toObject();
        annotations.insert(QStringLiteral("quayside.test/heartbeat"), QString::number(++m_heartbeat));
        metadata.insert(QStringLiteral("annotations"), annotations);
        pod.insert(QStringLiteral("metadata"), metadata);
        m_store.update(kPods, pod);
    }
    drain();
}

} // namespace quayside::test
