#include "kube/PodSummary.h"

#include "kube/Durations.h"
#include "kube/ImageReference.h"
#include "kube/OwnerReference.h"
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

PodSummary::Termination termination(const QJsonObject& terminated)
{
    PodSummary::Termination t;
    t.present = true;
    t.reason = str(terminated, "reason");
    t.message = str(terminated, "message").trimmed();
    t.exitCode = terminated.value(QLatin1String("exitCode")).toInt();
    t.signal = terminated.value(QLatin1String("signal")).toInt();
    t.startedAt = PodSummary::parseTime(str(terminated, "startedAt"));
    t.finishedAt = PodSummary::parseTime(str(terminated, "finishedAt"));
    return t;
}

QString intOrString(const QJsonValue& port)
{
    // An IntOrString: 8000 or "http".
    return port.isDouble() ? QString::number(port.toInteger()) : port.toString();
}

PodSummary::Probe probe(const QJsonObject& spec)
{
    PodSummary::Probe p;
    if (spec.isEmpty())
        return p;
    // The API server defaults these (SetDefaults_Probe); objects made by hand may lack them.
    const auto number = [&spec](const char* key, int fallback) {
        const QJsonValue v = spec.value(QLatin1String(key));
        return v.isDouble() ? v.toInt() : fallback;
    };
    p.initialDelaySeconds = number("initialDelaySeconds", 0);
    p.timeoutSeconds = number("timeoutSeconds", 1);
    p.periodSeconds = number("periodSeconds", 10);
    p.successThreshold = number("successThreshold", 1);
    p.failureThreshold = number("failureThreshold", 3);
    if (spec.contains(QLatin1String("httpGet"))) {
        const QJsonObject http = obj(spec, "httpGet");
        p.handler = QStringLiteral("httpGet");
        p.scheme = http.value(QLatin1String("scheme")).toString(QStringLiteral("HTTP"));
        p.host = str(http, "host");
        p.path = str(http, "path");
        p.port = intOrString(http.value(QLatin1String("port")));
    } else if (spec.contains(QLatin1String("tcpSocket"))) {
        const QJsonObject tcp = obj(spec, "tcpSocket");
        p.handler = QStringLiteral("tcpSocket");
        p.host = str(tcp, "host");
        p.port = intOrString(tcp.value(QLatin1String("port")));
    } else if (spec.contains(QLatin1String("grpc"))) {
        p.handler = QStringLiteral("grpc");
        p.port = intOrString(obj(spec, "grpc").value(QLatin1String("port")));
    } else if (spec.contains(QLatin1String("exec"))) {
        p.handler = QStringLiteral("exec");
        for (const QJsonValue& v : arr(obj(spec, "exec"), "command"))
            p.command.append(v.toString());
    }
    return p;
}

} // namespace

int PodSummary::Termination::effectiveSignal() const
{
    if (signal != 0)
        return signal;
    return exitCode > 128 && exitCode < 160 ? exitCode - 128 : 0;
}

QString PodSummary::Termination::signalName(int signal)
{
    static const QHash<int, QString> names { { 1, QStringLiteral("SIGHUP") },   { 2, QStringLiteral("SIGINT") },
                                             { 3, QStringLiteral("SIGQUIT") },  { 4, QStringLiteral("SIGILL") },
                                             { 6, QStringLiteral("SIGABRT") },  { 7, QStringLiteral("SIGBUS") },
                                             { 8, QStringLiteral("SIGFPE") },   { 9, QStringLiteral("SIGKILL") },
                                             { 11, QStringLiteral("SIGSEGV") }, { 13, QStringLiteral("SIGPIPE") },
                                             { 15, QStringLiteral("SIGTERM") } };
    if (signal == 0)
        return {};
    return names.value(signal, QStringLiteral("signal %1").arg(signal));
}

QString PodSummary::Termination::describe() const
{
    QString text = reason.isEmpty() ? QStringLiteral("terminated") : reason;
    text += QStringLiteral(", exit code %1").arg(exitCode);
    if (const int s = effectiveSignal(); s != 0)
        text += QStringLiteral(" (%1)").arg(signalName(s));
    return text;
}

QString PodSummary::Probe::describe() const
{
    // describeProbe() in kubectl's pkg/describe/describe.go.
    const QString attrs = QStringLiteral("delay=%1s timeout=%2s period=%3s #success=%4 #failure=%5")
                              .arg(initialDelaySeconds)
                              .arg(timeoutSeconds)
                              .arg(periodSeconds)
                              .arg(successThreshold)
                              .arg(failureThreshold);
    if (handler == QLatin1String("httpGet"))
        return QStringLiteral("http-get %1://%2%3%4 %5")
            .arg(scheme.toLower(), host, port.isEmpty() ? QString() : QString(QLatin1Char(':') + port), path, attrs);
    if (handler == QLatin1String("tcpSocket"))
        return QStringLiteral("tcp-socket %1:%2 %3").arg(host, port, attrs);
    if (handler == QLatin1String("grpc"))
        return QStringLiteral("grpc <pod>:%1 %2").arg(port, attrs);
    if (handler == QLatin1String("exec"))
        return QStringLiteral("exec [%1] %2").arg(command.join(QLatin1Char(' ')), attrs);
    return QStringLiteral("unknown %1").arg(attrs);
}

int PodSummary::Container::resolvePort(const QString& port) const
{
    bool numeric = false;
    const int number = port.toInt(&numeric);
    if (numeric)
        return number;
    for (const Port& p : ports) {
        if (p.name == port)
            return p.containerPort;
    }
    return 0;
}

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

    const OwnerReference owner = OwnerReference::controllerOf(pod);
    s.ownerKind = owner.kind;
    s.ownerName = owner.name;
    if (s.ownerKind == QLatin1String("ReplicaSet")) {
        if (replicaSetOwner)
            s.deployment = replicaSetOwner(s.ownerName);
        if (s.deployment.isEmpty())
            s.deployment = OwnerReference::deploymentFromReplicaSetName(
                s.ownerName, s.labels.value(QStringLiteral("pod-template-hash")));
    }
    s.reason = str(status, "reason");
    s.message = str(status, "message");
    for (const QJsonValue& v : arr(status, "conditions")) {
        const QJsonObject c = v.toObject();
        s.conditions.append({ str(c, "type"), str(c, "status"), str(c, "reason"), str(c, "message"),
                              parseTime(str(c, "lastTransitionTime")) });
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
            container.imagePullPolicy = str(c, "imagePullPolicy");
            if (container.imagePullPolicy.isEmpty())
                container.imagePullPolicy = ImageReference::defaultPullPolicy(container.image);
            container.init = init;
            const QJsonObject resources = obj(c, "resources");
            container.cpuRequestMillicores = resource(resources, "requests", "cpu", true);
            container.cpuLimitMillicores = resource(resources, "limits", "cpu", true);
            container.memoryRequestBytes = resource(resources, "requests", "memory", false);
            container.memoryLimitBytes = resource(resources, "limits", "memory", false);
            container.memoryLimitText = intOrString(obj(resources, "limits").value(QLatin1String("memory")));
            container.readinessProbe = probe(obj(c, "readinessProbe"));
            container.livenessProbe = probe(obj(c, "livenessProbe"));
            container.startupProbe = probe(obj(c, "startupProbe"));
            for (const QJsonValue& p : arr(c, "ports")) {
                const QJsonObject port = p.toObject();
                container.ports.append({ str(port, "name"), port.value(QLatin1String("containerPort")).toInt(),
                                         port.value(QLatin1String("protocol")).toString(QStringLiteral("TCP")) });
            }
            for (const QJsonValue& e : arr(c, "env")) {
                const QJsonObject env = e.toObject();
                container.env.append(str(env, "name"));
                const QJsonObject ref = obj(obj(env, "valueFrom"), "secretKeyRef");
                if (!ref.isEmpty())
                    container.secretKeyRefs.append({ str(env, "name"), str(ref, "name"), str(ref, "key"),
                                                     ref.value(QLatin1String("optional")).toBool() });
            }
            for (const QJsonValue& e : arr(c, "envFrom")) {
                const QJsonObject from = e.toObject();
                if (from.contains(QLatin1String("secretRef")))
                    container.envFromSecrets.append(str(obj(from, "secretRef"), "name"));
                if (from.contains(QLatin1String("configMapRef")))
                    container.envFromConfigMaps.append(str(obj(from, "configMapRef"), "name"));
            }
            const QJsonObject cs = statuses.value(init ? QStringLiteral("init:") + container.name : container.name);
            container.ready = cs.value(QLatin1String("ready")).toBool();
            container.started = cs.value(QLatin1String("started")).toBool();
            container.restarts = cs.value(QLatin1String("restartCount")).toInt();
            const QJsonObject state = obj(cs, "state");
            for (const char* name : { "running", "waiting", "terminated" }) {
                if (state.contains(QLatin1String(name))) {
                    const QJsonObject detail = obj(state, name);
                    container.state = QString::fromLatin1(name);
                    container.reason = str(detail, "reason");
                    container.message = str(detail, "message").trimmed();
                }
            }
            if (container.state == QLatin1String("running"))
                container.runningSince = parseTime(str(obj(state, "running"), "startedAt"));
            else if (container.state == QLatin1String("terminated"))
                container.terminated = termination(obj(state, "terminated"));
            const QJsonObject last = obj(obj(cs, "lastState"), "terminated");
            if (!last.isEmpty())
                container.lastTermination = termination(last);
            s.containers.append(container);
        }
    };
    addContainers("containers", false);
    addContainers("initContainers", true);
    return s;
}

bool PodSummary::isSteadyRunning(const QJsonObject& pod)
{
    const QJsonObject status = obj(pod, "status");
    if (str(status, "phase") != QLatin1String("Running"))
        return false;
    const QJsonValue deletion = obj(pod, "metadata").value(QLatin1String("deletionTimestamp"));
    if (!deletion.isUndefined() && !deletion.isNull())
        return false;
    const QJsonArray statuses = arr(status, "containerStatuses");
    if (statuses.isEmpty() || statuses.size() != arr(obj(pod, "spec"), "containers").size())
        return false;
    for (const QJsonValue& v : statuses) {
        const QJsonObject cs = v.toObject();
        if (!cs.value(QLatin1String("ready")).toBool() || cs.value(QLatin1String("restartCount")).toInt() != 0)
            return false;
    }
    for (const QJsonValue& v : arr(status, "initContainerStatuses")) {
        const QJsonObject terminated = obj(obj(v.toObject(), "state"), "terminated");
        const bool sidecarReady = v.toObject().value(QLatin1String("ready")).toBool();
        if (!sidecarReady && (terminated.isEmpty() || terminated.value(QLatin1String("exitCode")).toInt() != 0))
            return false;
    }
    return true;
}

QString PodSummary::readyText() const
{
    return QStringLiteral("%1/%2").arg(readyContainers).arg(totalContainers);
}

bool PodSummary::isReady() const
{
    // podutil.IsPodReady: the Ready condition; before the kubelet reports one, every container.
    if (const Condition* ready = condition(QStringLiteral("Ready")))
        return ready->status == QLatin1String("True");
    return phase == QLatin1String("Running") && totalContainers > 0 && readyContainers == totalContainers;
}

const PodSummary::Container* PodSummary::container(const QString& containerName) const
{
    for (const Container& c : containers) {
        if (c.name == containerName)
            return &c;
    }
    return nullptr;
}

const PodSummary::Condition* PodSummary::condition(const QString& type) const
{
    for (const Condition& c : conditions) {
        if (c.type == type)
            return &c;
    }
    return nullptr;
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
