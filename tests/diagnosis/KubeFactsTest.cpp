#include "kube/DeploymentSummary.h"
#include "kube/EventSummary.h"
#include "kube/ImageReference.h"
#include "kube/Informer.h"
#include "kube/OwnerReference.h"
#include "kube/PodSummary.h"

#include <QJsonDocument>
#include <QTest>

using namespace quayside::kube;

namespace {

QJsonObject json(const char* text)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s in %s", qPrintable(error.errorString()), text);
    return doc.object();
}

QDateTime utc(const char* text)
{
    return QDateTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs).toUTC();
}

} // namespace

// The Kubernetes facts the diagnosis rests on, each worked out once in app/kube: an event's time and
// count, a container's last termination and probes, an image's pull policy, a Deployment's
// maxUnavailable, ownership.
class KubeFactsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // printEvent() in kubernetes/pkg/printers/internalversion/printers.go.
    void eventTime_data()
    {
        QTest::addColumn<QJsonObject>("event");
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<QDateTime>("first");
        QTest::addColumn<int>("count");
        QTest::newRow("core/v1: lastTimestamp and count")
            << json(R"({"firstTimestamp":"2025-06-18T14:00:00Z","lastTimestamp":"2025-06-18T14:19:30Z","count":22,
                        "eventTime":null})")
            << utc("2025-06-18T14:19:30Z") << utc("2025-06-18T14:00:00Z") << 22;
        QTest::newRow("events.k8s.io singleton: eventTime, no count")
            << json(R"({"firstTimestamp":null,"lastTimestamp":null,"eventTime":"2025-06-18T14:16:00.482913Z"})")
            << utc("2025-06-18T14:16:00.483Z") << utc("2025-06-18T14:16:00.483Z") << 1; // QDateTime keeps ms
        QTest::newRow("events.k8s.io series: lastObservedTime and series.count")
            << json(R"({"eventTime":"2025-06-18T14:16:00.482913Z","series":{"count":3,
                        "lastObservedTime":"2025-06-18T14:20:00.482913Z"}})")
            << utc("2025-06-18T14:20:00.483Z") << utc("2025-06-18T14:16:00.483Z") << 3;
        QTest::newRow("no time at all: its creation")
            << json(R"({"metadata":{"creationTimestamp":"2025-06-18T13:00:00Z"},"count":0})")
            << utc("2025-06-18T13:00:00Z") << utc("2025-06-18T13:00:00Z") << 1;
    }
    void eventTime()
    {
        QFETCH(QJsonObject, event);
        QFETCH(QDateTime, time);
        QFETCH(QDateTime, first);
        QFETCH(int, count);
        const EventSummary e = EventSummary::fromJson(event);
        QCOMPARE(e.time, time);
        QCOMPARE(e.firstTime, first);
        QCOMPARE(e.count, count);
        // The informer's bounded store orders by the same time.
        QCOMPARE(Informer::eventSortKey(event), time.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss")));
    }

    void eventFields()
    {
        const EventSummary e = EventSummary::fromJson(json(R"({"metadata":{"name":"p.1","namespace":"ns","uid":"u"},
            "involvedObject":{"kind":"Pod","namespace":"ns","name":"p","uid":"pu","fieldPath":"spec.containers{backend}"},
            "reason":"BackOff","message":"Back-off restarting failed container\n","type":"Warning",
            "source":{"component":"kubelet","host":"minikube"},"count":4})"));
        QCOMPARE(e.involvedKind, QStringLiteral("Pod"));
        QCOMPARE(e.involvedName, QStringLiteral("p"));
        QCOMPARE(e.containerName(), QStringLiteral("backend"));
        QCOMPARE(e.message, QStringLiteral("Back-off restarting failed container"));
        QCOMPARE(e.sourceComponent, QStringLiteral("kubelet"));
        QVERIFY(e.isWarning());
    }

    void lastTermination()
    {
        const PodSummary pod = PodSummary::fromJson(json(R"({"metadata":{"name":"p"},
            "spec":{"containers":[{"name":"backend","image":"todo-backend:latest",
              "resources":{"limits":{"memory":"512Mi"}},
              "livenessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},"periodSeconds":5},
              "readinessProbe":{"tcpSocket":{"port":5432}},
              "startupProbe":{"exec":{"command":["pg_isready","-q"]},"failureThreshold":30},
              "ports":[{"name":"http","containerPort":8000}],
              "env":[{"name":"PORT","value":"8000"},
                     {"name":"DATABASE_URL","valueFrom":{"secretKeyRef":{"name":"todo-secrets","key":"DATABASE_URL"}}}],
              "envFrom":[{"secretRef":{"name":"extra"}}]}]},
            "status":{"phase":"Running","conditions":[{"type":"Ready","status":"False","reason":"ContainersNotReady"}],
              "containerStatuses":[{"name":"backend","ready":false,"started":false,"restartCount":3,
                "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s restarting failed container"}},
                "lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled","startedAt":"2025-06-18T14:18:00Z",
                                           "finishedAt":"2025-06-18T14:19:00Z"}}}]}})"));
        const PodSummary::Container& c = pod.containers.first();
        QCOMPARE(c.imagePullPolicy, QStringLiteral("Always")); // the API's default for :latest
        QCOMPARE(c.state, QStringLiteral("waiting"));
        QCOMPARE(c.message, QStringLiteral("back-off 40s restarting failed container"));
        QVERIFY(c.lastTermination.present);
        QCOMPARE(c.lastTermination.exitCode, 137);
        QCOMPARE(c.lastTermination.effectiveSignal(), 9);
        QCOMPARE(c.lastTermination.describe(), QStringLiteral("OOMKilled, exit code 137 (SIGKILL)"));
        QCOMPARE(c.lastTermination.finishedAt, utc("2025-06-18T14:19:00Z"));
        QVERIFY(!c.terminated.present);
        QCOMPARE(c.memoryLimitText, QStringLiteral("512Mi"));
        QCOMPARE(c.livenessProbe.describe(),
                 QStringLiteral("http-get http://:http/healthz delay=0s timeout=1s period=5s #success=1 #failure=3"));
        QCOMPARE(c.resolvePort(c.livenessProbe.port), 8000);
        QCOMPARE(c.readinessProbe.describe(),
                 QStringLiteral("tcp-socket :5432 delay=0s timeout=1s period=10s #success=1 #failure=3"));
        QCOMPARE(c.startupProbe.describe(),
                 QStringLiteral("exec [pg_isready -q] delay=0s timeout=1s period=10s #success=1 #failure=30"));
        QCOMPARE(c.env, (QStringList { QStringLiteral("PORT"), QStringLiteral("DATABASE_URL") }));
        QCOMPARE(c.secretKeyRefs.size(), 1);
        QCOMPARE(c.secretKeyRefs.first().secret, QStringLiteral("todo-secrets"));
        QCOMPARE(c.envFromSecrets, QStringList { QStringLiteral("extra") });
        QVERIFY(!pod.isReady());
        QVERIFY(!PodSummary::isSteadyRunning(json(R"({"status":{"phase":"Running","containerStatuses":[
            {"name":"a","ready":true,"restartCount":1}]},"spec":{"containers":[{"name":"a"}]}})")));
        QVERIFY(PodSummary::isSteadyRunning(json(R"({"status":{"phase":"Running","containerStatuses":[
            {"name":"a","ready":true,"restartCount":0}]},"spec":{"containers":[{"name":"a"}]}})")));
    }

    void images_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("policy");
        QTest::newRow("short name") << "todo-backend"
                                    << ""
                                    << "todo-backend"
                                    << ""
                                    << "Always";
        QTest::newRow("latest") << "todo-backend:latest"
                                << ""
                                << "todo-backend"
                                << "latest"
                                << "Always";
        QTest::newRow("content tag") << "todo-backend:3f2a1c9"
                                     << ""
                                     << "todo-backend"
                                     << "3f2a1c9"
                                     << "IfNotPresent";
        QTest::newRow("registry with a port") << "localhost:5000/todo/backend:1.2"
                                              << "localhost:5000"
                                              << "todo/backend"
                                              << "1.2"
                                              << "IfNotPresent";
        QTest::newRow("a digest") << "ghcr.io/org/app@sha256:abc"
                                  << "ghcr.io"
                                  << "org/app"
                                  << ""
                                  << "IfNotPresent";
        QTest::newRow("Docker Hub namespace") << "library/nginx:1.27"
                                              << ""
                                              << "library/nginx"
                                              << "1.27"
                                              << "IfNotPresent";
    }
    void images()
    {
        QFETCH(QString, image);
        QFETCH(QString, registry);
        QFETCH(QString, repository);
        QFETCH(QString, tag);
        QFETCH(QString, policy);
        const ImageReference ref = ImageReference::parse(image);
        QCOMPARE(ref.registry, registry);
        QCOMPARE(ref.repository, repository);
        QCOMPARE(ref.tag, tag);
        QCOMPARE(ImageReference::defaultPullPolicy(image), policy);
    }

    // deploymentutil.MaxUnavailable / ResolveFenceposts.
    void maxUnavailable_data()
    {
        QTest::addColumn<int>("replicas");
        QTest::addColumn<QString>("maxUnavailable");
        QTest::addColumn<QString>("maxSurge");
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<int>("allowed");
        QTest::newRow("25% of 1 rounds down to 0") << 1 << "25%"
                                                   << "25%"
                                                   << "RollingUpdate" << 0;
        QTest::newRow("25% of 8") << 8 << "25%"
                                  << "25%"
                                  << "RollingUpdate" << 2;
        QTest::newRow("both zero means one") << 3 << "0"
                                             << "0"
                                             << "RollingUpdate" << 1;
        QTest::newRow("an absolute number, capped") << 2 << "5"
                                                    << "1"
                                                    << "RollingUpdate" << 2;
        QTest::newRow("Recreate") << 4 << "25%"
                                  << "25%"
                                  << "Recreate" << 0;
    }
    void maxUnavailable()
    {
        QFETCH(int, replicas);
        QFETCH(QString, maxUnavailable);
        QFETCH(QString, maxSurge);
        QFETCH(QString, strategy);
        QFETCH(int, allowed);
        const QString text = QStringLiteral(R"({"metadata":{"name":"d"},"spec":{"replicas":%1,"strategy":{"type":"%2",
            "rollingUpdate":{"maxUnavailable":"%3","maxSurge":"%4"}}}})")
                                 .arg(replicas)
                                 .arg(strategy, maxUnavailable, maxSurge);
        const DeploymentSummary d = DeploymentSummary::fromJson(QJsonDocument::fromJson(text.toUtf8()).object());
        QCOMPARE(d.maxUnavailableReplicas(), allowed);
    }

    void ownership()
    {
        const QJsonObject rs = json(R"({"metadata":{"name":"backend-7d9c8f6b5","ownerReferences":[
            {"kind":"Deployment","name":"backend","uid":"d","controller":true}]}})");
        QCOMPARE(OwnerReference::deploymentOfReplicaSet(rs), QStringLiteral("backend"));
        QCOMPARE(OwnerReference::controllerOf(rs).uid, QStringLiteral("d"));
        QCOMPARE(OwnerReference::deploymentFromReplicaSetName(QStringLiteral("my-app-7d9c8f6b5"),
                                                              QStringLiteral("7d9c8f6b5")),
                 QStringLiteral("my-app"));
        QVERIFY(OwnerReference::deploymentFromReplicaSetName(QStringLiteral("job-x"), QStringLiteral("7d9c8f6b5"))
                    .isEmpty());
        const PodSummary pod = PodSummary::fromJson(
            json(R"({"metadata":{"name":"p","labels":{"pod-template-hash":"7d9c8f6b5"},"ownerReferences":[
                {"kind":"ReplicaSet","name":"backend-7d9c8f6b5","controller":true}]}})"),
            [](const QString& rsName) {
                return rsName == QLatin1String("backend-7d9c8f6b5") ? QStringLiteral("api") : QString();
            });
        QCOMPARE(pod.deployment, QStringLiteral("api")); // the ReplicaSet's real owner wins over the naming rule
    }
};

QTEST_GUILESS_MAIN(KubeFactsTest)
#include "KubeFactsTest.moc"
