#include "diagnosis/rules/ProbeRules.h"

#include "diagnosis/ActionFactory.h"
#include "diagnosis/DiagnosisSnapshot.h"
#include "diagnosis/EvidenceText.h"

#include <QRegularExpression>

namespace quayside::diagnosis {

namespace {

constexpr qint64 kRecentSeconds = 600;

struct ProbeKind
{
    const char* name; // readiness
    const char* eventPrefix; // "Readiness probe"
    const kube::PodSummary::Probe kube::PodSummary::Container::*probe;
};

const ProbeKind kKinds[] = {
    { "startup", "Startup probe", &kube::PodSummary::Container::startupProbe },
    { "liveness", "Liveness probe", &kube::PodSummary::Container::livenessProbe },
    { "readiness", "Readiness probe", &kube::PodSummary::Container::readinessProbe },
};

// "GET :8000/healthz", "TCP :5432", "exec [pg_isready]": where the probe knocks (a named port
// resolved against the container's ports).
QString target(const kube::PodSummary::Probe& probe, int port)
{
    const QString p = port > 0 ? QString::number(port) : probe.port;
    if (probe.handler == QLatin1String("httpGet"))
        return QStringLiteral("GET :%1%2").arg(p, probe.path);
    if (probe.handler == QLatin1String("tcpSocket"))
        return QStringLiteral("TCP :%1").arg(p);
    if (probe.handler == QLatin1String("grpc"))
        return QStringLiteral("gRPC :%1").arg(p);
    return QStringLiteral("exec [%1]").arg(probe.command.join(QLatin1Char(' ')));
}

QString advice(const QString& reason, const kube::PodSummary::Probe& probe, int port)
{
    if (reason == QLatin1String("connection refused"))
        return QStringLiteral("Nothing accepts connections on port %1: the app listens on another port, or only on "
                              "127.0.0.1 (in a container it must listen on 0.0.0.0), or it has not finished starting "
                              "(raise initialDelaySeconds, or add a startupProbe).")
            .arg(port > 0 ? QString::number(port) : probe.port);
    if (reason.startsWith(QLatin1String("HTTP ")))
        return QStringLiteral(
                   "The app answers %1 on %2: the path is wrong, or the app reports itself unhealthy (a health "
                   "check that depends on the database fails with it).")
            .arg(reason, probe.path.isEmpty() ? QStringLiteral("/") : probe.path);
    if (reason == QLatin1String("timed out"))
        return QStringLiteral("The app does not answer within timeoutSeconds (%1s): it is busy or blocked, or the "
                              "timeout is too short for it.")
            .arg(probe.timeoutSeconds);
    return QStringLiteral("The kubelet's message says what went wrong.");
}

} // namespace

bool ProbeRules::isProbeKill(const QString& eventReason, const QString& eventMessage)
{
    // kubelet: "Container %s failed %s probe, will be restarted" (pkg/kubelet/kuberuntime).
    return eventReason == QLatin1String("Killing") && eventMessage.contains(QLatin1String(" probe, will be restarted"));
}

QString ProbeRules::failureReason(const QString& message)
{
    static const QRegularExpression status(QStringLiteral("statuscode: (\\d+)"));
    if (message.contains(QLatin1String("connection refused")))
        return QStringLiteral("connection refused");
    if (const QRegularExpressionMatch m = status.match(message); m.hasMatch())
        return QStringLiteral("HTTP ") + m.captured(1);
    if (message.contains(QLatin1String("deadline exceeded")) || message.contains(QLatin1String("Timeout"))
        || message.contains(QLatin1String("timed out")) || message.contains(QLatin1String("timeout")))
        return QStringLiteral("timed out");
    if (message.contains(QLatin1String("no route to host")))
        return QStringLiteral("no route to host");
    const qsizetype colon = message.indexOf(QLatin1String(": "));
    return (colon >= 0 ? message.mid(colon + 2) : message).left(80);
}

void ProbeRules::check(const DiagnosisSnapshot& snapshot, const kube::PodSummary& pod, QList<Finding>* findings)
{
    const QString& ns = snapshot.nameSpace();
    Finding f = snapshot.podFinding(pod, QStringLiteral("probe-failing"), Finding::Severity::Warning);
    QStringList explanation;
    int forwardPort = 0;
    // A ready container that never restarted has no probe problem now: its events are not read.
    const bool suspect
        = std::any_of(pod.containers.cbegin(), pod.containers.cend(), [](const kube::PodSummary::Container& c) {
              const bool probed = c.readinessProbe.isSet() || c.livenessProbe.isSet() || c.startupProbe.isSet();
              return probed && (!c.ready || c.restarts > 0);
          });
    if (!suspect)
        return;
    const QList<kube::EventSummary> events = snapshot.events(QStringLiteral("Pod"), pod.name);
    for (const kube::PodSummary::Container& c : pod.containers) {
        for (const ProbeKind& kind : kKinds) {
            const kube::PodSummary::Probe& probe = c.*kind.probe;
            if (!probe.isSet())
                continue;
            const QLatin1String prefix(kind.eventPrefix);
            QList<kube::EventSummary> unhealthy;
            int kills = 0;
            for (const kube::EventSummary& e : events) {
                if (!e.containerName().isEmpty() && e.containerName() != c.name)
                    continue;
                if (e.reason == QLatin1String("Unhealthy") && e.message.startsWith(prefix))
                    unhealthy.append(e);
                else if (isProbeKill(e.reason, e.message)
                         && e.message.contains(QStringLiteral("failed %1 probe").arg(QLatin1String(kind.name))))
                    kills += e.count;
            }
            if (unhealthy.isEmpty())
                continue;
            const bool recent
                = unhealthy.first().time.isValid() && unhealthy.first().time.secsTo(snapshot.now()) < kRecentSeconds;
            const bool readiness = qstrcmp(kind.name, "readiness") == 0;
            const bool liveness = qstrcmp(kind.name, "liveness") == 0;
            // Probes often fail while an app starts; they matter while they keep the container out of
            // service or restart it.
            const bool failing = readiness ? !c.ready && c.state == QLatin1String("running")
                : liveness                 ? (kills > 0 || c.restarts > 0) && (recent || !c.ready)
                                           : !c.started && (recent || kills > 0);
            if (!failing)
                continue;
            if (!readiness)
                f.severity = Finding::Severity::Error;
            kills = std::min(kills, c.restarts > 0 ? c.restarts : kills);
            const QString reason = failureReason(unhealthy.first().message);
            const int port = c.resolvePort(probe.port);
            if (forwardPort == 0 && probe.handler != QLatin1String("exec"))
                forwardPort = port;
            const QString fieldName
                = QStringLiteral("spec.containers[%1].%2Probe").arg(c.name, QLatin1String(kind.name));
            f.evidence.append({ Evidence::Kind::SpecField, fieldName + QStringLiteral(" = ") + probe.describe() });
            if (probe.handler != QLatin1String("exec") && port == 0)
                f.evidence.append(
                    { Evidence::Kind::SpecField,
                      QStringLiteral("the probe's port %1 is not a port the container declares").arg(probe.port) });
            for (qsizetype i = 0; i < std::min<qsizetype>(3, unhealthy.size()); ++i)
                f.evidence.append({ Evidence::Kind::Event, EvidenceText::event(unhealthy.at(i), snapshot.now()) });
            if (!readiness && kills > 0)
                f.evidence.append(
                    { Evidence::Kind::Number,
                      QStringLiteral("restarts caused by the %1 probe: %2").arg(QLatin1String(kind.name)).arg(kills) });
            if (readiness)
                f.evidence.append(
                    { Evidence::Kind::Status, QStringLiteral("containerStatuses[%1].ready = false").arg(c.name) });
            if (f.summary.isEmpty()) {
                f.summary = readiness ? QStringLiteral("%1 is not ready: its readiness probe %2 fails (%3)")
                                            .arg(pod.name, target(probe, port), reason)
                    : liveness
                    ? QStringLiteral("%1: its liveness probe %2 fails (%3)%4")
                          .arg(pod.name, target(probe, port), reason,
                               kills > 0 ? QStringLiteral(", restarted %1 time%2").arg(kills).arg(kills == 1 ? "" : "s")
                                         : QString())
                    : QStringLiteral("%1 does not finish starting: its startup probe %2 fails (%3)")
                          .arg(pod.name, target(probe, port), reason);
            }
            explanation.append(
                readiness ? QStringLiteral("Kubernetes sends a pod no traffic (its Service leaves it out) until the "
                                           "readiness probe of %1 passes; it asks %2 every %3s.")
                                .arg(c.name, target(probe, port))
                                .arg(probe.periodSeconds)
                    : liveness
                    ? QStringLiteral("When the liveness probe of %1 (%2) fails %3 times in a row, the kubelet "
                                     "kills the container and starts it again.")
                          .arg(c.name, target(probe, port))
                          .arg(probe.failureThreshold)
                    : QStringLiteral("Until the startup probe of %1 (%2) passes the other probes wait; after %3 "
                                     "failures (%4s) the container is killed and started again.")
                          .arg(c.name, target(probe, port))
                          .arg(probe.failureThreshold)
                          .arg(probe.failureThreshold * probe.periodSeconds));
            explanation.append(advice(reason, probe, port));
        }
    }
    if (f.evidence.isEmpty())
        return;
    explanation.removeDuplicates();
    f.explanation = explanation.join(QLatin1Char(' '));
    if (forwardPort > 0)
        f.actions.append(ActionFactory::copyCommand(
            QStringLiteral("Reach the probe's port from your machine"),
            ActionFactory::kubectl(ns, QStringLiteral("port-forward pod/%1 %2:%2").arg(pod.name).arg(forwardPort))));
    f.actions.append(ActionFactory::copyCommand(
        QStringLiteral("Describe the pod"), ActionFactory::kubectl(ns, QStringLiteral("describe pod ") + pod.name)));
    findings->append(f);
}

} // namespace quayside::diagnosis
