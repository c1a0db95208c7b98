// Proves the fake API server speaks Kubernetes: the real kubectl (the /usr/bin/kubectl dispatcher,
// which asks /version and runs the matching kubectl.1.<minor>) drives it through everything issue 3
// lists. The server runs on its own thread so it keeps serving while this thread waits for kubectl.
// Every kubectl gets a fresh --cache-dir (or discovery is skipped) and its own process group, killed
// at the end of the test: PID 1 here does not reap orphans.
#include "FakeApiServerThread.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <unistd.h>

using namespace quayside::test;

namespace {

const QString kubectlPath = QStringLiteral("/usr/bin/kubectl");
const QString ns = QStringLiteral("todo-app");

QString nameOf(const QJsonObject& object)
{
    return object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("name")).toString();
}

QStringList names(const QList<QJsonObject>& objects)
{
    QStringList result;
    for (const QJsonObject& object : objects)
        result.append(nameOf(object));
    return result;
}

// One kubectl run: its own cache directory and process group.
class Kubectl
{
public:
    Kubectl(const QString& kubeconfig, const QStringList& arguments)
    {
        m_process.setProgram(kubectlPath);
        m_process.setArguments(QStringList { QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("--cache-dir"),
                                             m_cache.path(), QStringLiteral("-n"), ns }
                               + arguments);
        m_process.setChildProcessModifier([] { ::setpgid(0, 0); });
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput,
                         [this] { m_out += m_process.readAllStandardOutput(); });
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
                         [this] { m_err += m_process.readAllStandardError(); });
        m_process.start();
    }

    ~Kubectl() { kill(); }

    // Blocks this thread: fine, the server has its own.
    bool finish(int timeoutMs = 30000)
    {
        if (!m_process.waitForFinished(timeoutMs)) {
            kill();
            return false;
        }
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }

    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        const qint64 pid = m_process.processId();
        if (pid > 0)
            ::kill(-static_cast<pid_t>(pid), SIGKILL); // the whole group: kubectl and anything it started
        m_process.waitForFinished(5000);
    }

    QString output() const { return QString::fromUtf8(m_out); }
    QString errors() const { return QString::fromUtf8(m_err); }
    QString describe() const
    {
        return QStringLiteral("kubectl %1\nexit %2\nstdout:\n%3\nstderr:\n%4")
            .arg(m_process.arguments().join(QLatin1Char(' ')))
            .arg(m_process.exitCode())
            .arg(output(), errors());
    }

private:
    QTemporaryDir m_cache;
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
};

} // namespace

class KubectlAgainstFakeServerTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeApiServerThread> m_fake;

    FakeApiServer* server() const { return m_fake->server(); }
    QString kubeconfig() const { return server()->kubeconfigPath(); }

    // Runs kubectl to completion; the test fails with its output if it fails.
    QString run(const QStringList& arguments)
    {
        Kubectl kubectl(kubeconfig(), arguments);
        const bool ok = kubectl.finish();
        if (!ok)
            qWarning().noquote() << kubectl.describe();
        return ok ? kubectl.output() : QStringLiteral("<kubectl failed>");
    }

    QList<QJsonObject> runningBackends() const
    {
        return server()->podsMatching(ns, QStringLiteral("app=backend"), true);
    }

    static std::unique_ptr<FakeApiServerThread> startFake(const Scenario& scenario, int kubernetesMinor = 33)
    {
        auto fake = std::make_unique<FakeApiServerThread>();
        FakeApiServer::Options options;
        options.scenario = scenario;
        options.contextNamespace = ns;
        options.kubernetesMinor = kubernetesMinor;
        if (!fake->start(options))
            qWarning("cannot start the fake API server: %s", qPrintable(fake->server()->errorString()));
        return fake;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo(kubectlPath).isExecutable())
            QSKIP("the real kubectl is not installed at /usr/bin/kubectl");
        m_fake = startFake(Scenario::todoApp());
        QVERIFY(server()->isListening());
        // Visible steps, short enough for a quick test: `get pods -w` shows Pending, ContainerCreating, Running.
        FakeApiServer::Timing timing;
        timing.scheduleMs = 150;
        timing.startMs = 150;
        timing.terminationMs = 300;
        server()->setTiming(timing);
        FakeApiServer::LogOptions logs;
        logs.linesPerSecond = 20;
        server()->setLogOptions(logs);
    }

    void init()
    {
        QVERIFY(server()->setDeploymentReplicas(ns, QStringLiteral("backend"), 1));
        QTRY_COMPARE_WITH_TIMEOUT(runningBackends().size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(server()->podsMatching(ns, QStringLiteral("app=backend")).size(), 1, 10000);
    }

    void cleanupTestCase() { m_fake.reset(); }

    void getPods()
    {
        const QString output = run({ QStringLiteral("get"), QStringLiteral("pods") });
        QVERIFY2(output.startsWith(QStringLiteral("NAME ")), qPrintable(output));
        for (const QString& pod : names(server()->pods(ns))) {
            const QRegularExpression row(QRegularExpression::escape(pod)
                                         + QStringLiteral(R"(\s+1/1\s+Running\s+0\s+)"));
            QVERIFY2(row.match(output).hasMatch(), qPrintable(output));
        }
        // kubectl asked for server-side printing, and got it.
        const auto lists
            = server()->requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v1/namespaces/todo-app/pods"));
        QVERIFY(!lists.isEmpty());
        QVERIFY(lists.last().accept.contains("as=Table"));
        QCOMPARE(lists.last().auth, RecordedRequest::Auth::ClientCertificate);
    }

    void getPodsWatchesAScale()
    {
        const QStringList before = names(server()->pods(ns));
        Kubectl watch(kubeconfig(), { QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-w") });
        QTRY_VERIFY_WITH_TIMEOUT(watch.output().contains(before.first()) && watch.output().contains(before.last()),
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(server()->counters().openWatches >= 1, 10000);

        const QString scaled
            = run({ QStringLiteral("scale"), QStringLiteral("deploy/backend"), QStringLiteral("--replicas=3") });
        QVERIFY2(scaled.contains(QStringLiteral("deployment.apps/backend scaled")), qPrintable(scaled));
        QTRY_COMPARE_WITH_TIMEOUT(runningBackends().size(), 3, 10000);
        for (const QString& pod : names(runningBackends())) {
            if (before.contains(pod))
                continue;
            // The new pod appears in kubectl's stream and reaches Running there.
            const QRegularExpression running(QRegularExpression::escape(pod) + QStringLiteral(R"(\s+1/1\s+Running)"));
            QTRY_VERIFY2_WITH_TIMEOUT(running.match(watch.output()).hasMatch(), qPrintable(watch.output()), 10000);
            QVERIFY2(watch.output().contains(QRegularExpression(
                         QRegularExpression::escape(pod) + QStringLiteral(R"(\s+0/1\s+(Pending|ContainerCreating))"))),
                     qPrintable(watch.output()));
        }
        watch.kill();
        QTRY_COMPARE_WITH_TIMEOUT(server()->counters().openWatches, 0, 10000);
    }

    void scale()
    {
        const QString output
            = run({ QStringLiteral("scale"), QStringLiteral("deploy/backend"), QStringLiteral("--replicas=3") });
        QVERIFY2(output.contains(QStringLiteral("scaled")), qPrintable(output));
        QTRY_COMPARE_WITH_TIMEOUT(runningBackends().size(), 3, 10000);
        const auto deployment = server()->object(QStringLiteral("deployments"), ns, QStringLiteral("backend"));
        QVERIFY(deployment);
        QCOMPARE(deployment->value(QStringLiteral("spec")).toObject().value(QStringLiteral("replicas")).toInt(), 3);
        QVERIFY(!server()->requestsMatching(QString(), QStringLiteral("/deployments/backend/scale")).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(run({ QStringLiteral("get"), QStringLiteral("deploy/backend") })
                                     .contains(QRegularExpression(QStringLiteral(R"(backend\s+3/3\s+3\s+3)"))),
                                 10000);
    }

    void rolloutRestart()
    {
        const QStringList oldPods = names(server()->podsMatching(ns, QStringLiteral("app=backend")));
        const QStringList oldReplicaSets = names(server()->objects(QStringLiteral("replicasets"), ns));
        server()->clearRequests();
        const QString output
            = run({ QStringLiteral("rollout"), QStringLiteral("restart"), QStringLiteral("deploy/backend") });
        QVERIFY2(output.contains(QStringLiteral("deployment.apps/backend restarted")), qPrintable(output));

        const auto patches = server()->requestsMatching(
            QStringLiteral("PATCH"), QStringLiteral("/apis/apps/v1/namespaces/todo-app/deployments/backend"));
        QCOMPARE(patches.size(), 1);
        QCOMPARE(patches.first().contentType, QByteArray("application/strategic-merge-patch+json"));
        const QJsonObject annotations = QJsonDocument::fromJson(patches.first().body)
                                            .object()
                                            .value(QStringLiteral("spec"))
                                            .toObject()
                                            .value(QStringLiteral("template"))
                                            .toObject()
                                            .value(QStringLiteral("metadata"))
                                            .toObject()
                                            .value(QStringLiteral("annotations"))
                                            .toObject();
        QVERIFY(annotations.contains(QStringLiteral("kubectl.kubernetes.io/restartedAt")));

        QStringList newReplicaSets = names(server()->objects(QStringLiteral("replicasets"), ns));
        for (const QString& rs : oldReplicaSets)
            newReplicaSets.removeAll(rs);
        QCOMPARE(newReplicaSets.size(), 1);
        QVERIFY(newReplicaSets.first().startsWith(QStringLiteral("backend-")));
        // Old pods go away, new ones of the new ReplicaSet run.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QStringList now = names(server()->podsMatching(ns, QStringLiteral("app=backend")));
                for (const QString& old : oldPods) {
                    if (now.contains(old))
                        return false;
                }
                return !now.isEmpty() && now.first().startsWith(newReplicaSets.first());
            }(),
            15000);
        const QString status = run({ QStringLiteral("rollout"), QStringLiteral("status"),
                                     QStringLiteral("deploy/backend"), QStringLiteral("--timeout=20s") });
        QVERIFY2(status.contains(QStringLiteral("successfully rolled out")), qPrintable(status));
    }

    void logsFollow()
    {
        const QString pod = nameOf(runningBackends().first());
        Kubectl logs(kubeconfig(), { QStringLiteral("logs"), QStringLiteral("-f"), pod });
        // 20 lines of history, then more as the container writes them (20 per second).
        QTRY_VERIFY_WITH_TIMEOUT(logs.output().count(QLatin1Char('\n')) >= 30, 15000);
        QCOMPARE(server()->counters().openLogStreams, 1);
        const QStringList lines = logs.output().split(QLatin1Char('\n'));
        for (int i = 0; i < 30; ++i)
            QCOMPARE(lines.at(i), server()->logLine(ns, pod, QStringLiteral("backend"), i));
        logs.kill();
        QTRY_COMPARE_WITH_TIMEOUT(server()->counters().openLogStreams, 0, 10000);
    }

    void logsOfADeployment()
    {
        const QString output
            = run({ QStringLiteral("logs"), QStringLiteral("deploy/backend"), QStringLiteral("--tail=5") });
        const QStringList lines = output.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 5);
        for (const QString& line : lines)
            QVERIFY2(line.startsWith(QStringLiteral("INFO request ")), qPrintable(line));
        // kubectl found the pods through the Deployment's selector.
        const auto lists
            = server()->requestsMatching(QStringLiteral("GET"), QStringLiteral("/api/v1/namespaces/todo-app/pods"));
        bool usedSelector = false;
        for (const RecordedRequest& request : lists)
            usedSelector = usedSelector
                || request.query.queryItemValue(QStringLiteral("labelSelector")) == QLatin1String("app=backend");
        QVERIFY(usedSelector);
    }

    void deletePod()
    {
        const QString victim = nameOf(runningBackends().first());
        const QString output = run({ QStringLiteral("delete"), QStringLiteral("pod"), victim });
        QVERIFY2(output.contains(QStringLiteral("pod \"%1\" deleted").arg(victim)), qPrintable(output));
        // kubectl waited for the deletion: the pod is gone, and its ReplicaSet has replaced it.
        QVERIFY(!server()->object(QStringLiteral("pods"), ns, victim));
        QTRY_COMPARE_WITH_TIMEOUT(runningBackends().size(), 1, 10000);
        QVERIFY(nameOf(runningBackends().first()) != victim);
    }

    void rawMetrics()
    {
        const QString output = run({ QStringLiteral("get"), QStringLiteral("--raw"),
                                     QStringLiteral("/apis/metrics.k8s.io/v1beta1/namespaces/todo-app/pods") });
        QJsonParseError error;
        const QJsonObject list = QJsonDocument::fromJson(output.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(output));
        QCOMPARE(list.value(QStringLiteral("kind")).toString(), QStringLiteral("PodMetricsList"));
        QCOMPARE(list.value(QStringLiteral("items")).toArray().size(),
                 server()->podsMatching(ns, QString(), true).size());
        const QString top = run({ QStringLiteral("top"), QStringLiteral("pods") });
        QVERIFY2(top.contains(QRegularExpression(QStringLiteral(R"(backend-\S+\s+\d+m\s+\d+Mi)"))), qPrintable(top));
    }

    void apply_data()
    {
        QTest::addColumn<QString>("directory");
        QTest::newRow("fixtures") << QStringLiteral(QUAYSIDE_TESTS_DIR "/kubeapi/fixtures/manifests");
        // Other manifest directories (the project's own k8s-templates/kubernetes) are tested the same
        // way: QUAYSIDE_APPLY_DIRS=dir1:dir2.
        const QStringList extra
            = qEnvironmentVariable("QUAYSIDE_APPLY_DIRS").split(QLatin1Char(':'), Qt::SkipEmptyParts);
        for (const QString& directory : extra)
            QTest::newRow(qPrintable(directory)) << directory;
    }

    void apply()
    {
        QFETCH(QString, directory);
        QVERIFY2(QDir(directory).exists(), qPrintable(directory));
        auto fake = startFake(Scenario::named(QStringLiteral("empty")));
        const QString config = fake->server()->kubeconfigPath();

        // Namespaces first, as a deployment does: `kubectl apply -f dir` takes files in name order, and
        // against a fresh cluster (this one or minikube) a namespace.yaml sorting after the objects
        // that live in it fails them with `namespaces "todo-app" not found`.
        QString createdOutput;
        for (const QFileInfo& file : QDir(directory).entryInfoList(
                 { QStringLiteral("*.yaml"), QStringLiteral("*.yml") }, QDir::Files, QDir::Name)) {
            QFile manifest(file.filePath());
            if (!manifest.open(QIODevice::ReadOnly)
                || !QString::fromUtf8(manifest.readAll())
                        .contains(QRegularExpression(QStringLiteral("(?m)^kind:\\s*Namespace\\s*$"))))
                continue;
            Kubectl namespaces(config, { QStringLiteral("apply"), QStringLiteral("-f"), file.filePath() });
            QVERIFY2(namespaces.finish(), qPrintable(namespaces.describe()));
            createdOutput += namespaces.output();
        }
        Kubectl first(config, { QStringLiteral("apply"), QStringLiteral("-f"), directory });
        QVERIFY2(first.finish(), qPrintable(first.describe()));
        createdOutput += first.output();
        QStringList created = createdOutput.trimmed().split(QLatin1Char('\n'));
        created.removeIf([](const QString& line) {
            return line.startsWith(QStringLiteral("namespace/")) && line.endsWith(QStringLiteral(" unchanged"));
        });
        QVERIFY(!created.isEmpty());
        for (const QString& line : created)
            QVERIFY2(line.endsWith(QStringLiteral(" created")), qPrintable(first.describe()));
        for (const RecordedRequest& request : fake->server()->requestsMatching(QStringLiteral("POST"), QString())) {
            QCOMPARE(request.status, 201);
            QVERIFY(request.query.queryItemValue(QStringLiteral("fieldManager"))
                    == QLatin1String("kubectl-client-side-apply"));
        }

        // Applying again changes nothing, as against a real cluster.
        Kubectl second(config, { QStringLiteral("apply"), QStringLiteral("-f"), directory });
        QVERIFY2(second.finish(), qPrintable(second.describe()));
        for (const QString& line : second.output().trimmed().split(QLatin1Char('\n')))
            QVERIFY2(line.endsWith(QStringLiteral(" unchanged")), qPrintable(second.describe()));

        if (QFileInfo(directory).fileName() == QLatin1String("manifests")) {
            FakeApiServer* s = fake->server();
            QVERIFY(s->object(QStringLiteral("namespaces"), QString(), ns));
            QVERIFY(s->object(QStringLiteral("configmaps"), ns, QStringLiteral("backend-config")));
            QVERIFY(s->object(QStringLiteral("services"), ns, QStringLiteral("backend-service")));
            QCOMPARE(s->object(QStringLiteral("services"), ns, QStringLiteral("frontend-service"))
                         ->value(QStringLiteral("spec"))
                         .toObject()
                         .value(QStringLiteral("ports"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("nodePort"))
                         .toInt(),
                     30000);
            QCOMPARE(s->object(QStringLiteral("persistentvolumeclaims"), ns, QStringLiteral("todo-data"))
                         ->value(QStringLiteral("status"))
                         .toObject()
                         .value(QStringLiteral("phase"))
                         .toString(),
                     QStringLiteral("Bound"));
            QCOMPARE(s->object(QStringLiteral("persistentvolumes"), QString(), QStringLiteral("todo-data-pv"))
                         ->value(QStringLiteral("status"))
                         .toObject()
                         .value(QStringLiteral("phase"))
                         .toString(),
                     QStringLiteral("Bound"));
            QTRY_COMPARE_WITH_TIMEOUT(s->podsMatching(ns, QStringLiteral("app=backend"), true).size(), 1, 10000);
            const auto deployment = s->object(QStringLiteral("deployments"), ns, QStringLiteral("backend"));
            QVERIFY(deployment->value(QStringLiteral("metadata"))
                        .toObject()
                        .value(QStringLiteral("annotations"))
                        .toObject()
                        .contains(QStringLiteral("kubectl.kubernetes.io/last-applied-configuration")));

            // A changed manifest is applied as a patch (kubectl computes it from last-applied).
            QTemporaryDir changed;
            QFile source(directory + QStringLiteral("/03-backend.yaml"));
            QVERIFY(source.open(QIODevice::ReadOnly));
            QFile target(changed.filePath(QStringLiteral("backend.yaml")));
            QVERIFY(target.open(QIODevice::WriteOnly));
            target.write(source.readAll().replace("replicas: 1", "replicas: 2"));
            target.close();
            Kubectl third(config, { QStringLiteral("apply"), QStringLiteral("-f"), changed.path() });
            QVERIFY2(third.finish(), qPrintable(third.describe()));
            QVERIFY2(third.output().contains(QStringLiteral("deployment.apps/backend configured")),
                     qPrintable(third.describe()));
            const auto patches = s->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/deployments/backend"));
            QCOMPARE(patches.size(), 1);
            QCOMPARE(patches.first().contentType, QByteArray("application/strategic-merge-patch+json"));
            QTRY_COMPARE_WITH_TIMEOUT(s->podsMatching(ns, QStringLiteral("app=backend"), true).size(), 2, 10000);
        }
    }

    void everyInstalledKubectlVersion_data()
    {
        QTest::addColumn<int>("minor");
        for (int minor = 27; minor <= 33; ++minor)
            QTest::newRow(qPrintable(QStringLiteral("1.%1").arg(minor))) << minor;
    }

    void everyInstalledKubectlVersion()
    {
        QFETCH(int, minor);
        auto fake = startFake(Scenario::todoApp(), minor);
        Kubectl version(fake->server()->kubeconfigPath(),
                        { QStringLiteral("version"), QStringLiteral("-o"), QStringLiteral("json") });
        QVERIFY2(version.finish(), qPrintable(version.describe()));
        const QJsonObject versions = QJsonDocument::fromJson(version.output().toUtf8()).object();
        QCOMPARE(versions.value(QStringLiteral("serverVersion")).toObject().value(QStringLiteral("minor")).toString(),
                 QString::number(minor));
        // The dispatcher ran the kubectl matching the server's minor (some builds say "32+").
        const QString clientMinor
            = versions.value(QStringLiteral("clientVersion")).toObject().value(QStringLiteral("minor")).toString();
        QVERIFY2(clientMinor.startsWith(QString::number(minor)), qPrintable(version.describe()));
        Kubectl pods(fake->server()->kubeconfigPath(), { QStringLiteral("get"), QStringLiteral("pods") });
        QVERIFY2(pods.finish(), qPrintable(pods.describe()));
        QVERIFY2(pods.output().contains(QRegularExpression(QStringLiteral(R"(backend-\S+\s+1/1\s+Running)"))),
                 qPrintable(pods.describe()));
    }
};

QTEST_GUILESS_MAIN(KubectlAgainstFakeServerTest)
#include "KubectlAgainstFakeServerTest.moc"
