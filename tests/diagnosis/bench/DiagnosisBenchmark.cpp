// Benchmark: diagnosing a namespace of 1,000 pods and 5,000 events, and re-evaluating one pod.
//
//   quayside-bench-diagnosis [PODS] [EVENTS] [ROUNDS]        (defaults: 1000 pods, 5000 events, 20 rounds)
//
// The namespace is generated in the shape the API server returns (pods with full containerStatuses,
// ReplicaSets owning them, Deployments, Services with Endpoints, events with involvedObject, source and
// first/lastTimestamp or eventTime/series) with a realistic share unhealthy: 4% crash-looping (with a
// previous log naming a missing variable), 2% OOM-killed, 2% image not loaded, 2% failing readiness,
// 2% unschedulable. Figures, each the median of ROUNDS runs:
//   full, snapshot      Diagnoser::diagnose over a SnapshotCache (what `quayside diagnose` evaluates)
//   full, informers     the same over an InformerCache of a fed InformerSet (the window's path: the
//                       stores hand out their parsed objects)
//   1 pod, ...          Diagnoser::diagnoseObjects for one crash-looping pod and one healthy pod, as a
//                       watch batch that changed only that pod asks for
// Not part of ctest: it prints numbers, it does not assert them.

#include "diagnosis/Diagnoser.h"
#include "diagnosis/InformerCache.h"
#include "diagnosis/SnapshotCache.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "kube/KubeClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace quayside;
using namespace quayside::diagnosis;

namespace {

const QString kNs = QStringLiteral("bench");
const QDateTime kNow = QDateTime(QDate(2025, 6, 18), QTime(14, 20, 0), Qt::UTC);

QString ago(int seconds)
{
    return kNow.addSecs(-seconds).toString(Qt::ISODate);
}

QString uidOf(const QString& seed)
{
    const QByteArray h = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Md5).toHex();
    return QString::fromLatin1(h.left(8) + '-' + h.mid(8, 4) + '-' + h.mid(12, 4) + '-' + h.mid(16, 4) + '-'
                               + h.mid(20, 12));
}

enum class Health { Healthy, CrashLoop, OomKilled, ImageMissing, NotReady, Unschedulable };

Health healthOf(int index)
{
    switch (index % 50) {
    case 3:
    case 13:
        return Health::CrashLoop;
    case 7:
        return Health::OomKilled;
    case 17:
        return Health::ImageMissing;
    case 23:
        return Health::NotReady;
    case 31:
        return Health::Unschedulable;
    default:
        return Health::Healthy;
    }
}

QJsonObject condition(const char* type, bool status, int agoSeconds, const char* reason = nullptr)
{
    QJsonObject c { { QStringLiteral("type"), QLatin1String(type) },
                    { QStringLiteral("status"), status ? QStringLiteral("True") : QStringLiteral("False") },
                    { QStringLiteral("lastProbeTime"), QJsonValue::Null },
                    { QStringLiteral("lastTransitionTime"), ago(agoSeconds) } };
    if (reason)
        c.insert(QStringLiteral("reason"), QLatin1String(reason));
    return c;
}

struct Namespace
{
    QList<QJsonObject> pods, deployments, replicaSets, services, endpoints, events, nodes;
    QHash<QString, QStringList> logs; // "pod/container"
    QString crashingPod;
    QString healthyPod;
};

Namespace generate(int podCount, int eventCount)
{
    Namespace ns;
    const int perDeployment = 20;
    const int deployments = std::max(1, podCount / perDeployment);
    for (int d = 0; d < deployments; ++d) {
        const QString name = QStringLiteral("svc%1").arg(d, 3, 10, QLatin1Char('0'));
        const QString hash = QStringLiteral("7d9c8f%1").arg(d, 3, 10, QLatin1Char('0'));
        const QString rs = name + QLatin1Char('-') + hash;
        const QJsonObject labels { { QStringLiteral("app"), name } };
        ns.deployments.append(QJsonObject {
            { QStringLiteral("metadata"),
              QJsonObject { { QStringLiteral("name"), name },
                            { QStringLiteral("namespace"), kNs },
                            { QStringLiteral("uid"), uidOf(QStringLiteral("deploy-") + name) },
                            { QStringLiteral("resourceVersion"), QString::number(1000 + d) },
                            { QStringLiteral("generation"), 1 },
                            { QStringLiteral("creationTimestamp"), ago(3600) } } },
            { QStringLiteral("spec"),
              QJsonObject {
                  { QStringLiteral("replicas"), perDeployment },
                  { QStringLiteral("selector"), QJsonObject { { QStringLiteral("matchLabels"), labels } } },
                  { QStringLiteral("template"),
                    QJsonObject {
                        { QStringLiteral("metadata"), QJsonObject { { QStringLiteral("labels"), labels } } } } },
                  { QStringLiteral("strategy"),
                    QJsonObject { { QStringLiteral("type"), QStringLiteral("RollingUpdate") },
                                  { QStringLiteral("rollingUpdate"),
                                    QJsonObject { { QStringLiteral("maxUnavailable"), QStringLiteral("25%") },
                                                  { QStringLiteral("maxSurge"), QStringLiteral("25%") } } } } },
                  { QStringLiteral("progressDeadlineSeconds"), 600 } } },
            { QStringLiteral("status"),
              QJsonObject {
                  { QStringLiteral("observedGeneration"), 1 },
                  { QStringLiteral("replicas"), perDeployment },
                  { QStringLiteral("updatedReplicas"), perDeployment },
                  { QStringLiteral("readyReplicas"), perDeployment - 3 },
                  { QStringLiteral("availableReplicas"), perDeployment - 3 },
                  { QStringLiteral("unavailableReplicas"), 3 },
                  { QStringLiteral("conditions"),
                    QJsonArray {
                        QJsonObject {
                            { QStringLiteral("type"), QStringLiteral("Available") },
                            { QStringLiteral("status"), QStringLiteral("True") },
                            { QStringLiteral("reason"), QStringLiteral("MinimumReplicasAvailable") },
                            { QStringLiteral("message"), QStringLiteral("Deployment has minimum availability.") } },
                        QJsonObject { { QStringLiteral("type"), QStringLiteral("Progressing") },
                                      { QStringLiteral("status"), QStringLiteral("True") },
                                      { QStringLiteral("reason"), QStringLiteral("NewReplicaSetAvailable") },
                                      { QStringLiteral("message"),
                                        QStringLiteral("ReplicaSet has successfully progressed.") } } } } } } });
        ns.replicaSets.append(QJsonObject {
            { QStringLiteral("metadata"),
              QJsonObject {
                  { QStringLiteral("name"), rs },
                  { QStringLiteral("namespace"), kNs },
                  { QStringLiteral("uid"), uidOf(rs) },
                  { QStringLiteral("resourceVersion"), QString::number(2000 + d) },
                  { QStringLiteral("ownerReferences"),
                    QJsonArray { QJsonObject { { QStringLiteral("apiVersion"), QStringLiteral("apps/v1") },
                                               { QStringLiteral("kind"), QStringLiteral("Deployment") },
                                               { QStringLiteral("name"), name },
                                               { QStringLiteral("uid"), uidOf(QStringLiteral("deploy-") + name) },
                                               { QStringLiteral("controller"), true } } } } } },
            { QStringLiteral("spec"), QJsonObject { { QStringLiteral("replicas"), perDeployment } } } });
        ns.services.append(QJsonObject {
            { QStringLiteral("metadata"),
              QJsonObject { { QStringLiteral("name"), name },
                            { QStringLiteral("namespace"), kNs },
                            { QStringLiteral("uid"), uidOf(QStringLiteral("svc-") + name) },
                            { QStringLiteral("resourceVersion"), QString::number(3000 + d) } } },
            { QStringLiteral("spec"),
              QJsonObject {
                  { QStringLiteral("type"), QStringLiteral("ClusterIP") },
                  { QStringLiteral("clusterIP"), QStringLiteral("10.96.%1.%2").arg(d / 200).arg(d % 200 + 2) },
                  { QStringLiteral("selector"), labels },
                  { QStringLiteral("ports"),
                    QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("http") },
                                               { QStringLiteral("protocol"), QStringLiteral("TCP") },
                                               { QStringLiteral("port"), 80 },
                                               { QStringLiteral("targetPort"), 8000 } } } } } } });
    }

    QHash<QString, QJsonArray> ready;
    QHash<QString, QJsonArray> notReady;
    for (int i = 0; i < podCount; ++i) {
        const int d = i % deployments;
        const QString deployment = QStringLiteral("svc%1").arg(d, 3, 10, QLatin1Char('0'));
        const QString hash = QStringLiteral("7d9c8f%1").arg(d, 3, 10, QLatin1Char('0'));
        const QString rs = deployment + QLatin1Char('-') + hash;
        const QString name = rs + QStringLiteral("-%1").arg(i, 5, 36, QLatin1Char('0'));
        const QString uid = uidOf(name);
        const QString ip = QStringLiteral("10.244.%1.%2").arg(i / 250).arg(i % 250 + 2);
        const Health health = healthOf(i);
        const QString image = health == Health::ImageMissing ? QStringLiteral("%1:latest").arg(deployment)
                                                             : QStringLiteral("%1:3f2a1c9").arg(deployment);
        QJsonObject container {
            { QStringLiteral("name"), QStringLiteral("app") },
            { QStringLiteral("image"), image },
            { QStringLiteral("imagePullPolicy"),
              health == Health::ImageMissing ? QStringLiteral("Never") : QStringLiteral("IfNotPresent") },
            { QStringLiteral("ports"),
              QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("http") },
                                         { QStringLiteral("containerPort"), 8000 },
                                         { QStringLiteral("protocol"), QStringLiteral("TCP") } } } },
            { QStringLiteral("resources"),
              QJsonObject {
                  { QStringLiteral("requests"),
                    QJsonObject { { QStringLiteral("cpu"),
                                    health == Health::Unschedulable ? QStringLiteral("4") : QStringLiteral("10m") },
                                  { QStringLiteral("memory"), QStringLiteral("32Mi") } } },
                  { QStringLiteral("limits"),
                    QJsonObject { { QStringLiteral("memory"), QStringLiteral("256Mi") } } } } },
            { QStringLiteral("readinessProbe"),
              QJsonObject { { QStringLiteral("httpGet"),
                              QJsonObject { { QStringLiteral("path"), QStringLiteral("/healthz") },
                                            { QStringLiteral("port"), 8000 },
                                            { QStringLiteral("scheme"), QStringLiteral("HTTP") } } },
                            { QStringLiteral("timeoutSeconds"), 1 },
                            { QStringLiteral("periodSeconds"), 10 },
                            { QStringLiteral("successThreshold"), 1 },
                            { QStringLiteral("failureThreshold"), 3 } } },
            { QStringLiteral("env"),
              QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("PORT") },
                                         { QStringLiteral("value"), QStringLiteral("8000") } } } },
            { QStringLiteral("terminationMessagePath"), QStringLiteral("/dev/termination-log") },
            { QStringLiteral("terminationMessagePolicy"), QStringLiteral("File") }
        };
        QJsonObject state;
        QJsonObject lastState;
        bool isReady = false;
        int restarts = 0;
        switch (health) {
        case Health::Healthy:
            state = { { QStringLiteral("running"), QJsonObject { { QStringLiteral("startedAt"), ago(3000) } } } };
            isReady = true;
            break;
        case Health::NotReady:
            state = { { QStringLiteral("running"), QJsonObject { { QStringLiteral("startedAt"), ago(600) } } } };
            break;
        case Health::CrashLoop:
        case Health::OomKilled:
            restarts = 7;
            state = { { QStringLiteral("waiting"),
                        QJsonObject { { QStringLiteral("reason"), QStringLiteral("CrashLoopBackOff") },
                                      { QStringLiteral("message"),
                                        QStringLiteral("back-off 5m0s restarting failed container=app pod=%1_%2(%3)")
                                            .arg(name, kNs, uid) } } } };
            lastState = { { QStringLiteral("terminated"),
                            QJsonObject {
                                { QStringLiteral("exitCode"), health == Health::OomKilled ? 137 : 1 },
                                { QStringLiteral("reason"),
                                  health == Health::OomKilled ? QStringLiteral("OOMKilled") : QStringLiteral("Error") },
                                { QStringLiteral("startedAt"), ago(130) },
                                { QStringLiteral("finishedAt"), ago(125) },
                                { QStringLiteral("containerID"), QString(QStringLiteral("docker://") + uid) } } } };
            break;
        case Health::ImageMissing:
            state
                = { { QStringLiteral("waiting"),
                      QJsonObject { { QStringLiteral("reason"), QStringLiteral("ErrImageNeverPull") },
                                    { QStringLiteral("message"),
                                      QStringLiteral("Container image \"%1\" is not present with pull policy of Never")
                                          .arg(image) } } } };
            break;
        case Health::Unschedulable:
            break;
        }
        QJsonObject status { { QStringLiteral("phase"),
                               health == Health::Unschedulable || health == Health::ImageMissing
                                   ? QStringLiteral("Pending")
                                   : QStringLiteral("Running") },
                             { QStringLiteral("qosClass"), QStringLiteral("Burstable") } };
        QJsonObject spec { { QStringLiteral("containers"), QJsonArray { container } },
                           { QStringLiteral("restartPolicy"), QStringLiteral("Always") },
                           { QStringLiteral("terminationGracePeriodSeconds"), 30 },
                           { QStringLiteral("dnsPolicy"), QStringLiteral("ClusterFirst") },
                           { QStringLiteral("serviceAccountName"), QStringLiteral("default") },
                           { QStringLiteral("schedulerName"), QStringLiteral("default-scheduler") } };
        if (health == Health::Unschedulable) {
            status.insert(QStringLiteral("conditions"),
                          QJsonArray { QJsonObject { { QStringLiteral("type"), QStringLiteral("PodScheduled") },
                                                     { QStringLiteral("status"), QStringLiteral("False") },
                                                     { QStringLiteral("reason"), QStringLiteral("Unschedulable") },
                                                     { QStringLiteral("message"),
                                                       QStringLiteral("0/1 nodes are available: 1 Insufficient cpu.") },
                                                     { QStringLiteral("lastTransitionTime"), ago(300) } } });
        } else {
            spec.insert(QStringLiteral("nodeName"), QStringLiteral("minikube"));
            status.insert(
                QStringLiteral("conditions"),
                QJsonArray { condition("PodReadyToStartContainers", true, 3000), condition("Initialized", true, 3000),
                             condition("Ready", isReady, 3000, isReady ? nullptr : "ContainersNotReady"),
                             condition("ContainersReady", isReady, 3000, isReady ? nullptr : "ContainersNotReady"),
                             condition("PodScheduled", true, 3000) });
            status.insert(QStringLiteral("hostIP"), QStringLiteral("192.168.49.2"));
            status.insert(QStringLiteral("podIP"), ip);
            status.insert(QStringLiteral("startTime"), ago(3000));
            status.insert(QStringLiteral("containerStatuses"),
                          QJsonArray { QJsonObject {
                              { QStringLiteral("name"), QStringLiteral("app") },
                              { QStringLiteral("image"), image },
                              { QStringLiteral("imageID"), QString(QStringLiteral("docker-pullable://") + image) },
                              { QStringLiteral("containerID"), QString(QStringLiteral("docker://") + uid) },
                              { QStringLiteral("ready"), isReady },
                              { QStringLiteral("started"), isReady },
                              { QStringLiteral("restartCount"), restarts },
                              { QStringLiteral("state"), state },
                              { QStringLiteral("lastState"), lastState } } });
        }
        ns.pods.append(QJsonObject {
            { QStringLiteral("metadata"),
              QJsonObject { { QStringLiteral("name"), name },
                            { QStringLiteral("generateName"), QString(rs + QLatin1Char('-')) },
                            { QStringLiteral("namespace"), kNs },
                            { QStringLiteral("uid"), uid },
                            { QStringLiteral("resourceVersion"), QString::number(10000 + i) },
                            { QStringLiteral("creationTimestamp"), ago(3000) },
                            { QStringLiteral("labels"),
                              QJsonObject { { QStringLiteral("app"), deployment },
                                            { QStringLiteral("pod-template-hash"), hash } } },
                            { QStringLiteral("ownerReferences"),
                              QJsonArray { QJsonObject { { QStringLiteral("apiVersion"), QStringLiteral("apps/v1") },
                                                         { QStringLiteral("kind"), QStringLiteral("ReplicaSet") },
                                                         { QStringLiteral("name"), rs },
                                                         { QStringLiteral("uid"), uidOf(rs) },
                                                         { QStringLiteral("controller"), true },
                                                         { QStringLiteral("blockOwnerDeletion"), true } } } } } },
            { QStringLiteral("spec"), spec },
            { QStringLiteral("status"), status } });
        if (health == Health::CrashLoop) {
            ns.logs.insert(name + QStringLiteral("/app"),
                           { QStringLiteral("Traceback (most recent call last):"),
                             QStringLiteral("  File \"/app/main.py\", line 9, in <module>"),
                             QStringLiteral("    DATABASE_URL = os.environ[\"DATABASE_URL\"]"),
                             QStringLiteral("KeyError: 'DATABASE_URL'") });
            if (ns.crashingPod.isEmpty())
                ns.crashingPod = name;
        }
        if (health == Health::Healthy && ns.healthyPod.isEmpty())
            ns.healthyPod = name;
        const QJsonObject address { { QStringLiteral("ip"), ip },
                                    { QStringLiteral("nodeName"), QStringLiteral("minikube") },
                                    { QStringLiteral("targetRef"),
                                      QJsonObject { { QStringLiteral("kind"), QStringLiteral("Pod") },
                                                    { QStringLiteral("name"), name },
                                                    { QStringLiteral("namespace"), kNs },
                                                    { QStringLiteral("uid"), uid } } } };
        if (health != Health::Unschedulable && health != Health::ImageMissing)
            (isReady ? ready : notReady)[deployment].append(address);
    }
    for (const QJsonObject& service : std::as_const(ns.services)) {
        const QString name
            = service.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        QJsonObject subset { { QStringLiteral("ports"),
                               QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("http") },
                                                          { QStringLiteral("port"), 8000 },
                                                          { QStringLiteral("protocol"), QStringLiteral("TCP") } } } } };
        if (!ready.value(name).isEmpty())
            subset.insert(QStringLiteral("addresses"), ready.value(name));
        if (!notReady.value(name).isEmpty())
            subset.insert(QStringLiteral("notReadyAddresses"), notReady.value(name));
        ns.endpoints.append(QJsonObject {
            { QStringLiteral("metadata"),
              QJsonObject { { QStringLiteral("name"), name },
                            { QStringLiteral("namespace"), kNs },
                            { QStringLiteral("uid"), uidOf(QStringLiteral("ep-") + name) },
                            { QStringLiteral("resourceVersion"), QString::number(4000 + ns.endpoints.size()) } } },
            { QStringLiteral("subsets"), QJsonArray { subset } } });
    }

    // Events: the kubelet's lifecycle events for every pod, and the warnings of the unhealthy ones.
    for (int e = 0; e < eventCount; ++e) {
        const int i = e % podCount;
        const QJsonObject& pod = ns.pods.at(i);
        const QString podName = pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        const Health health = healthOf(i);
        const int round = e / podCount;
        QString type = QStringLiteral("Normal");
        QString reason;
        QString message;
        int count = 1;
        switch (health) {
        case Health::CrashLoop:
        case Health::OomKilled:
            reason = round == 0 ? QStringLiteral("BackOff") : QStringLiteral("Pulled");
            type = round == 0 ? QStringLiteral("Warning") : type;
            message = round == 0 ? QStringLiteral("Back-off restarting failed container app in pod %1").arg(podName)
                                 : QStringLiteral("Container image already present on machine");
            count = 30;
            break;
        case Health::ImageMissing:
            reason = QStringLiteral("ErrImageNeverPull");
            type = QStringLiteral("Warning");
            message = QStringLiteral("Container image is not present with pull policy of Never");
            count = 12;
            break;
        case Health::NotReady:
            reason = QStringLiteral("Unhealthy");
            type = QStringLiteral("Warning");
            message = QStringLiteral("Readiness probe failed: Get \"http://10.244.0.2:8000/healthz\": dial tcp "
                                     "10.244.0.2:8000: connect: connection refused");
            count = 60;
            break;
        case Health::Unschedulable:
            reason = QStringLiteral("FailedScheduling");
            type = QStringLiteral("Warning");
            message = QStringLiteral("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are "
                                     "available: 1 No preemption victims found for incoming pod.");
            break;
        case Health::Healthy: {
            static const char* const lifecycle[] = { "Scheduled", "Pulled", "Created", "Started", "Killing" };
            reason = QLatin1String(lifecycle[round % 5]);
            message = QStringLiteral("%1 container app").arg(reason);
            break;
        }
        }
        const QString eventName = podName + QStringLiteral(".%1").arg(e, 16, 16, QLatin1Char('0'));
        QJsonObject event { { QStringLiteral("metadata"),
                              QJsonObject { { QStringLiteral("name"), eventName },
                                            { QStringLiteral("namespace"), kNs },
                                            { QStringLiteral("uid"), uidOf(eventName) },
                                            { QStringLiteral("resourceVersion"), QString::number(50000 + e) },
                                            { QStringLiteral("creationTimestamp"), ago(600 - e % 600) } } },
                            { QStringLiteral("involvedObject"),
                              QJsonObject {
                                  { QStringLiteral("kind"), QStringLiteral("Pod") },
                                  { QStringLiteral("namespace"), kNs },
                                  { QStringLiteral("name"), podName },
                                  { QStringLiteral("uid"),
                                    pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")) },
                                  { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                                  { QStringLiteral("fieldPath"), QStringLiteral("spec.containers{app}") } } },
                            { QStringLiteral("reason"), reason },
                            { QStringLiteral("message"), message },
                            { QStringLiteral("type"), type },
                            { QStringLiteral("reportingComponent"), QStringLiteral("kubelet") },
                            { QStringLiteral("reportingInstance"), QStringLiteral("minikube") } };
        if (health == Health::Unschedulable) {
            // The scheduler writes events.k8s.io events: eventTime and series only.
            event.insert(QStringLiteral("eventTime"), ago(300));
            event.insert(
                QStringLiteral("series"),
                QJsonObject { { QStringLiteral("count"), 5 }, { QStringLiteral("lastObservedTime"), ago(20) } });
            event.insert(QStringLiteral("firstTimestamp"), QJsonValue::Null);
            event.insert(QStringLiteral("lastTimestamp"), QJsonValue::Null);
        } else {
            event.insert(QStringLiteral("source"),
                         QJsonObject { { QStringLiteral("component"), QStringLiteral("kubelet") },
                                       { QStringLiteral("host"), QStringLiteral("minikube") } });
            event.insert(QStringLiteral("firstTimestamp"), ago(3000));
            event.insert(QStringLiteral("lastTimestamp"), ago(600 - e % 600));
            event.insert(QStringLiteral("count"), count);
            event.insert(QStringLiteral("eventTime"), QJsonValue::Null);
        }
        ns.events.append(event);
    }
    ns.nodes.append(QJsonObject {
        { QStringLiteral("metadata"),
          QJsonObject { { QStringLiteral("name"), QStringLiteral("minikube") },
                        { QStringLiteral("uid"), uidOf(QStringLiteral("node")) },
                        { QStringLiteral("resourceVersion"), QStringLiteral("99") } } },
        { QStringLiteral("status"),
          QJsonObject { { QStringLiteral("capacity"),
                          QJsonObject { { QStringLiteral("cpu"), QStringLiteral("2") },
                                        { QStringLiteral("memory"), QStringLiteral("3912288Ki") } } },
                        { QStringLiteral("allocatable"),
                          QJsonObject { { QStringLiteral("cpu"), QStringLiteral("2") },
                                        { QStringLiteral("memory"), QStringLiteral("3912288Ki") } } },
                        { QStringLiteral("conditions"),
                          QJsonArray { QJsonObject { { QStringLiteral("type"), QStringLiteral("Ready") },
                                                     { QStringLiteral("status"), QStringLiteral("True") } } } } } } });
    return ns;
}

double medianMs(int rounds, const std::function<void()>& run)
{
    std::vector<double> times;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer timer;
        timer.start();
        run();
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void report(const char* what, double ms, qsizetype findings)
{
    std::printf("%-28s %8.2f ms  (%lld findings)\n", what, ms, static_cast<long long>(findings));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int podCount = args.size() > 1 ? args.at(1).toInt() : 1000;
    const int eventCount = args.size() > 2 ? args.at(2).toInt() : 5000;
    const int rounds = args.size() > 3 ? args.at(3).toInt() : 20;

    const Namespace ns = generate(podCount, eventCount);
    std::printf("namespace: %lld pods, %lld events, %lld deployments, %lld services (%s build)\n",
                static_cast<long long>(ns.pods.size()), static_cast<long long>(ns.events.size()),
                static_cast<long long>(ns.deployments.size()), static_cast<long long>(ns.services.size()),
#ifdef NDEBUG
                "release"
#else
                "debug"
#endif
    );

    DiagnosisContext context;
    context.minikubeProfile = QStringLiteral("quayside");
    context.secretKeys = { QStringLiteral("DATABASE_URL") };

    SnapshotCache snapshot(kNs);
    snapshot.setPods(ns.pods);
    snapshot.setDeployments(ns.deployments);
    snapshot.setReplicaSets(ns.replicaSets);
    snapshot.setServices(ns.services);
    snapshot.setEndpoints(ns.endpoints);
    snapshot.setEvents(ns.events);
    snapshot.setNodes(ns.nodes);
    for (auto it = ns.logs.cbegin(); it != ns.logs.cend(); ++it)
        snapshot.setPreviousLog(it.key().section(QLatin1Char('/'), 0, 0), it.key().section(QLatin1Char('/'), 1),
                                it.value());

    qsizetype count = 0;
    double ms = medianMs(rounds, [&] { count = Diagnoser::diagnose(snapshot, context, kNow).size(); });
    report("full, snapshot", ms, count);

    // The window's path: an InformerSet fed without a network (Informer::applyList), read through
    // InformerCache.
    kube::KubeClient client((kube::RestConfig()));
    kube::InformerSet::Options options;
    options.nameSpace = kNs;
    options.keepEvents = eventCount;
    kube::InformerSet informers(&client, options);
    informers.pods()->applyList(ns.pods);
    informers.deployments()->applyList(ns.deployments);
    informers.replicaSets()->applyList(ns.replicaSets);
    informers.services()->applyList(ns.services);
    informers.endpoints()->applyList(ns.endpoints);
    informers.events()->applyList(ns.events);
    informers.nodes()->applyList(ns.nodes);
    InformerCache live(&informers, nullptr);
    for (auto it = ns.logs.cbegin(); it != ns.logs.cend(); ++it)
        live.setPreviousLog(it.key().section(QLatin1Char('/'), 0, 0), it.key().section(QLatin1Char('/'), 1),
                            it.value());
    ms = medianMs(rounds, [&] { count = Diagnoser::diagnose(live, context, kNow).size(); });
    report("full, informers", ms, count);

    const QStringList crashing { QStringLiteral("Pod/") + ns.crashingPod };
    const QStringList healthy { QStringLiteral("Pod/") + ns.healthyPod };
    ms = medianMs(rounds * 5, [&] { count = Diagnoser::diagnoseObjects(snapshot, context, kNow, crashing).size(); });
    report("1 pod (crash-loop), snapshot", ms, count);
    ms = medianMs(rounds * 5, [&] { count = Diagnoser::diagnoseObjects(live, context, kNow, crashing).size(); });
    report("1 pod (crash-loop), informers", ms, count);
    ms = medianMs(rounds * 5, [&] { count = Diagnoser::diagnoseObjects(live, context, kNow, healthy).size(); });
    report("1 pod (healthy), informers", ms, count);
    return 0;
}
