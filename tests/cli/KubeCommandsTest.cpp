#include "kubeapi/FakeApiServer.h"
#include "kubeapi/FakeApiServerThread.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using quayside::test::FakeApiServer;
using quayside::test::FakeApiServerThread;

namespace {

const QString kBinary = QStringLiteral(QUAYSIDE_BINARY_DIR "/app/main/quayside");
const QString kNs = QStringLiteral("todo-app");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

QJsonObject meta(const QJsonObject& o)
{
    return o.value(QLatin1String("metadata")).toObject();
}

} // namespace

// The command line contract, end to end: the built `quayside` binary runs as a child process against
// the fake API server (on its own thread), and its stdout, stderr and exit code are checked.
class KubeCommandsTest : public QObject
{
    Q_OBJECT
private:
    FakeApiServerThread m_server;
    QTemporaryDir m_home;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("KUBECONFIG"));
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.remove(QStringLiteral("DISPLAY"));
        return env;
    }

    Run run(QStringList arguments, bool withKubeconfig = true, int timeoutMs = 60'000)
    {
        if (withKubeconfig)
            arguments << QStringLiteral("--kubeconfig") << m_server->kubeconfigPath();
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(kBinary, arguments);
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            qWarning("quayside %s did not finish", qPrintable(arguments.join(QLatin1Char(' '))));
        }
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                 process.readAllStandardOutput(), process.readAllStandardError() };
    }

    QString podOf(const QString& deployment) const
    {
        const auto pods = m_server->podsMatching(kNs, QStringLiteral("app=") + deployment, true);
        return pods.isEmpty() ? QString() : str(meta(pods.first()), "name");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(kBinary), qPrintable(kBinary));
        FakeApiServer::Options options;
        options.contextNamespace = kNs;
        QVERIFY2(m_server.start(options), qPrintable(m_server->errorString()));
        FakeApiServer::LogOptions logs;
        logs.linesPerSecond = 0;
        m_server->setLogOptions(logs);
    }

    // `status -o json` equals the server's truth, field by field.
    void statusJsonIsTheTruth()
    {
        const Run r = run({ QStringLiteral("status"), QStringLiteral("-o"), QStringLiteral("json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.endsWith('\n'));
        QCOMPARE(r.out.count('\n'), qsizetype(1)); // one document, one line
        QJsonParseError error {};
        const QJsonObject doc = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(str(doc, "context"), QStringLiteral("minikube"));
        QCOMPARE(str(doc, "namespace"), kNs);
        QCOMPARE(doc.value(QLatin1String("connected")).toBool(), true);

        const QJsonArray deployments = doc.value(QLatin1String("deployments")).toArray();
        const QList<QJsonObject> truthDeployments = m_server->objects(QStringLiteral("deployments"), kNs);
        QCOMPARE(deployments.size(), truthDeployments.size());
        for (qsizetype i = 0; i < deployments.size(); ++i) {
            const QJsonObject d = deployments.at(i).toObject();
            const QJsonObject t = truthDeployments.at(i);
            const QJsonObject status = t.value(QLatin1String("status")).toObject();
            QCOMPARE(str(d, "name"), str(meta(t), "name"));
            QCOMPARE(d.value(QLatin1String("desired")).toInt(),
                     t.value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt());
            QCOMPARE(d.value(QLatin1String("ready")).toInt(), status.value(QLatin1String("readyReplicas")).toInt());
            QCOMPARE(d.value(QLatin1String("updated")).toInt(), status.value(QLatin1String("updatedReplicas")).toInt());
            QCOMPARE(d.value(QLatin1String("available")).toInt(),
                     status.value(QLatin1String("availableReplicas")).toInt());
            QJsonArray images;
            for (const QJsonValue& c : t.value(QLatin1String("spec"))
                                           .toObject()
                                           .value(QLatin1String("template"))
                                           .toObject()
                                           .value(QLatin1String("spec"))
                                           .toObject()
                                           .value(QLatin1String("containers"))
                                           .toArray())
                images.append(c.toObject().value(QLatin1String("image")));
            QCOMPARE(d.value(QLatin1String("images")).toArray(), images);
        }

        const QJsonArray pods = doc.value(QLatin1String("pods")).toArray();
        const QList<QJsonObject> truthPods = m_server->pods(kNs);
        QCOMPARE(pods.size(), truthPods.size());
        for (qsizetype i = 0; i < pods.size(); ++i) {
            const QJsonObject p = pods.at(i).toObject();
            const QJsonObject t = truthPods.at(i);
            const QJsonObject status = t.value(QLatin1String("status")).toObject();
            QCOMPARE(str(p, "name"), str(meta(t), "name"));
            QCOMPARE(str(p, "owner"),
                     str(meta(t), "labels").isEmpty()
                         ? str(p, "owner")
                         : meta(t).value(QLatin1String("labels")).toObject().value(QLatin1String("app")).toString());
            QCOMPARE(str(p, "phase"), str(status, "phase"));
            QCOMPARE(str(p, "status"), QStringLiteral("Running"));
            QCOMPARE(str(p, "ready"), QStringLiteral("1/1"));
            QCOMPARE(p.value(QLatin1String("restarts")).toInt(), 0);
            QCOMPARE(str(p, "node"),
                     t.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString());
            QCOMPARE(str(p, "ip"), str(status, "podIP"));
            QVERIFY(p.value(QLatin1String("age_seconds")).isDouble());
            QVERIFY(p.value(QLatin1String("age_seconds")).toDouble() >= 0);
            QVERIFY2(p.value(QLatin1String("cpu_millicores")).isDouble(), "metrics are enabled on the fake server");
            QVERIFY(p.value(QLatin1String("memory_bytes")).toDouble() > 0);
        }
        QVERIFY(r.err.isEmpty());
    }

    void statusWithoutMetricsHasNulls()
    {
        m_server->setMetricsEnabled(false);
        const Run r = run({ QStringLiteral("status"), QStringLiteral("-o"), QStringLiteral("json") });
        m_server->setMetricsEnabled(true);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray pods = QJsonDocument::fromJson(r.out).object().value(QLatin1String("pods")).toArray();
        QVERIFY(!pods.isEmpty());
        for (const QJsonValue& p : pods) {
            QVERIFY(p.toObject().value(QLatin1String("cpu_millicores")).isNull());
            QVERIFY(p.toObject().value(QLatin1String("memory_bytes")).isNull());
        }
    }

    void statusTable()
    {
        const Run r = run({ QStringLiteral("status"), QStringLiteral("-n"), kNs });
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("^NAME +READY +UP-TO-DATE +AVAILABLE +AGE"),
                                                 QRegularExpression::MultilineOption)),
                 qPrintable(out));
        QVERIFY(out.contains(QRegularExpression(QStringLiteral("^deployment.apps/backend +1/1 +1 +1 "),
                                                QRegularExpression::MultilineOption)));
        QVERIFY(out.contains(
            QRegularExpression(QStringLiteral("^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +CPU +MEMORY"),
                               QRegularExpression::MultilineOption)));
        QVERIFY(out.contains(
            QRegularExpression(QStringLiteral("^pod/%1 +1/1 +Running +0 ").arg(podOf(QStringLiteral("backend"))),
                               QRegularExpression::MultilineOption)));
    }

    // --watch -o json: one document per line, only when the state changes, at most ten a second.
    void statusWatch()
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(kBinary,
                      { QStringLiteral("status"), QStringLiteral("--watch"), QStringLiteral("-o"),
                        QStringLiteral("json"), QStringLiteral("--kubeconfig"), m_server->kubeconfigPath() });
        QList<QJsonObject> docs;
        const auto readDocs = [&] {
            while (process.canReadLine()) {
                QJsonParseError error {};
                const QJsonObject doc = QJsonDocument::fromJson(process.readLine(), &error).object();
                QCOMPARE(error.error, QJsonParseError::NoError);
                docs.append(doc);
            }
        };
        QTRY_VERIFY_WITH_TIMEOUT((process.waitForReadyRead(100), readDocs(), !docs.isEmpty()), 20'000);
        QCOMPARE(docs.first().value(QLatin1String("pods")).toArray().size(), 2);
        QVERIFY(docs.first().value(QLatin1String("connected")).toBool());

        // Heartbeat modifications change nothing a user sees: no new document.
        m_server->generateModifiedEvents(50, kNs);
        process.waitForReadyRead(1500);
        readDocs();
        QCOMPARE(docs.size(), 1);

        // A scale-up shows, coalesced: Pending, ContainerCreating and Running arrive within one burst.
        QElapsedTimer clock;
        clock.start();
        QVERIFY(m_server->setDeploymentReplicas(kNs, QStringLiteral("backend"), 3));
        m_server->settle();
        const auto backendPods = [](const QJsonObject& doc) {
            int count = 0;
            for (const QJsonValue& p : doc.value(QLatin1String("pods")).toArray())
                count += p.toObject().value(QLatin1String("owner")).toString() == QLatin1String("backend") ? 1 : 0;
            return count;
        };
        QTRY_VERIFY_WITH_TIMEOUT((process.waitForReadyRead(100), readDocs(), backendPods(docs.last()) == 3), 20'000);
        QVERIFY2(docs.size() - 1 <= 1 + (clock.elapsed() / 100) + 1, qPrintable(QString::number(docs.size())));
        const QJsonObject last = docs.last();
        for (const QJsonValue& p : last.value(QLatin1String("pods")).toArray())
            QCOMPARE(p.toObject().value(QLatin1String("status")).toString(), QStringLiteral("Running"));

        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(10'000));
        QVERIFY(m_server->setDeploymentReplicas(kNs, QStringLiteral("backend"), 1));
        m_server->settle();
    }

    void logsOfAPod()
    {
        const QString pod = podOf(QStringLiteral("backend"));
        const Run r = run(
            { QStringLiteral("logs"), pod, QStringLiteral("-n"), kNs, QStringLiteral("--tail"), QStringLiteral("3") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.split('\n');
        QCOMPARE(lines.size(), 4); // three lines and the final newline
        for (int i = 0; i < 3; ++i)
            QCOMPARE(QString::fromUtf8(lines.at(i)), m_server->logLine(kNs, pod, QStringLiteral("backend"), 17 + i));
    }

    void logsOfADeploymentArePrefixed()
    {
        const QString pod = podOf(QStringLiteral("frontend"));
        const Run r = run({ QStringLiteral("logs"), QStringLiteral("deploy/frontend"), QStringLiteral("--tail=2") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(QString::fromUtf8(lines.at(i)),
                     QStringLiteral("[%1/frontend] ").arg(pod)
                         + m_server->logLine(kNs, pod, QStringLiteral("frontend"), 18 + i));
    }

    void logsFollowADeployment()
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(kBinary,
                      { QStringLiteral("logs"), QStringLiteral("deploy/backend"), QStringLiteral("-f"),
                        QStringLiteral("--tail"), QStringLiteral("1"), QStringLiteral("--kubeconfig"),
                        m_server->kubeconfigPath() });
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT(
            (process.waitForReadyRead(100), out += process.readAllStandardOutput(), out.count('\n') >= 1), 20'000);
        QVERIFY(m_server->setDeploymentReplicas(kNs, QStringLiteral("backend"), 2));
        m_server->settle();
        // The new pod's whole history (20 lines) follows, tagged with its name.
        QTRY_VERIFY_WITH_TIMEOUT(
            (process.waitForReadyRead(100), out += process.readAllStandardOutput(), out.count('\n') >= 21), 20'000);
        QCOMPARE(process.state(), QProcess::Running);
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(10'000));
        QSet<QString> pods;
        for (const QByteArray& line : out.trimmed().split('\n')) {
            QVERIFY2(line.startsWith('['), line.constData());
            pods.insert(QString::fromUtf8(line.mid(1, line.indexOf('/') - 1)));
        }
        QCOMPARE(pods.size(), 2);
        QVERIFY(m_server->setDeploymentReplicas(kNs, QStringLiteral("backend"), 1));
        m_server->settle();
    }

    void scaleAndRestart()
    {
        Run r = run({ QStringLiteral("scale"), QStringLiteral("deploy/frontend"), QStringLiteral("--replicas"),
                      QStringLiteral("2") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray("deployment.apps/frontend scaled\n"));
        QCOMPARE(m_server->object(QStringLiteral("deployments"), kNs, QStringLiteral("frontend"))
                     ->value(QLatin1String("spec"))
                     .toObject()
                     .value(QLatin1String("replicas"))
                     .toInt(),
                 2);

        r = run({ QStringLiteral("restart"), QStringLiteral("deployment/frontend"), QStringLiteral("--wait"),
                  QStringLiteral("--timeout"), QStringLiteral("60s") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("deployment.apps/frontend restarted\n"), r.out.constData());
        QVERIFY2(r.out.endsWith("deployment \"frontend\" successfully rolled out\n"), r.out.constData());
        const auto patches
            = m_server->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/deployments/frontend"));
        QVERIFY(!patches.isEmpty());
        QVERIFY(patches.last().body.contains("kubectl.kubernetes.io/restartedAt"));

        r = run({ QStringLiteral("scale"), QStringLiteral("deploy/frontend"), QStringLiteral("--replicas=1") });
        QCOMPARE(r.exitCode, 0);
    }

    // Exit 1 with one `error: ...` line carrying the server's message; exit 2 for usage errors.
    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrStart");
        using L = QStringList;
        QTest::newRow("scale a missing deployment")
            << L { "scale", "deploy/nope", "--replicas", "1" } << 1 << "error: deployments.apps \"nope\" not found\n";
        QTest::newRow("restart a missing deployment")
            << L { "restart", "deploy/nope" } << 1 << "error: deployments.apps \"nope\" not found\n";
        QTest::newRow("logs of a missing pod") << L { "logs", "nope" } << 1 << "error: pods \"nope\" not found\n";
        QTest::newRow("logs of a missing container")
            << L { "logs", "{backend}", "-c", "nope" } << 1 << "error: container nope is not valid for pod";
        QTest::newRow("scale without --replicas")
            << L { "scale", "deploy/backend" } << 2 << "error: --replicas is required\n";
        QTest::newRow("negative replicas")
            << L { "scale", "deploy/backend", "--replicas", "-1" } << 2 << "error: --replicas needs a whole number";
        QTest::newRow("scale a pod") << L { "scale", "pod/x", "--replicas", "1" } << 2
                                     << "error: only Deployments can be scaled";
        QTest::newRow("restart a pod") << L { "restart", "x" } << 2 << "error: only Deployments can be restarted";
        QTest::newRow("logs without a target") << L { "logs" } << 2 << "error: logs needs a pod or deploy/NAME\n";
        QTest::newRow("bad --since") << L { "logs", "x", "--since", "5" } << 2 << "error: --since needs a duration";
        QTest::newRow("bad --tail") << L { "logs", "x", "--tail", "many" } << 2 << "error: --tail needs a number";
        QTest::newRow("unknown resource type")
            << L { "logs", "svc/x" } << 2 << "error: unsupported resource type \"svc\"";
        QTest::newRow("unknown option") << L { "status", "--colour" } << 2 << "error: unknown option \"--colour\"";
        QTest::newRow("unknown output format")
            << L { "status", "-o", "yaml" } << 2 << "error: unknown output format \"yaml\"";
        QTest::newRow("status takes no arguments")
            << L { "status", "extra" } << 2 << "error: status takes no arguments";
    }
    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrStart);
        arguments.replaceInStrings(QStringLiteral("{backend}"), podOf(QStringLiteral("backend")));
        const Run r = run(arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).startsWith(stderrStart), r.err.constData());
        if (exitCode == 1)
            QCOMPARE(r.err.count('\n'), qsizetype(1));
        QVERIFY(r.out.isEmpty());
    }

    void restartRefusesPaused()
    {
        const Run pause = run({ QStringLiteral("scale"), QStringLiteral("deploy/backend"), QStringLiteral("--replicas"),
                                QStringLiteral("1") });
        QCOMPARE(pause.exitCode, 0);
        QJsonObject deployment = *m_server->object(QStringLiteral("deployments"), kNs, QStringLiteral("backend"));
        QJsonObject spec = deployment.value(QLatin1String("spec")).toObject();
        spec.insert(QStringLiteral("paused"), true);
        deployment.insert(QStringLiteral("spec"), spec);
        m_server->applyObject(deployment);
        const Run r = run({ QStringLiteral("restart"), QStringLiteral("deploy/backend") });
        spec.insert(QStringLiteral("paused"), false);
        deployment.insert(QStringLiteral("spec"), spec);
        m_server->applyObject(deployment);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(
            r.err,
            QByteArray(
                "error: deployments.apps \"backend\" can't restart paused deployment (run rollout resume first)\n"));
    }

    void kubeconfigAndTlsErrors()
    {
        QTemporaryDir dir;
        Run r = run({ QStringLiteral("status"), QStringLiteral("--kubeconfig"), dir.filePath(QStringLiteral("none")) },
                    false);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromUtf8(r.err),
                 QStringLiteral("error: cannot read kubeconfig %1: no such file\n")
                     .arg(dir.filePath(QStringLiteral("none"))));

        const QString wrongCa = dir.filePath(QStringLiteral("wrong-ca"));
        FakeApiServer::KubeconfigOptions options;
        options.wrongCertificateAuthority = true;
        QVERIFY(m_server->writeKubeconfig(wrongCa, options));
        r = run({ QStringLiteral("status"), QStringLiteral("--kubeconfig"), wrongCa }, false);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromUtf8(r.err),
                 QStringLiteral("error: the server's certificate is not signed by the certificate-authority in %1\n")
                     .arg(wrongCa));
        // --watch fails the same way before its first picture.
        r = run({ QStringLiteral("status"), QStringLiteral("--watch"), QStringLiteral("--kubeconfig"), wrongCa },
                false);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("error: the server's certificate is not signed"), r.err.constData());

        // $KUBECONFIG and --context are honoured.
        QProcess process;
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("KUBECONFIG"),
                   dir.filePath(QStringLiteral("missing")) + QLatin1Char(':') + m_server->kubeconfigPath());
        process.setProcessEnvironment(env);
        process.start(kBinary,
                      { QStringLiteral("status"), QStringLiteral("-o"), QStringLiteral("json"),
                        QStringLiteral("--context"), QStringLiteral("nope") });
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(process.readAllStandardError().startsWith("error: --context: context \"nope\" not found"),
                 "context error");
        process.start(kBinary,
                      { QStringLiteral("status"), QStringLiteral("-o"), QStringLiteral("json"),
                        QStringLiteral("--context"), QStringLiteral("minikube") });
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(KubeCommandsTest)
#include "KubeCommandsTest.moc"
