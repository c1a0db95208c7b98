#include "TableConverter.h"

#include <QStringList>

namespace quayside::test {

namespace {

QJsonObject column(const char* name, const char* type, int priority = 0, const char* format = "",
                   const char* description = "")
{
    return { { QStringLiteral("name"), QString::fromLatin1(name) },
             { QStringLiteral("type"), QString::fromLatin1(type) },
             { QStringLiteral("format"), QString::fromLatin1(format) },
             { QStringLiteral("description"), QString::fromLatin1(description) },
             { QStringLiteral("priority"), priority } };
}

QJsonObject nameColumn()
{
    return column(
        "Name", "string", 0, "name",
        "Name must be unique within a namespace. Is required when creating resources, although some resources may "
        "allow a client to request the generation of an appropriate name automatically. Name is primarily intended "
        "for creation idempotence and configuration definition. Cannot be updated. More info: "
        "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names");
}

QJsonObject ageColumn()
{
    return column("Age", "string", 0, "",
                  "CreationTimestamp is a timestamp representing the server time when this object was created.");
}

QJsonObject meta(const QJsonObject& object)
{
    return object.value(QStringLiteral("metadata")).toObject();
}

QDateTime parseTime(const QJsonValue& value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODate);
}

QString str(const QJsonObject& object, const char* path)
{
    QJsonValue current = object;
    for (const QString& part : QString::fromLatin1(path).split(QLatin1Char('.')))
        current = current.toObject().value(part);
    if (current.isDouble())
        return QString::number(current.toInteger());
    return current.toString();
}

qint64 num(const QJsonObject& object, const char* path)
{
    QJsonValue current = object;
    for (const QString& part : QString::fromLatin1(path).split(QLatin1Char('.')))
        current = current.toObject().value(part);
    return current.toInteger();
}

QString orNone(const QString& value)
{
    return value.isEmpty() ? QStringLiteral("<none>") : value;
}

QString selectorText(const QJsonObject& selector)
{
    QStringList parts;
    const QJsonObject labels = selector.value(QStringLiteral("matchLabels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value().toString());
    return parts.isEmpty() ? QStringLiteral("<none>") : parts.join(QLatin1Char(','));
}

QString mapSelectorText(const QJsonObject& labels)
{
    QStringList parts;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value().toString());
    return parts.isEmpty() ? QStringLiteral("<none>") : parts.join(QLatin1Char(','));
}

QString containerField(const QJsonObject& podSpec, const char* field)
{
    QStringList values;
    for (const QJsonValue& c : podSpec.value(QStringLiteral("containers")).toArray())
        values.append(c.toObject().value(QString::fromLatin1(field)).toString());
    return values.join(QLatin1Char(','));
}

QString servicePorts(const QJsonObject& service)
{
    QStringList ports;
    for (const QJsonValue& value :
         service.value(QStringLiteral("spec")).toObject().value(QStringLiteral("ports")).toArray()) {
        const QJsonObject port = value.toObject();
        const QString protocol = port.value(QStringLiteral("protocol")).toString(QStringLiteral("TCP"));
        const qint64 nodePort = port.value(QStringLiteral("nodePort")).toInteger();
        const QString base = QString::number(port.value(QStringLiteral("port")).toInteger());
        ports.append(nodePort > 0
                         ? QString(base + QLatin1Char(':') + QString::number(nodePort) + QLatin1Char('/') + protocol)
                         : QString(base + QLatin1Char('/') + protocol));
    }
    return ports.isEmpty() ? QStringLiteral("<none>") : ports.join(QLatin1Char(','));
}

QString accessModes(const QJsonArray& modes)
{
    QStringList out;
    for (const QJsonValue& m : modes) {
        const QString mode = m.toString();
        out.append(mode == QLatin1String("ReadWriteOnce")       ? QStringLiteral("RWO")
                       : mode == QLatin1String("ReadOnlyMany")  ? QStringLiteral("ROX")
                       : mode == QLatin1String("ReadWriteMany") ? QStringLiteral("RWX")
                                                                : QStringLiteral("RWOP"));
    }
    return out.join(QLatin1Char(','));
}

} // namespace

TableConverter::IncludeObject TableConverter::includeObjectFrom(const QString& queryValue)
{
    if (queryValue == QLatin1String("None"))
        return IncludeObject::None;
    if (queryValue == QLatin1String("Object"))
        return IncludeObject::Object;
    return IncludeObject::Metadata;
}

QString TableConverter::humanAge(const QDateTime& time, const QDateTime& now)
{
    if (!time.isValid())
        return QStringLiteral("<unknown>");
    const qint64 totalSeconds = time.secsTo(now);
    if (totalSeconds < -1)
        return QStringLiteral("<invalid>");
    if (totalSeconds < 0)
        return QStringLiteral("0s");
    if (totalSeconds < 120)
        return QStringLiteral("%1s").arg(totalSeconds);
    const qint64 minutes = totalSeconds / 60;
    if (minutes < 10) {
        const qint64 s = totalSeconds % 60;
        return s == 0 ? QStringLiteral("%1m").arg(minutes) : QStringLiteral("%1m%2s").arg(minutes).arg(s);
    }
    if (minutes < 180)
        return QStringLiteral("%1m").arg(minutes);
    const qint64 hours = totalSeconds / 3600;
    if (hours < 8) {
        const qint64 m = minutes % 60;
        return m == 0 ? QStringLiteral("%1h").arg(hours) : QStringLiteral("%1h%2m").arg(hours).arg(m);
    }
    if (hours < 48)
        return QStringLiteral("%1h").arg(hours);
    if (hours < 24 * 8) {
        const qint64 h = hours % 24;
        return h == 0 ? QStringLiteral("%1d").arg(hours / 24) : QStringLiteral("%1d%2h").arg(hours / 24).arg(h);
    }
    if (hours < 24 * 365 * 2)
        return QStringLiteral("%1d").arg(hours / 24);
    if (hours < 24 * 365 * 8) {
        const qint64 d = (hours / 24) % 365;
        return d == 0 ? QStringLiteral("%1y").arg(hours / 24 / 365)
                      : QStringLiteral("%1y%2d").arg(hours / 24 / 365).arg(d);
    }
    return QStringLiteral("%1y").arg(hours / 24 / 365);
}

QString TableConverter::podStatusReason(const QJsonObject& pod)
{
    const QJsonObject status = pod.value(QStringLiteral("status")).toObject();
    QString reason = status.value(QStringLiteral("phase")).toString();
    if (!status.value(QStringLiteral("reason")).toString().isEmpty())
        reason = status.value(QStringLiteral("reason")).toString();
    for (const QJsonValue& c : status.value(QStringLiteral("conditions")).toArray()) {
        const QJsonObject condition = c.toObject();
        if (condition.value(QStringLiteral("type")).toString() == QLatin1String("PodScheduled")
            && condition.value(QStringLiteral("reason")).toString() == QLatin1String("SchedulingGated"))
            reason = QStringLiteral("SchedulingGated");
    }
    bool hasRunning = false;
    const QJsonArray statuses = status.value(QStringLiteral("containerStatuses")).toArray();
    for (qsizetype i = statuses.size() - 1; i >= 0; --i) {
        const QJsonObject container = statuses.at(i).toObject();
        const QJsonObject state = container.value(QStringLiteral("state")).toObject();
        const QJsonObject waiting = state.value(QStringLiteral("waiting")).toObject();
        const QJsonObject terminated = state.value(QStringLiteral("terminated")).toObject();
        if (!waiting.value(QStringLiteral("reason")).toString().isEmpty()) {
            reason = waiting.value(QStringLiteral("reason")).toString();
        } else if (!terminated.isEmpty()) {
            const QString terminatedReason = terminated.value(QStringLiteral("reason")).toString();
            if (!terminatedReason.isEmpty())
                reason = terminatedReason;
            else if (terminated.value(QStringLiteral("signal")).toInteger() != 0)
                reason = QStringLiteral("Signal:%1").arg(terminated.value(QStringLiteral("signal")).toInteger());
            else
                reason = QStringLiteral("ExitCode:%1").arg(terminated.value(QStringLiteral("exitCode")).toInteger());
        } else if (container.value(QStringLiteral("ready")).toBool() && state.contains(QStringLiteral("running"))) {
            hasRunning = true;
        }
    }
    if (reason == QLatin1String("Completed") && hasRunning)
        reason = QStringLiteral("Running");
    if (!meta(pod).value(QStringLiteral("deletionTimestamp")).isNull()
        && meta(pod).contains(QStringLiteral("deletionTimestamp")))
        reason = QStringLiteral("Terminating");
    return reason;
}

QJsonArray TableConverter::columns(const ResourceType& type)
{
    const QString& r = type.resource;
    if (r == QLatin1String("pods")) {
        return {
            nameColumn(),
            column("Ready", "string", 0, "", "The aggregate readiness state of this pod for accepting traffic."),
            column("Status", "string", 0, "", "The aggregate status of the containers in this pod."),
            column("Restarts", "string", 0, "",
                   "The number of times the containers in this pod have been restarted and when the last container in "
                   "this pod has restarted."),
            ageColumn(),
            column(
                "IP", "string", 1, "",
                "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
            column("Node", "string", 1, "", "NodeName is a request to schedule this pod onto a specific node."),
            column("Nominated Node", "string", 1, "",
                   "nominatedNodeName is set only when this pod preempts other pods on the node."),
            column("Readiness Gates", "string", 1, "",
                   "If specified, all readiness gates will be evaluated for pod readiness.")
        };
    }
    if (r == QLatin1String("deployments")) {
        return {
            nameColumn(),
            column("Ready", "string", 0, "", "Number of the pod with ready state"),
            column(
                "Up-to-date", "string", 0, "",
                "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            column("Available", "string", 0, "",
                   "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
            ageColumn(),
            column("Containers", "string", 1, "", "Names of each container in the template."),
            column("Images", "string", 1, "", "Images referenced by each container in the template."),
            column("Selector", "string", 1, "",
                   "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones "
                   "affected by this deployment.")
        };
    }
    if (r == QLatin1String("replicasets")) {
        return { nameColumn(),
                 column("Desired", "integer", 0, "", "Replicas is the number of desired replicas."),
                 column("Current", "integer", 0, "", "Replicas is the most recently observed number of replicas."),
                 column("Ready", "integer", 0, "", "The number of ready replicas for this replica set."),
                 ageColumn(),
                 column("Containers", "string", 1, "", "Names of each container in the template."),
                 column("Images", "string", 1, "", "Images referenced by each container in the template."),
                 column("Selector", "string", 1, "",
                        "Selector is a label query over pods that should match the replica count.") };
    }
    if (r == QLatin1String("services")) {
        return { nameColumn(),
                 column("Type", "string", 0, "", "type determines how the Service is exposed."),
                 column("Cluster-IP", "string", 0, "", "clusterIP is the IP address of the service."),
                 column("External-IP", "string", 0, "",
                        "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic "
                        "for this service."),
                 column("Port(s)", "string", 0, "", "The list of ports that are exposed by this service."),
                 ageColumn(),
                 column("Selector", "string", 1, "",
                        "Route service traffic to pods with label keys and values matching this selector.") };
    }
    if (r == QLatin1String("nodes")) {
        return { nameColumn(),
                 column("Status", "string", 0, "", "The status of the node"),
                 column("Roles", "string", 0, "", "The roles of the node"),
                 ageColumn(),
                 column("Version", "string", 0, "", "Kubelet Version reported by the node."),
                 column("Internal-IP", "string", 1, "", "List of addresses reachable to the node."),
                 column("External-IP", "string", 1, "", "List of addresses reachable to the node."),
                 column("OS-Image", "string", 1, "",
                        "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
                 column("Kernel-Version", "string", 1, "",
                        "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
                 column("Container-Runtime", "string", 1, "",
                        "Container runtime version reported by the node through runtime remote API (e.g. "
                        "containerd://1.4.2).") };
    }
    if (r == QLatin1String("events")) {
        return { column("Last Seen", "string", 0, "", "Time when last occurrence of event happened."),
                 column("Type", "string", 0, "",
                        "Type of this event (Normal, Warning), new types could be added in the future."),
                 column("Reason", "string", 0, "",
                        "This should be a short, machine understandable string that gives the reason for the "
                        "transition into the object's current status."),
                 column("Object", "string", 0, "", "The object that this event is about."),
                 column("Subobject", "string", 1, "", "Subobject of the object."),
                 column("Source", "string", 1, "",
                        "The component reporting this event. Should be a short machine understandable string."),
                 column("Message", "string", 0, "", "A human-readable description of the status of this operation."),
                 column("First Seen", "string", 1, "",
                        "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
                 column("Count", "string", 1, "", "The number of times this event has occurred."),
                 column("Name", "string", 1, "name", "Name of the event.") };
    }
    if (r == QLatin1String("namespaces"))
        return { nameColumn(), column("Status", "string", 0, "", "The status of the namespace"), ageColumn() };
    if (r == QLatin1String("secrets")) {
        return { nameColumn(), column("Type", "string", 0, "", "The type of the secret"),
                 column("Data", "string", 0, "", "The number of entries in the secret"), ageColumn() };
    }
    if (r == QLatin1String("configmaps"))
        return { nameColumn(), column("Data", "string", 0, "", "Number of data in configmap"), ageColumn() };
    if (r == QLatin1String("persistentvolumes")) {
        return {
            nameColumn(),
            column("Capacity", "string", 0, "",
                   "capacity is the description of the persistent volume's resources and capacity."),
            column("Access Modes", "string", 0, "", "accessModes contains all ways the volume can be mounted."),
            column("Reclaim Policy", "string", 0, "",
                   "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its "
                   "claim."),
            column("Status", "string", 0, "",
                   "phase indicates if a volume is available, bound to a claim, or released by a claim."),
            column("Claim", "string", 0, "",
                   "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim."),
            column("StorageClass", "string", 0, "",
                   "storageClassName is the name of StorageClass to which this persistent volume belongs."),
            column("VolumeAttributesClass", "string", 0, "",
                   "Name of VolumeAttributesClass to which this persistent volume belongs."),
            column("Reason", "string", 0, "", "reason is a brief CamelCase string that describes any failure."),
            ageColumn(),
            column("VolumeMode", "string", 1, "",
                   "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in "
                   "raw block state.")
        };
    }
    if (r == QLatin1String("persistentvolumeclaims")) {
        return {
            nameColumn(),
            column("Status", "string", 0, "", "phase represents the current phase of PersistentVolumeClaim."),
            column("Volume", "string", 0, "",
                   "volumeName is the binding reference to the PersistentVolume backing this claim."),
            column("Capacity", "string", 0, "", "capacity represents the actual resources of the underlying volume."),
            column("Access Modes", "string", 0, "",
                   "accessModes contains the actual access modes the volume backing the PVC has."),
            column("StorageClass", "string", 0, "",
                   "storageClassName is the name of the StorageClass required by the claim."),
            column("VolumeAttributesClass", "string", 0, "",
                   "volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim."),
            ageColumn(),
            column("VolumeMode", "string", 1, "", "volumeMode defines what type of volume is required by the claim.")
        };
    }
    return { nameColumn(), ageColumn() };
}

QJsonObject TableConverter::row(const ResourceType& type, const QJsonObject& object, const QDateTime& now,
                                IncludeObject include)
{
    const QJsonObject metadata = meta(object);
    const QString name = metadata.value(QStringLiteral("name")).toString();
    const QString age = humanAge(parseTime(metadata.value(QStringLiteral("creationTimestamp"))), now);
    const QJsonObject spec = object.value(QStringLiteral("spec")).toObject();
    const QJsonObject status = object.value(QStringLiteral("status")).toObject();
    const QString& r = type.resource;
    QJsonArray cells;
    if (r == QLatin1String("pods")) {
        const QJsonArray statuses = status.value(QStringLiteral("containerStatuses")).toArray();
        int readyCount = 0;
        qint64 restarts = 0;
        QDateTime lastRestart;
        for (const QJsonValue& value : statuses) {
            const QJsonObject c = value.toObject();
            if (c.value(QStringLiteral("ready")).toBool()
                && c.value(QStringLiteral("state")).toObject().contains(QStringLiteral("running")))
                ++readyCount;
            restarts += c.value(QStringLiteral("restartCount")).toInteger();
            const QDateTime finished = parseTime(c.value(QStringLiteral("lastState"))
                                                     .toObject()
                                                     .value(QStringLiteral("terminated"))
                                                     .toObject()
                                                     .value(QStringLiteral("finishedAt")));
            if (finished.isValid() && (!lastRestart.isValid() || finished > lastRestart))
                lastRestart = finished;
        }
        const int total = static_cast<int>(spec.value(QStringLiteral("containers")).toArray().size());
        QString restartText = QString::number(restarts);
        if (restarts != 0 && lastRestart.isValid())
            restartText = QStringLiteral("%1 (%2 ago)").arg(restarts).arg(humanAge(lastRestart, now));
        cells = { name,
                  QStringLiteral("%1/%2").arg(readyCount).arg(total),
                  podStatusReason(object),
                  restartText,
                  age,
                  orNone(status.value(QStringLiteral("podIP")).toString()),
                  orNone(spec.value(QStringLiteral("nodeName")).toString()),
                  orNone(status.value(QStringLiteral("nominatedNodeName")).toString()),
                  QStringLiteral("<none>") };
    } else if (r == QLatin1String("deployments")) {
        const QJsonObject podSpec
            = spec.value(QStringLiteral("template")).toObject().value(QStringLiteral("spec")).toObject();
        cells = { name,
                  QStringLiteral("%1/%2").arg(num(status, "readyReplicas")).arg(num(spec, "replicas")),
                  num(status, "updatedReplicas"),
                  num(status, "availableReplicas"),
                  age,
                  containerField(podSpec, "name"),
                  containerField(podSpec, "image"),
                  selectorText(spec.value(QStringLiteral("selector")).toObject()) };
    } else if (r == QLatin1String("replicasets")) {
        const QJsonObject podSpec
            = spec.value(QStringLiteral("template")).toObject().value(QStringLiteral("spec")).toObject();
        cells = { name,
                  num(spec, "replicas"),
                  num(status, "replicas"),
                  num(status, "readyReplicas"),
                  age,
                  containerField(podSpec, "name"),
                  containerField(podSpec, "image"),
                  selectorText(spec.value(QStringLiteral("selector")).toObject()) };
    } else if (r == QLatin1String("services")) {
        QStringList external;
        for (const QJsonValue& ip : spec.value(QStringLiteral("externalIPs")).toArray())
            external.append(ip.toString());
        for (const QJsonValue& ingress :
             status.value(QStringLiteral("loadBalancer")).toObject().value(QStringLiteral("ingress")).toArray())
            external.append(ingress.toObject().value(QStringLiteral("ip")).toString());
        const QString serviceType = spec.value(QStringLiteral("type")).toString(QStringLiteral("ClusterIP"));
        const QString externalText = !external.isEmpty()   ? external.join(QLatin1Char(','))
            : serviceType == QLatin1String("LoadBalancer") ? QStringLiteral("<pending>")
                                                           : QStringLiteral("<none>");
        cells = { name,
                  serviceType,
                  orNone(spec.value(QStringLiteral("clusterIP")).toString()),
                  externalText,
                  servicePorts(object),
                  age,
                  mapSelectorText(spec.value(QStringLiteral("selector")).toObject()) };
    } else if (r == QLatin1String("nodes")) {
        bool ready = false;
        for (const QJsonValue& c : status.value(QStringLiteral("conditions")).toArray()) {
            if (c.toObject().value(QStringLiteral("type")).toString() == QLatin1String("Ready"))
                ready = c.toObject().value(QStringLiteral("status")).toString() == QLatin1String("True");
        }
        QStringList roles;
        const QJsonObject labels = metadata.value(QStringLiteral("labels")).toObject();
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            if (it.key().startsWith(QLatin1String("node-role.kubernetes.io/")))
                roles.append(it.key().mid(24));
        }
        QString internalIp;
        for (const QJsonValue& a : status.value(QStringLiteral("addresses")).toArray()) {
            if (a.toObject().value(QStringLiteral("type")).toString() == QLatin1String("InternalIP"))
                internalIp = a.toObject().value(QStringLiteral("address")).toString();
        }
        const QJsonObject info = status.value(QStringLiteral("nodeInfo")).toObject();
        cells = { name,
                  ready ? QStringLiteral("Ready") : QStringLiteral("NotReady"),
                  roles.isEmpty() ? QStringLiteral("<none>") : roles.join(QLatin1Char(',')),
                  age,
                  info.value(QStringLiteral("kubeletVersion")).toString(),
                  orNone(internalIp),
                  QStringLiteral("<none>"),
                  info.value(QStringLiteral("osImage")).toString(),
                  info.value(QStringLiteral("kernelVersion")).toString(),
                  info.value(QStringLiteral("containerRuntimeVersion")).toString() };
    } else if (r == QLatin1String("events")) {
        const QJsonObject involved = object.value(QStringLiteral("involvedObject")).toObject();
        const QDateTime last = parseTime(object.value(QStringLiteral("lastTimestamp")));
        const QDateTime first = parseTime(object.value(QStringLiteral("firstTimestamp")));
        const QJsonObject source = object.value(QStringLiteral("source")).toObject();
        QString sourceText = source.value(QStringLiteral("component")).toString();
        if (!source.value(QStringLiteral("host")).toString().isEmpty())
            sourceText += QStringLiteral(", ") + source.value(QStringLiteral("host")).toString();
        cells = { humanAge(last, now),
                  object.value(QStringLiteral("type")).toString(),
                  object.value(QStringLiteral("reason")).toString(),
                  QString(involved.value(QStringLiteral("kind")).toString().toLower() + QLatin1Char('/')
                          + involved.value(QStringLiteral("name")).toString()),
                  involved.value(QStringLiteral("fieldPath")).toString(),
                  sourceText,
                  object.value(QStringLiteral("message")).toString().trimmed(),
                  humanAge(first, now),
                  QString::number(object.value(QStringLiteral("count")).toInteger()),
                  name };
    } else if (r == QLatin1String("namespaces")) {
        cells = { name, status.value(QStringLiteral("phase")).toString(), age };
    } else if (r == QLatin1String("secrets")) {
        cells = { name, object.value(QStringLiteral("type")).toString(),
                  QString::number(object.value(QStringLiteral("data")).toObject().size()), age };
    } else if (r == QLatin1String("configmaps")) {
        cells = { name,
                  QString::number(object.value(QStringLiteral("data")).toObject().size()
                                  + object.value(QStringLiteral("binaryData")).toObject().size()),
                  age };
    } else if (r == QLatin1String("persistentvolumes")) {
        const QJsonObject claim = spec.value(QStringLiteral("claimRef")).toObject();
        const QString claimText = claim.isEmpty() ? QString()
                                                  : claim.value(QStringLiteral("namespace")).toString()
                + QLatin1Char('/') + claim.value(QStringLiteral("name")).toString();
        cells = { name,
                  str(spec, "capacity.storage"),
                  accessModes(spec.value(QStringLiteral("accessModes")).toArray()),
                  spec.value(QStringLiteral("persistentVolumeReclaimPolicy")).toString(),
                  status.value(QStringLiteral("phase")).toString(),
                  claimText,
                  spec.value(QStringLiteral("storageClassName")).toString(),
                  QStringLiteral("<unset>"),
                  status.value(QStringLiteral("reason")).toString(),
                  age,
                  spec.value(QStringLiteral("volumeMode")).toString() };
    } else if (r == QLatin1String("persistentvolumeclaims")) {
        cells = { name,
                  status.value(QStringLiteral("phase")).toString(),
                  spec.value(QStringLiteral("volumeName")).toString(),
                  str(status, "capacity.storage"),
                  accessModes(status.value(QStringLiteral("accessModes")).toArray()),
                  spec.value(QStringLiteral("storageClassName")).toString(),
                  QStringLiteral("<unset>"),
                  age,
                  spec.value(QStringLiteral("volumeMode")).toString() };
    } else {
        cells = { name, age };
    }
    QJsonObject result { { QStringLiteral("cells"), cells } };
    if (include == IncludeObject::Object) {
        result.insert(QStringLiteral("object"), object);
    } else if (include == IncludeObject::Metadata) {
        result.insert(QStringLiteral("object"),
                      QJsonObject { { QStringLiteral("kind"), QStringLiteral("PartialObjectMetadata") },
                                    { QStringLiteral("apiVersion"), QStringLiteral("meta.k8s.io/v1") },
                                    { QStringLiteral("metadata"), metadata } });
    }
    return result;
}

QJsonObject TableConverter::table(const ResourceType& type, const QList<QJsonObject>& objects,
                                  const QJsonObject& listMetadata, const QDateTime& now, IncludeObject include,
                                  bool withColumns)
{
    QJsonArray rows;
    for (const QJsonObject& object : objects)
        rows.append(row(type, object, now, include));
    return { { QStringLiteral("kind"), QStringLiteral("Table") },
             { QStringLiteral("apiVersion"), QStringLiteral("meta.k8s.io/v1") },
             { QStringLiteral("metadata"), listMetadata },
             { QStringLiteral("columnDefinitions"), withColumns ? columns(type) : QJsonArray() },
             { QStringLiteral("rows"), rows } };
}

} // namespace quayside::test
