#include "kube/PodSummary.h"

#include "kube/Durations.h"
#include "kube/Quantity.h"

#include <QHash>
#include <QJsonArray>

namespace quayside::kube {

namespace {

QJsonObject obj(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toObject();
}

QJsonArray arr(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toArray();
}

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

bool conditionTrue(const QJsonObject& status, const char* type)
{
    for (const QJsonValue& c : arr(status, "conditions")) {
        const QJsonObject condition = c.toObject();
        if (str(condition, "type") == QLatin1String(type))
            return str(condition, "status") == QLatin1String("True");
    }
    return false;
}

// A sidecar: an init container with restartPolicy Always keeps running next to the app containers.
bool isRestartable(const QJsonObject& container)
{
    return str(container, "restartPolicy") == QLatin1String("Always");
}

void noteRestart(const QJsonObject& containerStatus, QDateTime* last)
{
    const QJsonObject terminated = obj(obj(containerStatus, "lastState"), "terminated");
    if (terminated.isEmpty())
        return;
    const QDateTime finished = PodSummary::parseTime(str(terminated, "finishedAt"));
    if (finished.isValid() && (!last->isValid() || *last < finished))
        *last = finished;
}

std::int64_t resource(const QJsonObject& resources, const char* kind, const char* name, bool milli)
{
    const QJsonValue value = obj(resources, kind).value(QLatin1String(name));
    if (!value.isString() && !value.isDouble())
        return -1;
    const QString text = value.isString() ? value.toString() : QString::number(value.toDouble());
    const auto quantity = Quantity::parse(text);
    if (!quantity)
        return -1;
    return milli ? quantity->milliValue() : quantity->value();
}

} // namespace

QDateTime PodSummary::parseTime(const QString& rfc3339)
{
    if (rfc3339.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(rfc3339, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(rfc3339, Qt::ISODate);
    return t.toUTC();
}

QString PodSummary::statusOf(const QJsonObject& pod, int* readyOut, int* totalOut, int* restartsOut,
                             QDateTime* lastRestartOut)
{
    // A transcription of printPod() in kubernetes/pkg/printers/internalversion/printers.go, so our
    // STATUS column says what kubectl says for the same pod.
    const QJsonObject spec = obj(pod, "spec");
    const QJsonObject status = obj(pod, "status");
    const QJsonObject metadata = obj(pod, "metadata");
    const QJsonArray specContainers = arr(spec, "containers");
    const QJsonArray specInit = arr(spec, "initContainers");
    int restarts = 0;
    int restartableInitRestarts = 0;
    int totalContainers = static_cast<int>(specContainers.size());
    int readyContainers = 0;
    QDateTime lastRestart;
    QDateTime lastRestartableInitRestart;

    const QString phase = str(status, "phase");
    QString reason = phase;
    if (!str(status, "reason").isEmpty())
        reason = str(status, "reason");
    for (const QJsonValue& c : arr(status, "conditions")) {
        const QJsonObject condition = c.toObject();
        if (str(condition, "type") == QLatin1String("PodScheduled")
            && str(condition, "reason") == QLatin1String("SchedulingGated"))
            reason = QStringLiteral("SchedulingGated");
    }

    QHash<QString, QJsonObject> initSpecs;
    for (const QJsonValue& c : specInit) {
        const QJsonObject container = c.toObject();
        initSpecs.insert(str(container, "name"), container);
        if (isRestartable(container))
            ++totalContainers;
    }

    bool initializing = false;
    const QJsonArray initStatuses = arr(status, "initContainerStatuses");
    for (qsizetype i = 0; i < initStatuses.size(); ++i) {
        const QJsonObject container = initStatuses.at(i).toObject();
        const int count = container.value(QLatin1String("restartCount")).toInt();
        restarts += count;
        noteRestart(container, &lastRestart);
        const bool restartable = isRestartable(initSpecs.value(str(container, "name")));
        if (restartable) {
            restartableInitRestarts += count;
            noteRestart(container, &lastRestartableInitRestart);
        }
        const QJsonObject state = obj(container, "state");
        const QJsonObject terminated = obj(state, "terminated");
        const QJsonObject waiting = obj(state, "waiting");
        const bool hasTerminated = state.contains(QLatin1String("terminated"));
        if (hasTerminated && terminated.value(QLatin1String("exitCode")).toInt() == 0)
            continue;
        if (restartable && container.value(QLatin1String("started")).toBool()) {
            if (container.value(QLatin1String("ready")).toBool())
                ++readyContainers;
            continue;
        }
        if (hasTerminated) {
            const QString terminatedReason = str(terminated, "reason");
            if (terminatedReason.isEmpty()) {
                const int signal = terminated.value(QLatin1String("signal")).toInt();
                reason = signal != 0
                    ? QStringLiteral("Init:Signal:%1").arg(signal)
                    : QStringLiteral("Init:ExitCode:%1").arg(terminated.value(QLatin1String("exitCode")).toInt());
            } else {
                reason = QStringLiteral("Init:") + terminatedReason;
            }
        } else if (!str(waiting, "reason").isEmpty() && str(waiting, "reason") != QLatin1String("PodInitializing")) {
            reason = QStringLiteral("Init:") + str(waiting, "reason");
        } else {
            reason = QStringLiteral("Init:%1/%2").arg(i).arg(specInit.size());
        }
        initializing = true;
        break;
    }

    if (!initializing || conditionTrue(status, "Initialized")) {
        restarts = restartableInitRestarts;
        lastRestart = lastRestartableInitRestart;
        bool hasRunning = false;
        const QJsonArray statuses = arr(status, "containerStatuses");
        for (qsizetype i = statuses.size() - 1; i >= 0; --i) {
            const QJsonObject container = statuses.at(i).toObject();
            restarts += container.value(QLatin1String("restartCount")).toInt();
            noteRestart(container, &lastRestart);
            const QJsonObject state = obj(container, "state");
            const QJsonObject waiting = obj(state, "waiting");
            const QJsonObject terminated = obj(state, "terminated");
            const bool hasTerminated = state.contains(QLatin1String("terminated"));
            if (!str(waiting, "reason").isEmpty()) {
                reason = str(waiting, "reason");
            } else if (hasTerminated && !str(terminated, "reason").isEmpty()) {
                reason = str(terminated, "reason");
            } else if (hasTerminated) {
                const int signal = terminated.value(QLatin1String("signal")).toInt();
                reason = signal != 0
                    ? QStringLiteral("Signal:%1").arg(signal)
                    : QStringLiteral("ExitCode:%1").arg(terminated.value(QLatin1String("exitCode")).toInt());
            } else if (container.value(QLatin1String("ready")).toBool() && state.contains(QLatin1String("running"))) {
                hasRunning = true;
                ++readyContainers;
            }
        }
        // A pod whose last container completed but another still runs is Running (or NotReady).
        if (reason == QLatin1String("Completed") && hasRunning)
            reason = conditionTrue(status, "Ready") ? QStringLiteral("Running") : QStringLiteral("NotReady");
    }

    const bool deleting = metadata.contains(QLatin1String("deletionTimestamp"))
        && !metadata.value(QLatin1String("deletionTimestamp")).isNull();
    if (deleting && str(status, "reason") == QLatin1String("NodeLost"))
        reason = QStringLiteral("Unknown");
    else if (deleting && phase != QLatin1String("Succeeded") && phase != QLatin1String("Failed"))
        reason = QStringLiteral("Terminating");

    if (readyOut)
        *readyOut = readyContainers;
    if (totalOut)
        *totalOut = totalContainers;
    if (restartsOut)
        *restartsOut = restarts;
    if (lastRestartOut)
        *lastRestartOut = lastRestart;
    return reason;
}

PodSummary PodSummary::fromJson(const QJsonObject& pod, const ReplicaSetOwner& replicaSetOwner)
{
    PodSummary s;
    const QJsonObject metadata = obj(pod, "metadata");
    const QJsonObject spec = obj(pod, "spec");
    const QJsonObject status = obj(pod, "status");
    s.uid = str(metadata, "uid");
    s.name = str(metadata, "name");
    s.nameSpace = str(metadata, "namespace");
    s.resourceVersion = str(metadata, "resourceVersion");
    s.created = parseTime(str(metadata, "creationTimestamp"));
    s.terminating = metadata.contains(QLatin1String("deletionTimestamp"))
        && !metadata.value(QLatin1String("deletionTimestamp")).isNull();
    s.phase = str(status, "phase");
    s.status = statusOf(pod, &s.readyContainers, &s.totalContainers, &s.restarts, &s.lastRestart);
    s.node = str(spec, "nodeName");
    s.ip = str(status, "podIP");
    const QJsonObject labels = obj(metadata, "labels");
    for (auto it = labels.begin(); it != labels.end(); ++it)
        s.labels.insert(it.key(), it.value().toString());

    for (const QJsonValue& ref : arr(metadata, "ownerReferences")) {
        const QJsonObject owner = ref.toObject();
        if (owner.value(QLatin1String("controller")).toBool()) {
            s.ownerKind = str(owner, "kind");
            s.ownerName = str(owner, "name");
            break;
        }
    }
    if (s.ownerKind == QLatin1String("ReplicaSet")) {
        if (replicaSetOwner)
            s.deployment = replicaSetOwner(s.ownerName);
        if (s.deployment.isEmpty()) {
            // <deployment>-<pod-template-hash> is how the Deployment controller names its ReplicaSets.
            const QString hash = s.labels.value(QStringLiteral("pod-template-hash"));
            if (!hash.isEmpty() && s.ownerName.endsWith(QLatin1Char('-') + hash))
                s.deployment = s.ownerName.left(s.ownerName.size() - hash.size() - 1);
        }
    }

    QHash<QString, QJsonObject> statuses;
    for (const char* key : { "containerStatuses", "initContainerStatuses" }) {
        for (const QJsonValue& v : arr(status, key)) {
            const QJsonObject cs = v.toObject();
            statuses.insert(QString::fromLatin1(key).startsWith(QLatin1String("init"))
                                ? QStringLiteral("init:") + str(cs, "name")
                                : str(cs, "name"),
                            cs);
        }
    }
    const auto addContainers = [&](const char* key, bool init) {
        for (const QJsonValue& v : arr(spec, key)) {
            const QJsonObject c = v.toObject();
            Container container;
            container.name = str(c, "name");
            container.image = str(c, "image");
            container.init = init;
            const QJsonObject resources = obj(c, "resources");
            container.cpuRequestMillicores = resource(resources, "requests", "cpu", true);
            container.cpuLimitMillicores = resource(resources, "limits", "cpu", true);
            container.memoryRequestBytes = resource(resources, "requests", "memory", false);
            container.memoryLimitBytes = resource(resources, "limits", "memory", false);
            const QJsonObject cs = statuses.value(init ? QStringLiteral("init:") + container.name : container.name);
            container.ready = cs.value(QLatin1String("ready")).toBool();
            container.restarts = cs.value(QLatin1String("restartCount")).toInt();
            const QJsonObject state = obj(cs, "state");
            for (const char* name : { "running", "waiting", "terminated" }) {
                if (state.contains(QLatin1String(name))) {
                    container.state = QString::fromLatin1(name);
                    container.reason = str(obj(state, name), "reason");
                }
            }
            s.containers.append(container);
        }
    };
    addContainers("containers", false);
    addContainers("initContainers", true);
    return s;
}

QString PodSummary::readyText() const
{
    return QStringLiteral("%1/%2").arg(readyContainers).arg(totalContainers);
}

QStringList PodSummary::containerNames() const
{
    QStringList names;
    for (const Container& c : containers) {
        if (!c.init)
            names.append(c.name);
    }
    return names;
}

std::int64_t PodSummary::ageSeconds(const QDateTime& now) const
{
    if (!created.isValid())
        return 0;
    return created.secsTo(now);
}

QString PodSummary::restartsText(const QDateTime& now) const
{
    if (restarts == 0 || !lastRestart.isValid())
        return QString::number(restarts);
    return QStringLiteral("%1 (%2 ago)").arg(restarts).arg(Durations::humanize(lastRestart.secsTo(now)));
}

std::int64_t PodSummary::cpuRequestMillicores() const
{
    std::int64_t total = -1;
    for (const Container& c : containers) {
        if (!c.init && c.cpuRequestMillicores >= 0)
            total = (total < 0 ? 0 : total) + c.cpuRequestMillicores;
    }
    return total;
}

std::int64_t PodSummary::memoryRequestBytes() const
{
    std::int64_t total = -1;
    for (const Container& c : containers) {
        if (!c.init && c.memoryRequestBytes >= 0)
            total = (total < 0 ? 0 : total) + c.memoryRequestBytes;
    }
    return total;
}

} // namespace quayside::kube
