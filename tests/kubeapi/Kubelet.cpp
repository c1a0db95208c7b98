#include "Kubelet.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace quayside::test {

namespace {

QString timestamp(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QJsonObject condition(const QString& type, bool status, const QDateTime& now, const QString& reason = {},
                      const QString& message = {})
{
    QJsonObject c { { QStringLiteral("type"), type },
                    { QStringLiteral("status"), status ? QStringLiteral("True") : QStringLiteral("False") },
                    { QStringLiteral("lastProbeTime"), QJsonValue::Null },
                    { QStringLiteral("lastTransitionTime"), timestamp(now) } };
    if (!reason.isEmpty())
        c.insert(QStringLiteral("reason"), reason);
    if (!message.isEmpty())
        c.insert(QStringLiteral("message"), message);
    return c;
}

QStringList containerNames(const QJsonObject& pod)
{
    QStringList names;
    for (const QJsonValue& c :
         pod.value(QStringLiteral("spec")).toObject().value(QStringLiteral("containers")).toArray())
        names.append(c.toObject().value(QStringLiteral("name")).toString());
    return names;
}

// The kubelet's crash back-off: 10 s doubling up to 5 minutes, printed as Go prints a Duration.
QString backOff(qint64 restarts)
{
    qint64 seconds = 10;
    for (qint64 i = 1; i < restarts && seconds < 300; ++i)
        seconds *= 2;
    seconds = std::min<qint64>(seconds, 300);
    return seconds >= 60 ? QStringLiteral("%1m%2s").arg(seconds / 60).arg(seconds % 60)
                         : QStringLiteral("%1s").arg(seconds);
}

} // namespace

Kubelet::Kubelet(QString nodeName, QString nodeIp)
    : m_nodeName(std::move(nodeName))
    , m_nodeIp(std::move(nodeIp))
{ }

QString Kubelet::podIp(const QString& name)
{
    const QByteArray hash = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Md5);
    const int host = 2 + static_cast<unsigned char>(hash.at(0)) % 250;
    const int subnet = static_cast<unsigned char>(hash.at(1)) % 4;
    return QStringLiteral("10.244.%1.%2").arg(subnet).arg(host);
}

QString Kubelet::containerId(const QString& podUid, const QString& container, qint64 restartCount)
{
    const QByteArray seed
        = (podUid + QLatin1Char('/') + container + QLatin1Char('/') + QString::number(restartCount)).toUtf8();
    return QStringLiteral("docker://")
        + QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex());
}

QString Kubelet::imageId(const QString& image)
{
    return QStringLiteral("docker://sha256:")
        + QString::fromLatin1(QCryptographicHash::hash(image.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString Kubelet::qosClass(const QJsonObject& podSpec)
{
    bool any = false;
    bool guaranteed = true;
    for (const QJsonValue& value : podSpec.value(QStringLiteral("containers")).toArray()) {
        const QJsonObject resources = value.toObject().value(QStringLiteral("resources")).toObject();
        const QJsonObject requests = resources.value(QStringLiteral("requests")).toObject();
        const QJsonObject limits = resources.value(QStringLiteral("limits")).toObject();
        if (!requests.isEmpty() || !limits.isEmpty())
            any = true;
        for (const char* r : { "cpu", "memory" }) {
            const QString key = QString::fromLatin1(r);
            if (!limits.contains(key) || (requests.contains(key) && requests.value(key) != limits.value(key)))
                guaranteed = false;
        }
    }
    if (!any)
        return QStringLiteral("BestEffort");
    return guaranteed ? QStringLiteral("Guaranteed") : QStringLiteral("Burstable");
}

QJsonObject Kubelet::pendingStatus(const QJsonObject& pod)
{
    return { { QStringLiteral("phase"), QStringLiteral("Pending") },
             { QStringLiteral("qosClass"), qosClass(pod.value(QStringLiteral("spec")).toObject()) } };
}

QJsonObject Kubelet::unschedulableStatus(const QJsonObject& pod, const QDateTime& now, const QString& message)
{
    QJsonObject status = pendingStatus(pod);
    status.insert(
        QStringLiteral("conditions"),
        QJsonArray { condition(QStringLiteral("PodScheduled"), false, now, QStringLiteral("Unschedulable"), message) });
    return status;
}

QJsonObject Kubelet::apply(QJsonObject pod, Step step, PodBehaviour behaviour, const QDateTime& now, quint32 seed,
                           const QHash<QString, QString>& configErrors) const
{
    Q_UNUSED(seed)
    QJsonObject spec = pod.value(QStringLiteral("spec")).toObject();
    QJsonObject status = pod.value(QStringLiteral("status")).toObject();
    const QJsonObject metadata = pod.value(QStringLiteral("metadata")).toObject();
    const QString podName = metadata.value(QStringLiteral("name")).toString();
    const QString podUid = metadata.value(QStringLiteral("uid")).toString();
    const QString podNs = metadata.value(QStringLiteral("namespace")).toString();
    const QStringList names = containerNames(pod);
    const QJsonArray specContainers = spec.value(QStringLiteral("containers")).toArray();
    const QString notReady = QStringLiteral("containers with unready status: [%1]").arg(names.join(QLatin1Char(' ')));

    if (step == Step::Scheduled) {
        spec.insert(QStringLiteral("nodeName"), m_nodeName);
        pod.insert(QStringLiteral("spec"), spec);
        status.insert(QStringLiteral("phase"), QStringLiteral("Pending"));
        status.insert(QStringLiteral("hostIP"), m_nodeIp);
        status.insert(QStringLiteral("hostIPs"), QJsonArray { QJsonObject { { QStringLiteral("ip"), m_nodeIp } } });
        status.insert(QStringLiteral("startTime"), timestamp(now));
        status.insert(
            QStringLiteral("conditions"),
            QJsonArray { condition(QStringLiteral("PodReadyToStartContainers"), false, now),
                         condition(QStringLiteral("Initialized"), true, now),
                         condition(QStringLiteral("Ready"), false, now, QStringLiteral("ContainersNotReady"), notReady),
                         condition(QStringLiteral("ContainersReady"), false, now, QStringLiteral("ContainersNotReady"),
                                   notReady),
                         condition(QStringLiteral("PodScheduled"), true, now) });
        QJsonArray statuses;
        for (const QJsonValue& value : specContainers) {
            const QJsonObject c = value.toObject();
            statuses.append(QJsonObject {
                { QStringLiteral("name"), c.value(QStringLiteral("name")) },
                { QStringLiteral("image"), c.value(QStringLiteral("image")) },
                { QStringLiteral("imageID"), QString() },
                { QStringLiteral("lastState"), QJsonObject() },
                { QStringLiteral("ready"), false },
                { QStringLiteral("restartCount"), 0 },
                { QStringLiteral("started"), false },
                { QStringLiteral("state"),
                  QJsonObject {
                      { QStringLiteral("waiting"),
                        QJsonObject { { QStringLiteral("reason"), QStringLiteral("ContainerCreating") } } } } } });
        }
        status.insert(QStringLiteral("containerStatuses"), statuses);
        status.insert(QStringLiteral("qosClass"), qosClass(spec));
        pod.insert(QStringLiteral("status"), status);
        return pod;
    }

    const bool crashes = behaviour == PodBehaviour::CrashLoop || behaviour == PodBehaviour::OOMKilled;
    const bool pullFails = behaviour == PodBehaviour::ImagePullBackOff || behaviour == PodBehaviour::ErrImageNeverPull;
    const bool finished = behaviour == PodBehaviour::Completed || behaviour == PodBehaviour::Error;
    const bool configError = behaviour == PodBehaviour::CreateContainerConfigError;
    // A failing readiness probe: the container runs (started) but is never Ready.
    const bool running = behaviour == PodBehaviour::Normal || behaviour == PodBehaviour::ReadinessFailing;
    const bool ready = behaviour == PodBehaviour::Normal;
    QJsonArray previousStatuses = status.value(QStringLiteral("containerStatuses")).toArray();
    QJsonArray statuses;
    for (qsizetype i = 0; i < specContainers.size(); ++i) {
        const QJsonObject c = specContainers.at(i).toObject();
        const QString name = c.value(QStringLiteral("name")).toString();
        const QString image = c.value(QStringLiteral("image")).toString();
        const QJsonObject previous = previousStatuses.at(i).toObject();
        qint64 restarts = previous.value(QStringLiteral("restartCount")).toInteger();
        QJsonObject containerStatus { { QStringLiteral("name"), name },
                                      { QStringLiteral("image"), image },
                                      { QStringLiteral("imageID"), pullFails ? QString() : imageId(image) },
                                      { QStringLiteral("lastState"), QJsonObject() },
                                      { QStringLiteral("ready"), ready },
                                      { QStringLiteral("started"), running } };
        QJsonObject state;
        const QString configMessage = configErrors.value(name);
        if (configError && !configMessage.isEmpty()) {
            // kuberuntime's startContainer fails before the container exists: no containerID, no imageID.
            containerStatus.insert(QStringLiteral("imageID"), QString());
            state.insert(QStringLiteral("waiting"),
                         QJsonObject { { QStringLiteral("reason"), QStringLiteral("CreateContainerConfigError") },
                                       { QStringLiteral("message"), configMessage } });
        } else if (running) {
            containerStatus.insert(QStringLiteral("containerID"), containerId(podUid, name, restarts));
            state.insert(QStringLiteral("running"), QJsonObject { { QStringLiteral("startedAt"), timestamp(now) } });
            containerStatus.insert(QStringLiteral("lastState"), previous.value(QStringLiteral("lastState")).toObject());
        } else if (crashes) {
            restarts = step == Step::Restarted ? restarts + 1 : std::max<qint64>(restarts, 1);
            const bool oom = behaviour == PodBehaviour::OOMKilled;
            containerStatus.insert(QStringLiteral("containerID"), containerId(podUid, name, restarts));
            containerStatus.insert(
                QStringLiteral("lastState"),
                QJsonObject { { QStringLiteral("terminated"),
                                QJsonObject { { QStringLiteral("containerID"), containerId(podUid, name, restarts) },
                                              { QStringLiteral("exitCode"), oom ? 137 : 1 },
                                              { QStringLiteral("reason"),
                                                oom ? QStringLiteral("OOMKilled") : QStringLiteral("Error") },
                                              { QStringLiteral("startedAt"), timestamp(now.addSecs(-1)) },
                                              { QStringLiteral("finishedAt"), timestamp(now) } } } });
            state.insert(QStringLiteral("waiting"),
                         QJsonObject { { QStringLiteral("reason"), QStringLiteral("CrashLoopBackOff") },
                                       { QStringLiteral("message"),
                                         QStringLiteral("back-off %1 restarting failed container=%2 pod=%3_%4(%5)")
                                             .arg(backOff(restarts), name, podName, podNs, podUid) } });
        } else if (pullFails) {
            const bool never = behaviour == PodBehaviour::ErrImageNeverPull;
            state.insert(
                QStringLiteral("waiting"),
                QJsonObject {
                    { QStringLiteral("reason"),
                      never ? QStringLiteral("ErrImageNeverPull") : QStringLiteral("ImagePullBackOff") },
                    { QStringLiteral("message"),
                      never
                          ? QStringLiteral("Container image \"%1\" is not present with pull policy of Never").arg(image)
                          : QStringLiteral("Back-off pulling image \"%1\"").arg(image) } });
        } else if (finished) {
            const bool ok = behaviour == PodBehaviour::Completed;
            containerStatus.insert(QStringLiteral("containerID"), containerId(podUid, name, restarts));
            state.insert(
                QStringLiteral("terminated"),
                QJsonObject { { QStringLiteral("containerID"), containerId(podUid, name, restarts) },
                              { QStringLiteral("exitCode"), ok ? 0 : 1 },
                              { QStringLiteral("reason"), ok ? QStringLiteral("Completed") : QStringLiteral("Error") },
                              { QStringLiteral("startedAt"), timestamp(now.addSecs(-2)) },
                              { QStringLiteral("finishedAt"), timestamp(now) } });
        }
        containerStatus.insert(QStringLiteral("restartCount"), restarts);
        containerStatus.insert(QStringLiteral("state"), state);
        statuses.append(containerStatus);
    }
    const QString phase = running || crashes   ? QStringLiteral("Running")
        : pullFails || configError             ? QStringLiteral("Pending")
        : behaviour == PodBehaviour::Completed ? QStringLiteral("Succeeded")
                                               : QStringLiteral("Failed");
    const QString notReadyReason = behaviour == PodBehaviour::Completed ? QStringLiteral("PodCompleted")
        : behaviour == PodBehaviour::Error                              ? QStringLiteral("PodFailed")
                                                                        : QStringLiteral("ContainersNotReady");
    const QString notReadyMessage = finished ? QString() : notReady;
    status.insert(QStringLiteral("phase"), phase);
    status.insert(
        QStringLiteral("conditions"),
        QJsonArray { condition(QStringLiteral("PodReadyToStartContainers"), true, now),
                     condition(QStringLiteral("Initialized"), true, now),
                     ready ? condition(QStringLiteral("Ready"), true, now)
                           : condition(QStringLiteral("Ready"), false, now, notReadyReason, notReadyMessage),
                     ready ? condition(QStringLiteral("ContainersReady"), true, now)
                           : condition(QStringLiteral("ContainersReady"), false, now, notReadyReason, notReadyMessage),
                     condition(QStringLiteral("PodScheduled"), true, now) });
    if (!pullFails) {
        const QString ip = podIp(podName);
        status.insert(QStringLiteral("podIP"), ip);
        status.insert(QStringLiteral("podIPs"), QJsonArray { QJsonObject { { QStringLiteral("ip"), ip } } });
    }
    status.insert(QStringLiteral("containerStatuses"), statuses);
    pod.insert(QStringLiteral("status"), status);
    return pod;
}

} // namespace quayside::test
