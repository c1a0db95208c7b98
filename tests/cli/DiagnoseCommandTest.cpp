#include "support/QuaysideProcess.h"
#include "support/TestCluster.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using quayside::test::FakeApiServerThread;
using quayside::test::QuaysideProcess;
using quayside::test::TestCluster;
using Run = QuaysideProcess::Run;

namespace {

const QString kProfile = QStringLiteral(QUAYSIDE_SOURCE_DIR "/resources/profiles/todo-chatbot.yaml");
const QString kGolden = QStringLiteral(QUAYSIDE_SOURCE_DIR "/tests/cli/fixtures/diagnose-crashloop.txt");
const QString kNs = QStringLiteral("todo-app");

QStringList kindsOf(const QJsonArray& array)
{
    QStringList kinds;
    for (const QJsonValue& value : array)
        kinds.append(value.toObject().value(QLatin1String("kind")).toString());
    return kinds;
}

} // namespace

// `quayside diagnose` end to end: the built binary against the test API server, one scenario per
// broken app, its JSON checked field by field. The children get a throw-away HOME and the shipped
// profile (which names the app's Secret, its keys and the chart's memory-limit values).
class DiagnoseCommandTest : public QObject
{
    Q_OBJECT
private:
    QuaysideProcess m_quayside;

    Run diagnose(FakeApiServerThread& server, const QStringList& extra = {}) const
    {
        return m_quayside.run(QStringList { QStringLiteral("diagnose"), QStringLiteral("--kubeconfig"),
                                            server->kubeconfigPath(), QStringLiteral("-p"), kProfile }
                              + extra);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QuaysideProcess::binary()), qPrintable(QuaysideProcess::binary()));
        QVERIFY(m_quayside.isValid());
    }

    void scenario_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("rule"); // the main finding's rule id
        QTest::addColumn<QString>("severity");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name"); // the object's name, or the deployment of a pod (its prefix)
        QTest::addColumn<QString>("deployment");
        QTest::addColumn<QStringList>("summary"); // all in the summary
        QTest::addColumn<QStringList>("evidence"); // "kind:text", each in one evidence line of that kind
        QTest::addColumn<QStringList>("actions"); // the action kinds, in order
        QTest::addColumn<QStringList>("parameters"); // "actionkind:key=value"
        using L = QStringList;
        QTest::newRow("missing-secret-key")
            << "missing-secret-key"
            << "container-config-error"
            << "error"
            << "Pod"
            << "backend"
            << "backend" << L { "cannot start", "Secret todo-app-secrets has no key JWT_SECRET" }
            << L { "status:containerStatuses[backend].state.waiting: CreateContainerConfigError: couldn't find key "
                   "JWT_SECRET in Secret todo-app/todo-app-secrets",
                   "spec:spec.containers[backend].env[JWT_SECRET].valueFrom.secretKeyRef = todo-app-secrets/JWT_SECRET",
                   "event:Warning Failed",
                   "event:Error: couldn't find key JWT_SECRET in Secret todo-app/todo-app-secrets" }
            << L { "open-secrets", "copy-command" }
            << L { "open-secrets:key=JWT_SECRET", "open-secrets:secret=todo-app-secrets" };
        QTest::newRow("image-not-loaded")
            << "image-not-loaded"
            << "image-not-present"
            << "error"
            << "Pod"
            << "frontend"
            << "frontend" << L { "image todo-frontend:abc123 is not in the cluster", "ErrImageNeverPull" }
            << L { "status:ErrImageNeverPull: Container image \"todo-frontend:abc123\" is not present with pull policy "
                   "of Never",
                   "spec:spec.containers[frontend].imagePullPolicy = Never", "event:Warning ErrImageNeverPull",
                   "event:Container image \"todo-frontend:abc123\" is not present with pull policy of Never",
                   "event:Error: ErrImageNeverPull" }
            << L { "rebuild-images", "copy-command" } << L { "rebuild-images:images=todo-frontend:abc123" };
        QTest::newRow("oomkilled")
            << "oomkilled"
            << "oom-killed"
            << "error"
            << "Pod"
            << "backend"
            << "backend" << L { "runs out of memory", "killed at its 512Mi limit", "3 restarts" }
            << L { "status:containerStatuses[backend].lastState.terminated: OOMKilled, exit code 137",
                   "spec:spec.containers[backend].resources.limits.memory = 512Mi",
                   "number:of a 512Mi limit (metrics-server)", "number:suggested limit: 768Mi",
                   "event:Back-off restarting failed container backend" }
            << L { "raise-memory-limit" }
            << L { "raise-memory-limit:valuesKey=backend.resources.limits.memory", "raise-memory-limit:limit=768Mi",
                   "raise-memory-limit:deployment=backend", "raise-memory-limit:container=backend" };
        QTest::newRow("unschedulable")
            << "unschedulable"
            << "unschedulable"
            << "error"
            << "Pod"
            << "backend"
            << "backend" << L { "cannot be scheduled", "not enough memory on minikube", "8192Mi" }
            << L { "event:Warning FailedScheduling",
                   "event:0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No "
                   "preemption victims found for incoming pod.",
                   "number:requests of this pod: cpu 250m, memory 8192Mi", "number:node minikube allocatable" }
            << L { "copy-command", "copy-command" } << L {};
        QTest::newRow("readiness-failing")
            << "readiness-failing"
            << "probe-failing"
            << "warning"
            << "Pod"
            << "backend"
            << "backend" << L { "is not ready", "GET :8000/api/health", "HTTP 503" }
            << L { "spec:spec.containers[backend].readinessProbe = http-get http://:8000/api/health",
                   "event:Warning Unhealthy", "event:Readiness probe failed: HTTP probe failed with statuscode: 503",
                   "status:containerStatuses[backend].ready = false" }
            << L { "copy-command", "copy-command" } << L {};
        QTest::newRow("no-endpoints") << "no-endpoints"
                                      << "service-no-pods"
                                      << "error"
                                      << "Service"
                                      << "frontend-service"
                                      << "" << L { "Service frontend-service matches no pod", "app=fronted" }
                                      << L { "spec:spec.selector = app=fronted",
                                             "status:no pod in todo-app has the labels app=fronted",
                                             "spec:deployment frontend: spec.template.metadata.labels = app=frontend" }
                                      << L { "copy-command", "copy-command" } << L {};
        QTest::newRow("crashloop") << "crashloop"
                                   << "crash-loop"
                                   << "error"
                                   << "Pod"
                                   << "backend"
                                   << "backend" << L { "restarts", "DATABASE_URL is not set" }
                                   << L { "status:containerStatuses[backend].lastState.terminated: Error, exit code 1",
                                          "log:KeyError: 'DATABASE_URL'", "event:Warning BackOff" }
                                   << L { "open-secrets", "delete-pod", "restart-deployment", "copy-command" }
                                   << L { "open-secrets:key=DATABASE_URL" };
    }

    void scenario()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, rule);
        QFETCH(QString, severity);
        QFETCH(QString, kind);
        QFETCH(QString, name);
        QFETCH(QString, deployment);
        QFETCH(QStringList, summary);
        QFETCH(QStringList, evidence);
        QFETCH(QStringList, actions);
        QFETCH(QStringList, parameters);
        const auto server = TestCluster::start(scenario, kNs);
        QVERIFY(server);

        const Run r = diagnose(*server, { QStringLiteral("-o"), QStringLiteral("json") });
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QJsonParseError error;
        const QJsonObject document = QJsonDocument::fromJson(r.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, r.out.constData());
        QCOMPARE(document.value(QLatin1String("context")).toString(), QStringLiteral("minikube"));
        QCOMPARE(document.value(QLatin1String("namespace")).toString(), kNs);
        QCOMPARE(document.value(QLatin1String("healthy")), QJsonValue(false));

        QJsonObject finding;
        for (const QJsonValue& value : document.value(QLatin1String("findings")).toArray()) {
            if (value.toObject().value(QLatin1String("rule")).toString() == rule)
                finding = value.toObject();
        }
        QVERIFY2(!finding.isEmpty(),
                 qPrintable(QStringLiteral("no %1 finding in %2").arg(rule, QString::fromUtf8(r.out))));
        const QString objectName = finding.value(QLatin1String("objectName")).toString();
        QCOMPARE(finding.value(QLatin1String("severity")).toString(), severity);
        QCOMPARE(finding.value(QLatin1String("objectKind")).toString(), kind);
        if (kind == QLatin1String("Pod"))
            QCOMPARE(objectName, TestCluster::podOf(*server, kNs, name));
        else
            QCOMPARE(objectName, name);
        QCOMPARE(finding.value(QLatin1String("deployment")).toString(), deployment);
        QCOMPARE(finding.value(QLatin1String("key")).toString(),
                 QStringLiteral("%1/%2/%3").arg(rule, kind, objectName));
        const QString summaryText = finding.value(QLatin1String("summary")).toString();
        QVERIFY2(summaryText.contains(objectName), qPrintable(summaryText));
        for (const QString& part : std::as_const(summary))
            QVERIFY2(summaryText.contains(part), qPrintable(QStringLiteral("%1 not in: %2").arg(part, summaryText)));
        QVERIFY(!finding.value(QLatin1String("explanation")).toString().isEmpty());

        const QJsonArray evidenceArray = finding.value(QLatin1String("evidence")).toArray();
        for (const QString& expected : std::as_const(evidence)) {
            const QString expectedKind = expected.section(QLatin1Char(':'), 0, 0);
            const QString text = expected.section(QLatin1Char(':'), 1);
            const bool found = std::any_of(evidenceArray.begin(), evidenceArray.end(), [&](const QJsonValue& e) {
                return e.toObject().value(QLatin1String("kind")).toString() == expectedKind
                    && e.toObject().value(QLatin1String("text")).toString().contains(text);
            });
            QVERIFY2(
                found,
                qPrintable(QStringLiteral("no %1 evidence with \"%2\" in %3")
                               .arg(expectedKind, text, QString::fromUtf8(QJsonDocument(evidenceArray).toJson()))));
        }

        const QJsonArray actionArray = finding.value(QLatin1String("actions")).toArray();
        QCOMPARE(kindsOf(actionArray), actions);
        for (const QJsonValue& value : actionArray) {
            const QJsonObject action = value.toObject();
            QVERIFY(!action.value(QLatin1String("title")).toString().isEmpty());
            QVERIFY(!action.value(QLatin1String("command")).toString().isEmpty());
            QCOMPARE(action.value(QLatin1String("oneClick")).toBool(),
                     action.value(QLatin1String("kind")).toString() != QLatin1String("copy-command"));
            if (action.value(QLatin1String("oneClick")).toBool())
                QVERIFY(!action.value(QLatin1String("confirmText")).toString().isEmpty());
        }
        for (const QString& expected : std::as_const(parameters)) {
            const QString actionKind = expected.section(QLatin1Char(':'), 0, 0);
            const QString key = expected.section(QLatin1Char(':'), 1).section(QLatin1Char('='), 0, 0);
            const QString wanted = expected.section(QLatin1Char('='), 1);
            const auto action = std::find_if(actionArray.begin(), actionArray.end(), [&](const QJsonValue& a) {
                return a.toObject().value(QLatin1String("kind")).toString() == actionKind;
            });
            QVERIFY(action != actionArray.end());
            QCOMPARE(action->toObject().value(QLatin1String("parameters")).toObject().value(key).toString(), wanted);
        }
    }

    void healthy()
    {
        const auto server = TestCluster::start(QStringLiteral("todo-app"), kNs);
        QVERIFY(server);
        const Run json = diagnose(*server, { QStringLiteral("-o"), QStringLiteral("json") });
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonObject document = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(document.value(QLatin1String("healthy")), QJsonValue(true));
        QCOMPARE(document.value(QLatin1String("findings")).toArray().size(), 0);
        const Run text = diagnose(*server);
        QCOMPARE(text.exitCode, 0);
        QCOMPARE(QString::fromUtf8(text.out).trimmed(),
                 QStringLiteral("✔ All healthy: nothing in namespace todo-app needs attention."));
    }

    void filtersToDeploymentAndPod()
    {
        const auto server = TestCluster::start(QStringLiteral("crashloop"), kNs);
        QVERIFY(server);
        const QString pod = TestCluster::podOf(*server, kNs, QStringLiteral("backend"));
        QVERIFY(!pod.isEmpty());

        const Run deployment
            = diagnose(*server, { QStringLiteral("deploy/backend"), QStringLiteral("-o"), QStringLiteral("json") });
        QCOMPARE(deployment.exitCode, 1);
        QStringList rules;
        for (const QJsonValue& value :
             QJsonDocument::fromJson(deployment.out).object().value(QLatin1String("findings")).toArray()) {
            const QJsonObject f = value.toObject();
            rules.append(f.value(QLatin1String("rule")).toString());
            QVERIFY2(f.value(QLatin1String("deployment")).toString() == QLatin1String("backend")
                         || (f.value(QLatin1String("objectKind")).toString() == QLatin1String("Deployment")
                             && f.value(QLatin1String("objectName")).toString() == QLatin1String("backend")),
                     qPrintable(f.value(QLatin1String("key")).toString()));
        }
        QVERIFY2(rules.contains(QStringLiteral("rollout-stuck")) && rules.contains(QStringLiteral("crash-loop")),
                 qPrintable(rules.join(QLatin1Char(','))));

        const Run onePod = diagnose(*server, { pod, QStringLiteral("-o"), QStringLiteral("json") });
        QCOMPARE(onePod.exitCode, 1);
        const QJsonArray findings
            = QJsonDocument::fromJson(onePod.out).object().value(QLatin1String("findings")).toArray();
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().toObject().value(QLatin1String("key")).toString(),
                 QStringLiteral("crash-loop/Pod/") + pod);

        // The healthy frontend: nothing about it, exit 0.
        const Run frontend = diagnose(*server, { QStringLiteral("deploy/frontend") });
        QCOMPARE(frontend.exitCode, 0);
        QVERIFY2(frontend.out.contains("All healthy: nothing in deployment/frontend needs attention."),
                 frontend.out.constData());
    }

    void unknownTargetIsAnError()
    {
        const auto server = TestCluster::start(QStringLiteral("todo-app"), kNs);
        QVERIFY(server);
        const Run r = diagnose(*server, { QStringLiteral("deploy/nope") });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("deployment \"nope\" not found in namespace todo-app"), r.err.constData());
        QVERIFY(r.out.isEmpty());
        const Run pod = diagnose(*server, { QStringLiteral("backend-nope-12345") });
        QCOMPARE(pod.exitCode, 3);
        QVERIFY2(pod.err.contains("pod \"backend-nope-12345\" not found"), pod.err.constData());
    }

    void unreachableClusterExits3()
    {
        const QString path = m_quayside.home(QStringLiteral("closed-port.kubeconfig"));
        QVERIFY(TestCluster::writeUnreachableKubeconfig(path));
        const Run r = m_quayside.run({ QStringLiteral("diagnose"), QStringLiteral("--kubeconfig"), path,
                                       QStringLiteral("-o"), QStringLiteral("json") });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.startsWith("error: "), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void crashLoopText()
    {
        const auto server = TestCluster::start(QStringLiteral("crashloop"), kNs);
        QVERIFY(server);
        const QString pod = TestCluster::podOf(*server, kNs, QStringLiteral("backend"));
        QString uid;
        for (const QJsonObject& p : server->server()->pods(kNs)) {
            const QJsonObject metadata = p.value(QLatin1String("metadata")).toObject();
            if (metadata.value(QLatin1String("name")).toString() == pod)
                uid = metadata.value(QLatin1String("uid")).toString();
        }
        QVERIFY(!pod.isEmpty() && !uid.isEmpty());
        const Run r = diagnose(*server);
        QCOMPARE(r.exitCode, 1);
        // Ages move between runs; the pod's name and uid are generated.
        QString text = QString::fromUtf8(r.out);
        text.replace(pod, QStringLiteral("POD"));
        text.replace(uid, QStringLiteral("UID"));
        text.replace(QRegularExpression(QStringLiteral("\\b[0-9][0-9a-z]* ago\\b")), QStringLiteral("AGE ago"));
        QFile golden(kGolden);
        if (qEnvironmentVariableIsSet("QUAYSIDE_UPDATE_GOLDEN")) {
            QVERIFY(golden.open(QIODevice::WriteOnly | QIODevice::Truncate));
            golden.write(text.toUtf8());
            QSKIP("golden file written");
        }
        QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(kGolden));
        QCOMPARE(text, QString::fromUtf8(golden.readAll()));
    }
};

QTEST_GUILESS_MAIN(DiagnoseCommandTest)
#include "DiagnoseCommandTest.moc"
