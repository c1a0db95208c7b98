#include "Admission.h"

#include "ObjectStore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace quayside::test {

namespace {

const QString metadataKey = QStringLiteral("metadata");

bool isDnsSubdomain(const QString& name)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)"));
    return name.size() <= 253 && pattern.match(name).hasMatch();
}

bool isDnsLabel(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)"));
    return name.size() <= 63 && pattern.match(name).hasMatch();
}

// Kinds whose names must be DNS-1123 labels rather than subdomains.
bool needsDnsLabel(const QString& resource)
{
    return resource == QLatin1String("namespaces") || resource == QLatin1String("services");
}

QJsonObject defaultContainer(QJsonObject container)
{
    const QString image = container.value(QStringLiteral("image")).toString();
    if (!container.contains(QStringLiteral("imagePullPolicy"))) {
        const QString tag = image.contains(QLatin1Char(':')) ? image.section(QLatin1Char(':'), -1) : QString();
        const bool latest = tag.isEmpty() || tag.contains(QLatin1Char('/')) || tag == QLatin1String("latest");
        container.insert(QStringLiteral("imagePullPolicy"),
                         latest ? QStringLiteral("Always") : QStringLiteral("IfNotPresent"));
    }
    if (!container.contains(QStringLiteral("terminationMessagePath")))
        container.insert(QStringLiteral("terminationMessagePath"), QStringLiteral("/dev/termination-log"));
    if (!container.contains(QStringLiteral("terminationMessagePolicy")))
        container.insert(QStringLiteral("terminationMessagePolicy"), QStringLiteral("File"));
    if (!container.contains(QStringLiteral("resources")))
        container.insert(QStringLiteral("resources"), QJsonObject());
    if (container.contains(QStringLiteral("ports"))) {
        QJsonArray ports;
        for (const QJsonValue& value : container.value(QStringLiteral("ports")).toArray()) {
            QJsonObject port = value.toObject();
            if (!port.contains(QStringLiteral("protocol")))
                port.insert(QStringLiteral("protocol"), QStringLiteral("TCP"));
            ports.append(port);
        }
        container.insert(QStringLiteral("ports"), ports);
    }
    return container;
}

} // namespace

Admission::Admission(ObjectStore& store)
    : m_store(store)
{ }

QString Admission::randomSuffix(int length)
{
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString out;
    for (int i = 0; i < length; ++i)
        out += QLatin1Char(alphabet[m_random.bounded(static_cast<int>(sizeof(alphabet) - 1))]);
    return out;
}

void Admission::defaultPodSpec(QJsonObject& spec, bool forPod)
{
    for (const char* list : { "containers", "initContainers" }) {
        const QString key = QString::fromLatin1(list);
        if (!spec.contains(key))
            continue;
        QJsonArray containers;
        for (const QJsonValue& value : spec.value(key).toArray())
            containers.append(defaultContainer(value.toObject()));
        spec.insert(key, containers);
    }
    const QList<QPair<const char*, QJsonValue>> defaults {
        { "restartPolicy", QStringLiteral("Always") },
        { "terminationGracePeriodSeconds", 30 },
        { "dnsPolicy", QStringLiteral("ClusterFirst") },
        { "securityContext", QJsonObject() },
        { "schedulerName", QStringLiteral("default-scheduler") },
    };
    for (const auto& [key, value] : defaults) {
        if (!spec.contains(QString::fromLatin1(key)))
            spec.insert(QString::fromLatin1(key), value);
    }
    if (forPod) {
        if (!spec.contains(QStringLiteral("serviceAccountName")))
            spec.insert(QStringLiteral("serviceAccountName"), QStringLiteral("default"));
        if (!spec.contains(QStringLiteral("serviceAccount")))
            spec.insert(QStringLiteral("serviceAccount"), spec.value(QStringLiteral("serviceAccountName")));
        if (!spec.contains(QStringLiteral("enableServiceLinks")))
            spec.insert(QStringLiteral("enableServiceLinks"), true);
        if (!spec.contains(QStringLiteral("priority")))
            spec.insert(QStringLiteral("priority"), 0);
        if (!spec.contains(QStringLiteral("preemptionPolicy")))
            spec.insert(QStringLiteral("preemptionPolicy"), QStringLiteral("PreemptLowerPriority"));
        if (!spec.contains(QStringLiteral("tolerations"))) {
            QJsonArray tolerations;
            for (const char* taint : { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" }) {
                tolerations.append(QJsonObject { { QStringLiteral("key"), QString::fromLatin1(taint) },
                                                 { QStringLiteral("operator"), QStringLiteral("Exists") },
                                                 { QStringLiteral("effect"), QStringLiteral("NoExecute") },
                                                 { QStringLiteral("tolerationSeconds"), 300 } });
            }
            spec.insert(QStringLiteral("tolerations"), tolerations);
        }
    }
}

QString Admission::allocateClusterIp(const QString& ns, const QString& name)
{
    QSet<QString> used;
    for (const QJsonObject& service : m_store.list(QStringLiteral("services")))
        used.insert(service.value(QStringLiteral("spec")).toObject().value(QStringLiteral("clusterIP")).toString());
    const QByteArray digest
        = QCryptographicHash::hash((ns + QLatin1Char('/') + name).toUtf8(), QCryptographicHash::Sha1);
    int a = static_cast<unsigned char>(digest.at(0)) % 16;
    int b = 2 + static_cast<unsigned char>(digest.at(1)) % 252;
    QString ip;
    do {
        ip = QStringLiteral("10.96.%1.%2").arg(a).arg(b);
        if (++b > 254) {
            b = 2;
            a = (a + 1) % 16;
        }
    } while (used.contains(ip));
    return ip;
}

int Admission::allocateNodePort()
{
    QSet<qint64> used;
    for (const QJsonObject& service : m_store.list(QStringLiteral("services"))) {
        for (const QJsonValue& port :
             service.value(QStringLiteral("spec")).toObject().value(QStringLiteral("ports")).toArray())
            used.insert(port.toObject().value(QStringLiteral("nodePort")).toInteger());
    }
    int candidate = 30000 + m_random.bounded(2768);
    while (used.contains(candidate))
        candidate = candidate >= 32767 ? 30000 : candidate + 1;
    return candidate;
}

std::optional<ApiStatus> Admission::admitCreate(const ResourceType& type, QJsonObject& object,
                                                const QString& urlNamespace)
{
    const QString apiVersion = object.value(QStringLiteral("apiVersion")).toString();
    const QString kind = object.value(QStringLiteral("kind")).toString();
    if (!apiVersion.isEmpty() && apiVersion != type.apiVersion()) {
        return ApiStatus::badRequest(
            QStringLiteral("the API version in the data (%1) does not match the expected API version (%2)")
                .arg(apiVersion, type.apiVersion()));
    }
    if (!kind.isEmpty() && kind != type.kind) {
        return ApiStatus::badRequest(
            QStringLiteral("the kind in the data (%1) does not match the expected kind (%2)").arg(kind, type.kind));
    }
    object.insert(QStringLiteral("apiVersion"), type.apiVersion());
    object.insert(QStringLiteral("kind"), type.kind);
    QJsonObject metadata = object.value(metadataKey).toObject();
    if (!metadata.value(QStringLiteral("resourceVersion")).toString().isEmpty())
        return ApiStatus::badRequest(QStringLiteral("resourceVersion should not be set on objects to be created"));
    if (type.namespaced) {
        const QString bodyNamespace = metadata.value(QStringLiteral("namespace")).toString();
        if (!bodyNamespace.isEmpty() && !urlNamespace.isEmpty() && bodyNamespace != urlNamespace) {
            return ApiStatus::badRequest(QStringLiteral(
                "the namespace of the provided object does not match the namespace sent on the request"));
        }
        const QString ns = urlNamespace.isEmpty() ? bodyNamespace : urlNamespace;
        const auto namespaceObject = m_store.get(QStringLiteral("namespaces"), QString(), ns);
        if (!namespaceObject)
            return ApiStatus::notFound(QString(), QStringLiteral("namespaces"), ns);
        if (namespaceObject->value(metadataKey).toObject().contains(QStringLiteral("deletionTimestamp"))) {
            return ApiStatus(403, QStringLiteral("Forbidden"),
                             QStringLiteral("%1 \"%2\" is forbidden: unable to create new content in namespace %3 "
                                            "because it is being terminated")
                                 .arg(type.resource, metadata.value(QStringLiteral("name")).toString(), ns));
        }
        metadata.insert(QStringLiteral("namespace"), ns);
    } else {
        metadata.remove(QStringLiteral("namespace"));
    }
    QString name = metadata.value(QStringLiteral("name")).toString();
    if (name.isEmpty() && !metadata.value(QStringLiteral("generateName")).toString().isEmpty()) {
        name = metadata.value(QStringLiteral("generateName")).toString() + randomSuffix();
        metadata.insert(QStringLiteral("name"), name);
    }
    if (name.isEmpty())
        return ApiStatus::invalid(type.kind, name, QStringLiteral("metadata.name"),
                                  QStringLiteral("Required value: name or generateName is required"));
    if (needsDnsLabel(type.resource) ? !isDnsLabel(name) : !isDnsSubdomain(name)) {
        return ApiStatus::invalid(
            type.kind, name, QStringLiteral("metadata.name"),
            QStringLiteral("Invalid value: \"%1\": a lowercase RFC 1123 %2 must consist of lower case alphanumeric "
                           "characters, '-' or '.', and must start and end with an alphanumeric character")
                .arg(name, needsDnsLabel(type.resource) ? QStringLiteral("label") : QStringLiteral("subdomain")));
    }
    for (const char* owned : { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                               "generation", "managedFields" })
        metadata.remove(QString::fromLatin1(owned));
    object.insert(metadataKey, metadata);
    if (type.subresources.contains(QStringLiteral("status")))
        object.remove(QStringLiteral("status"));
    return applyDefaults(type, object, {});
}

std::optional<ApiStatus> Admission::admitUpdate(const ResourceType& type, const QJsonObject& old, QJsonObject& object,
                                                bool statusOnly)
{
    const QJsonObject oldMetadata = old.value(metadataKey).toObject();
    QJsonObject metadata = object.value(metadataKey).toObject();
    const QString name = oldMetadata.value(QStringLiteral("name")).toString();
    if (!metadata.value(QStringLiteral("name")).toString().isEmpty()
        && metadata.value(QStringLiteral("name")).toString() != name) {
        return ApiStatus::badRequest(
            QStringLiteral("the name of the object (%1) does not match the name on the URL (%2)")
                .arg(metadata.value(QStringLiteral("name")).toString(), name));
    }
    const QString requestedVersion = metadata.value(QStringLiteral("resourceVersion")).toString();
    if (!requestedVersion.isEmpty()
        && requestedVersion != oldMetadata.value(QStringLiteral("resourceVersion")).toString())
        return ApiStatus::conflict(type.group, type.resource, name);
    const QString apiVersion = object.value(QStringLiteral("apiVersion")).toString();
    if (!apiVersion.isEmpty() && apiVersion != type.apiVersion()) {
        return ApiStatus::badRequest(
            QStringLiteral("the API version in the data (%1) does not match the expected API version (%2)")
                .arg(apiVersion, type.apiVersion()));
    }
    if (statusOnly) {
        QJsonObject updated = old;
        updated.insert(QStringLiteral("status"), object.value(QStringLiteral("status")));
        object = updated;
        return std::nullopt;
    }
    object.insert(QStringLiteral("apiVersion"), type.apiVersion());
    object.insert(QStringLiteral("kind"), type.kind);
    metadata.insert(QStringLiteral("name"), name);
    if (type.namespaced)
        metadata.insert(QStringLiteral("namespace"), oldMetadata.value(QStringLiteral("namespace")));
    for (const char* owned : { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds" }) {
        const QString key = QString::fromLatin1(owned);
        if (oldMetadata.contains(key))
            metadata.insert(key, oldMetadata.value(key));
        else
            metadata.remove(key);
    }
    object.insert(metadataKey, metadata);
    if (type.subresources.contains(QStringLiteral("status"))) {
        if (old.contains(QStringLiteral("status")))
            object.insert(QStringLiteral("status"), old.value(QStringLiteral("status")));
        else
            object.remove(QStringLiteral("status"));
    }
    return applyDefaults(type, object, old);
}

std::optional<ApiStatus> Admission::applyDefaults(const ResourceType& type, QJsonObject& object, const QJsonObject& old)
{
    const QString& r = type.resource;
    const QJsonObject metadata = object.value(metadataKey).toObject();
    const QString name = metadata.value(QStringLiteral("name")).toString();
    const QString ns = metadata.value(QStringLiteral("namespace")).toString();
    QJsonObject spec = object.value(QStringLiteral("spec")).toObject();
    const QJsonObject oldSpec = old.value(QStringLiteral("spec")).toObject();

    if (r == QLatin1String("namespaces")) {
        QJsonObject labels = metadata.value(QStringLiteral("labels")).toObject();
        labels.insert(QStringLiteral("kubernetes.io/metadata.name"), name);
        QJsonObject m = metadata;
        m.insert(QStringLiteral("labels"), labels);
        object.insert(metadataKey, m);
        if (!spec.contains(QStringLiteral("finalizers")))
            spec.insert(QStringLiteral("finalizers"), QJsonArray { QStringLiteral("kubernetes") });
        object.insert(QStringLiteral("spec"), spec);
        if (!object.contains(QStringLiteral("status")))
            object.insert(QStringLiteral("status"),
                          QJsonObject { { QStringLiteral("phase"), QStringLiteral("Active") } });
    } else if (r == QLatin1String("pods")) {
        if (spec.value(QStringLiteral("containers")).toArray().isEmpty())
            return ApiStatus::invalid(type.kind, name, QStringLiteral("spec.containers"),
                                      QStringLiteral("Required value"));
        defaultPodSpec(spec, true);
        object.insert(QStringLiteral("spec"), spec);
        if (!object.contains(QStringLiteral("status"))) {
            object.insert(QStringLiteral("status"),
                          QJsonObject { { QStringLiteral("phase"), QStringLiteral("Pending") } });
        }
    } else if (r == QLatin1String("deployments") || r == QLatin1String("replicasets")
               || r == QLatin1String("statefulsets") || r == QLatin1String("daemonsets")) {
        const QJsonObject selector = spec.value(QStringLiteral("selector")).toObject();
        QJsonObject podTemplate = spec.value(QStringLiteral("template")).toObject();
        const QJsonObject templateLabels
            = podTemplate.value(metadataKey).toObject().value(QStringLiteral("labels")).toObject();
        if (selector.isEmpty())
            return ApiStatus::invalid(type.kind, name, QStringLiteral("spec.selector"),
                                      QStringLiteral("Required value"));
        const QJsonObject matchLabels = selector.value(QStringLiteral("matchLabels")).toObject();
        for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it) {
            if (templateLabels.value(it.key()) != it.value()) {
                return ApiStatus::invalid(type.kind, name, QStringLiteral("spec.template.metadata.labels"),
                                          QStringLiteral("Invalid value: `selector` does not match template `labels`"));
            }
        }
        if (!old.isEmpty() && oldSpec.value(QStringLiteral("selector")) != spec.value(QStringLiteral("selector"))) {
            return ApiStatus::invalid(type.kind, name, QStringLiteral("spec.selector"),
                                      QStringLiteral("Invalid value: field is immutable"));
        }
        QJsonObject podSpec = podTemplate.value(QStringLiteral("spec")).toObject();
        if (podSpec.value(QStringLiteral("containers")).toArray().isEmpty()) {
            return ApiStatus::invalid(type.kind, name, QStringLiteral("spec.template.spec.containers"),
                                      QStringLiteral("Required value"));
        }
        defaultPodSpec(podSpec, false);
        podTemplate.insert(QStringLiteral("spec"), podSpec);
        if (!podTemplate.value(metadataKey).toObject().contains(QStringLiteral("creationTimestamp"))) {
            QJsonObject templateMetadata = podTemplate.value(metadataKey).toObject();
            templateMetadata.insert(QStringLiteral("creationTimestamp"), QJsonValue::Null);
            podTemplate.insert(metadataKey, templateMetadata);
        }
        spec.insert(QStringLiteral("template"), podTemplate);
        if (!spec.contains(QStringLiteral("replicas")) && r != QLatin1String("daemonsets"))
            spec.insert(QStringLiteral("replicas"), 1);
        if (spec.value(QStringLiteral("replicas")).toInteger() < 0) {
            return ApiStatus::invalid(type.kind, name, QStringLiteral("spec.replicas"),
                                      QStringLiteral("Invalid value: %1: must be greater than or equal to 0")
                                          .arg(spec.value(QStringLiteral("replicas")).toInteger()));
        }
        if (r == QLatin1String("deployments")) {
            if (!spec.contains(QStringLiteral("strategy"))) {
                spec.insert(
                    QStringLiteral("strategy"),
                    QJsonObject { { QStringLiteral("type"), QStringLiteral("RollingUpdate") },
                                  { QStringLiteral("rollingUpdate"),
                                    QJsonObject { { QStringLiteral("maxSurge"), QStringLiteral("25%") },
                                                  { QStringLiteral("maxUnavailable"), QStringLiteral("25%") } } } });
            }
            if (!spec.contains(QStringLiteral("revisionHistoryLimit")))
                spec.insert(QStringLiteral("revisionHistoryLimit"), 10);
            if (!spec.contains(QStringLiteral("progressDeadlineSeconds")))
                spec.insert(QStringLiteral("progressDeadlineSeconds"), 600);
        }
        object.insert(QStringLiteral("spec"), spec);
        if (!object.contains(QStringLiteral("status")))
            object.insert(QStringLiteral("status"), QJsonObject());
    } else if (r == QLatin1String("services")) {
        const QString serviceType = spec.value(QStringLiteral("type")).toString(QStringLiteral("ClusterIP"));
        spec.insert(QStringLiteral("type"), serviceType);
        if (spec.value(QStringLiteral("clusterIP")).toString().isEmpty()) {
            const QString oldIp = oldSpec.value(QStringLiteral("clusterIP")).toString();
            const QString ip = !oldIp.isEmpty() ? oldIp : allocateClusterIp(ns, name);
            spec.insert(QStringLiteral("clusterIP"), ip);
            spec.insert(QStringLiteral("clusterIPs"), QJsonArray { ip });
        }
        if (!spec.contains(QStringLiteral("clusterIPs")))
            spec.insert(QStringLiteral("clusterIPs"), QJsonArray { spec.value(QStringLiteral("clusterIP")) });
        const QJsonArray oldPorts = oldSpec.value(QStringLiteral("ports")).toArray();
        QJsonArray ports;
        for (const QJsonValue& value : spec.value(QStringLiteral("ports")).toArray()) {
            QJsonObject port = value.toObject();
            if (!port.contains(QStringLiteral("protocol")))
                port.insert(QStringLiteral("protocol"), QStringLiteral("TCP"));
            if (!port.contains(QStringLiteral("targetPort")))
                port.insert(QStringLiteral("targetPort"), port.value(QStringLiteral("port")));
            const bool wantsNodePort
                = serviceType == QLatin1String("NodePort") || serviceType == QLatin1String("LoadBalancer");
            if (wantsNodePort && port.value(QStringLiteral("nodePort")).toInteger() == 0) {
                qint64 kept = 0;
                for (const QJsonValue& o : oldPorts) {
                    if (o.toObject().value(QStringLiteral("port")) == port.value(QStringLiteral("port")))
                        kept = o.toObject().value(QStringLiteral("nodePort")).toInteger();
                }
                port.insert(QStringLiteral("nodePort"), kept > 0 ? kept : allocateNodePort());
            }
            ports.append(port);
        }
        spec.insert(QStringLiteral("ports"), ports);
        for (const auto& [key, value] : QList<QPair<QString, QJsonValue>> {
                 { QStringLiteral("sessionAffinity"), QStringLiteral("None") },
                 { QStringLiteral("ipFamilies"), QJsonArray { QStringLiteral("IPv4") } },
                 { QStringLiteral("ipFamilyPolicy"), QStringLiteral("SingleStack") },
                 { QStringLiteral("internalTrafficPolicy"), QStringLiteral("Cluster") } }) {
            if (!spec.contains(key))
                spec.insert(key, value);
        }
        if (serviceType != QLatin1String("ClusterIP") && !spec.contains(QStringLiteral("externalTrafficPolicy")))
            spec.insert(QStringLiteral("externalTrafficPolicy"), QStringLiteral("Cluster"));
        object.insert(QStringLiteral("spec"), spec);
        if (!object.contains(QStringLiteral("status")))
            object.insert(QStringLiteral("status"), QJsonObject { { QStringLiteral("loadBalancer"), QJsonObject() } });
    } else if (r == QLatin1String("secrets")) {
        QJsonObject data = object.value(QStringLiteral("data")).toObject();
        for (auto it = data.begin(); it != data.end(); ++it) {
            const auto decoded = QByteArray::fromBase64Encoding(it.value().toString().toLatin1(),
                                                                QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                return ApiStatus::badRequest(
                    QStringLiteral("Secret in version \"v1\" cannot be handled as a Secret: illegal "
                                   "base64 data at input byte 0"));
            }
        }
        // stringData is write-only: merged into data and never stored or returned.
        const QJsonObject stringData = object.value(QStringLiteral("stringData")).toObject();
        for (auto it = stringData.begin(); it != stringData.end(); ++it)
            data.insert(it.key(), QString::fromLatin1(it.value().toString().toUtf8().toBase64()));
        object.remove(QStringLiteral("stringData"));
        if (!data.isEmpty() || object.contains(QStringLiteral("data")))
            object.insert(QStringLiteral("data"), data);
        if (object.value(QStringLiteral("type")).toString().isEmpty())
            object.insert(QStringLiteral("type"), QStringLiteral("Opaque"));
        if (!old.isEmpty() && old.value(QStringLiteral("type")) != object.value(QStringLiteral("type")))
            return ApiStatus::invalid(type.kind, name, QStringLiteral("type"),
                                      QStringLiteral("Invalid value: field is immutable"));
    } else if (r == QLatin1String("persistentvolumeclaims")) {
        if (!old.isEmpty()) {
            spec.insert(QStringLiteral("volumeName"), oldSpec.value(QStringLiteral("volumeName")));
        } else if (!spec.contains(QStringLiteral("storageClassName"))) {
            spec.insert(QStringLiteral("storageClassName"), QStringLiteral("standard"));
        }
        if (!spec.contains(QStringLiteral("volumeMode")))
            spec.insert(QStringLiteral("volumeMode"), QStringLiteral("Filesystem"));
        object.insert(QStringLiteral("spec"), spec);
        if (!object.contains(QStringLiteral("status")))
            object.insert(QStringLiteral("status"),
                          QJsonObject { { QStringLiteral("phase"), QStringLiteral("Pending") } });
    } else if (r == QLatin1String("persistentvolumes")) {
        if (!spec.contains(QStringLiteral("persistentVolumeReclaimPolicy")))
            spec.insert(QStringLiteral("persistentVolumeReclaimPolicy"), QStringLiteral("Retain"));
        if (!spec.contains(QStringLiteral("volumeMode")))
            spec.insert(QStringLiteral("volumeMode"), QStringLiteral("Filesystem"));
        object.insert(QStringLiteral("spec"), spec);
        if (!object.contains(QStringLiteral("status")))
            object.insert(QStringLiteral("status"),
                          QJsonObject { { QStringLiteral("phase"), QStringLiteral("Available") } });
    }
    return std::nullopt;
}

} // namespace quayside::test
