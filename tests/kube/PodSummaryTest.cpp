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

} // namespace

class PodSummaryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The STATUS column must say what `kubectl get pods` says for the same object.
    void status_data()
    {
        QTest::addColumn<QJsonObject>("pod");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("ready");
        QTest::addColumn<int>("restarts");

        QTest::newRow("Running") << json(
            R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running","containerStatuses":[
                {"name":"a","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2025-01-01T00:00:00Z"}}}]}})")
                                 << "Running"
                                 << "1/1" << 0;
        QTest::newRow("Pending, nothing reported")
            << json(R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Pending"}})") << "Pending"
            << "0/2" << 0;
        QTest::newRow("ContainerCreating")
            << json(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending","containerStatuses":[
                {"name":"a","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]}})")
            << "ContainerCreating"
            << "0/1" << 0;
        QTest::newRow("CrashLoopBackOff")
            << json(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running","containerStatuses":[
                {"name":"a","ready":false,"restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
                 "lastState":{"terminated":{"reason":"Error","exitCode":1,"finishedAt":"2025-01-01T00:10:00Z"}}}]}})")
            << "CrashLoopBackOff"
            << "0/1" << 4;
        QTest::newRow("ImagePullBackOff")
            << json(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending","containerStatuses":[
                {"name":"a","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ImagePullBackOff","message":"Back-off"}}}]}})")
            << "ImagePullBackOff"
            << "0/1" << 0;
        QTest::newRow("ErrImageNeverPull")
            << json(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending","containerStatuses":[
                {"name":"a","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ErrImageNeverPull"}}}]}})")
            << "ErrImageNeverPull"
            << "0/1" << 0;
        QTest::newRow("OOMKilled") << json(
            R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running","containerStatuses":[
                {"name":"a","ready":false,"restartCount":1,"state":{"terminated":{"reason":"OOMKilled","exitCode":137}}}]}})")
                                   << "OOMKilled"
                                   << "0/1" << 1;
        QTest::newRow("Terminating") << json(
            R"({"metadata":{"deletionTimestamp":"2025-01-01T00:00:00Z"},"spec":{"containers":[{"name":"a"}]},
                "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":true,"restartCount":0,"state":{"running":{}}}]}})")
                                     << "Terminating"
                                     << "1/1" << 0;
        QTest::newRow("deleted on a lost node")
            << json(R"({"metadata":{"deletionTimestamp":"2025-01-01T00:00:00Z"},"spec":{"containers":[{"name":"a"}]},
                "status":{"phase":"Running","reason":"NodeLost"}})")
            << "Unknown"
            << "0/1" << 0;
        QTest::newRow("Completed") << json(
            R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Succeeded","containerStatuses":[
                {"name":"a","ready":false,"restartCount":0,"state":{"terminated":{"reason":"Completed","exitCode":0}}}]}})")
                                   << "Completed"
                                   << "0/1" << 0;
        QTest::newRow("Completed and being deleted stays Completed")
            << json(R"({"metadata":{"deletionTimestamp":"2025-01-01T00:00:00Z"},"spec":{"containers":[{"name":"a"}]},
                "status":{"phase":"Succeeded","containerStatuses":[{"name":"a","state":{"terminated":{"reason":"Completed","exitCode":0}}}]}})")
            << "Completed"
            << "0/1" << 0;
        QTest::newRow("Evicted") << json(
            R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Failed","reason":"Evicted"}})")
                                 << "Evicted"
                                 << "0/1" << 0;
        QTest::newRow("exit code without reason")
            << json(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Failed","containerStatuses":[
                {"name":"a","state":{"terminated":{"exitCode":3}}}]}})")
            << "ExitCode:3"
            << "0/1" << 0;
        QTest::newRow("signal without reason")
            << json(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Failed","containerStatuses":[
                {"name":"a","state":{"terminated":{"exitCode":137,"signal":9}}}]}})")
            << "Signal:9"
            << "0/1" << 0;
        QTest::newRow("Init:0/1") << json(
            R"({"spec":{"initContainers":[{"name":"i"}],"containers":[{"name":"a"}]},"status":{"phase":"Pending",
                "initContainerStatuses":[{"name":"i","ready":false,"restartCount":0,"state":{"running":{}}}],
                "containerStatuses":[{"name":"a","state":{"waiting":{"reason":"PodInitializing"}}}]}})")
                                  << "Init:0/1"
                                  << "0/1" << 0;
        QTest::newRow("Init:1/2") << json(
            R"({"spec":{"initContainers":[{"name":"i"},{"name":"j"}],"containers":[{"name":"a"}]},"status":{"phase":"Pending",
                "initContainerStatuses":[{"name":"i","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
                                         {"name":"j","state":{"waiting":{"reason":"PodInitializing"}}}]}})")
                                  << "Init:1/2"
                                  << "0/1" << 0;
        QTest::newRow("Init:CrashLoopBackOff") << json(
            R"({"spec":{"initContainers":[{"name":"i"}],"containers":[{"name":"a"}]},"status":{"phase":"Pending",
                "initContainerStatuses":[{"name":"i","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}})")
                                               << "Init:CrashLoopBackOff"
                                               << "0/1" << 3;
        QTest::newRow("Init:Error") << json(
            R"({"spec":{"initContainers":[{"name":"i"}],"containers":[{"name":"a"}]},"status":{"phase":"Pending",
                "initContainerStatuses":[{"name":"i","state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}})")
                                    << "Init:Error"
                                    << "0/1" << 0;
        QTest::newRow("Init:ExitCode") << json(
            R"({"spec":{"initContainers":[{"name":"i"}],"containers":[{"name":"a"}]},"status":{"phase":"Pending",
                "initContainerStatuses":[{"name":"i","state":{"terminated":{"exitCode":2}}}]}})")
                                       << "Init:ExitCode:2"
                                       << "0/1" << 0;
        QTest::newRow("a running sidecar counts as a container") << json(
            R"({"spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"a"}]},
                "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],
                "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":1,"state":{"running":{}}}],
                "containerStatuses":[{"name":"a","ready":true,"restartCount":2,"state":{"running":{}}}]}})")
                                                                 << "Running"
                                                                 << "2/2" << 3;
        QTest::newRow("NotReady: one completed, one running, pod not ready")
            << json(R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Running",
                "conditions":[{"type":"Ready","status":"False"}],"containerStatuses":[
                {"name":"a","ready":false,"state":{"terminated":{"reason":"Completed","exitCode":0}}},
                {"name":"b","ready":true,"state":{"running":{}}}]}})")
            << "NotReady"
            << "1/2" << 0;
        QTest::newRow("Running: one completed, one running, pod ready")
            << json(R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Running",
                "conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[
                {"name":"a","ready":false,"state":{"terminated":{"reason":"Completed","exitCode":0}}},
                {"name":"b","ready":true,"state":{"running":{}}}]}})")
            << "Running"
            << "1/2" << 0;
        QTest::newRow("the first container's reason wins") << json(
            R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Running","containerStatuses":[
                {"name":"a","state":{"waiting":{"reason":"CrashLoopBackOff"}},"restartCount":2},
                {"name":"b","state":{"waiting":{"reason":"ImagePullBackOff"}}}]}})")
                                                           << "CrashLoopBackOff"
                                                           << "0/2" << 2;
        QTest::newRow("SchedulingGated") << json(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending",
                "conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}})")
                                         << "SchedulingGated"
                                         << "0/1" << 0;
        QTest::newRow("Unschedulable stays Pending")
            << json(R"({"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending",
                "conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable"}]}})")
            << "Pending"
            << "0/1" << 0;
    }
    void status()
    {
        QFETCH(QJsonObject, pod);
        QFETCH(QString, status);
        QFETCH(QString, ready);
        QFETCH(int, restarts);
        const PodSummary summary = PodSummary::fromJson(pod);
        QCOMPARE(summary.status, status);
        QCOMPARE(summary.readyText(), ready);
        QCOMPARE(summary.restarts, restarts);
    }

    void fields()
    {
        const QJsonObject pod
            = json(R"({"metadata":{"name":"backend-7d9c7b9b5-abcde","namespace":"todo-app","uid":"u-1",
            "resourceVersion":"42","creationTimestamp":"2025-06-18T14:00:00Z","labels":{"app":"backend","pod-template-hash":"7d9c7b9b5"},
            "ownerReferences":[{"kind":"ReplicaSet","name":"backend-7d9c7b9b5","controller":true}]},
            "spec":{"nodeName":"minikube","containers":[
              {"name":"backend","image":"todo-backend:abc123","resources":{"requests":{"cpu":"250m","memory":"256Mi"},"limits":{"cpu":"500m","memory":"512Mi"}}},
              {"name":"sidecar","image":"busybox"}],
              "initContainers":[{"name":"migrate","image":"todo-backend:abc123"}]},
            "status":{"phase":"Running","podIP":"10.244.0.12","containerStatuses":[
              {"name":"backend","ready":true,"restartCount":2,"state":{"running":{}},"lastState":{"terminated":{"reason":"Error","finishedAt":"2025-06-18T14:05:00Z"}}},
              {"name":"sidecar","ready":true,"restartCount":0,"state":{"running":{}}}]}})");
        const PodSummary s = PodSummary::fromJson(pod);
        QCOMPARE(s.uid, QStringLiteral("u-1"));
        QCOMPARE(s.nameSpace, QStringLiteral("todo-app"));
        QCOMPARE(s.resourceVersion, QStringLiteral("42"));
        QCOMPARE(s.node, QStringLiteral("minikube"));
        QCOMPARE(s.ip, QStringLiteral("10.244.0.12"));
        QCOMPARE(s.ownerKind, QStringLiteral("ReplicaSet"));
        QCOMPARE(s.ownerName, QStringLiteral("backend-7d9c7b9b5"));
        QCOMPARE(s.deployment, QStringLiteral("backend")); // from the pod-template-hash naming rule
        QCOMPARE(s.containerNames(), (QStringList { "backend", "sidecar" }));
        QCOMPARE(s.containers.size(), 3);
        QVERIFY(s.containers.at(2).init);
        QCOMPARE(s.containers.at(0).cpuRequestMillicores, qint64(250));
        QCOMPARE(s.containers.at(0).cpuLimitMillicores, qint64(500));
        QCOMPARE(s.containers.at(0).memoryRequestBytes, qint64(256) * 1024 * 1024);
        QCOMPARE(s.containers.at(0).memoryLimitBytes, qint64(512) * 1024 * 1024);
        QCOMPARE(s.containers.at(1).cpuRequestMillicores, qint64(-1));
        QCOMPARE(s.cpuRequestMillicores(), qint64(250));
        QCOMPARE(s.memoryRequestBytes(), qint64(256) * 1024 * 1024);
        QCOMPARE(s.containers.at(0).restarts, 2);
        QCOMPARE(s.containers.at(0).state, QStringLiteral("running"));
        const QDateTime now = QDateTime::fromString(QStringLiteral("2025-06-18T14:10:00Z"), Qt::ISODate);
        QCOMPARE(s.ageSeconds(now), qint64(600));
        QCOMPARE(s.restartsText(now), QStringLiteral("2 (5m ago)"));
        QCOMPARE(s.labels.value(QStringLiteral("app")), QStringLiteral("backend"));
    }

    void deploymentThroughTheReplicaSet()
    {
        const QJsonObject pod = json(
            R"({"metadata":{"name":"p","ownerReferences":[{"kind":"ReplicaSet","name":"odd-name","controller":true}]},
            "spec":{"containers":[{"name":"a"}]},"status":{}})");
        QCOMPARE(PodSummary::fromJson(pod).deployment, QString());
        const PodSummary s = PodSummary::fromJson(
            pod, [](const QString& rs) { return rs == QLatin1String("odd-name") ? QStringLiteral("web") : QString(); });
        QCOMPARE(s.deployment, QStringLiteral("web"));
    }

    void bareAndOtherOwners()
    {
        QCOMPARE(
            PodSummary::fromJson(json(R"({"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]}})")).ownerKind,
            QString());
        const PodSummary job = PodSummary::fromJson(json(
            R"({"metadata":{"name":"p","ownerReferences":[{"kind":"Job","name":"j","controller":true}]},"spec":{}})"));
        QCOMPARE(job.ownerKind, QStringLiteral("Job"));
        QVERIFY(job.deployment.isEmpty());
    }
};

QTEST_GUILESS_MAIN(PodSummaryTest)
#include "PodSummaryTest.moc"
