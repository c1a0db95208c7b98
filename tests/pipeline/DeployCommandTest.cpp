#include "DeployRig.h"
#include "profile/ProfileLoader.h"
#include "support/ProcessProbe.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace quayside;
using namespace quayside::test;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// The real binary, as a user runs it. Waits with the event loop running: the rig's helm stand-in
// needs it to install into the fake API server.
Run runQuayside(const QStringList& arguments, int timeoutMs = 60000, std::function<void(QProcess&)> during = {})
{
    QProcess process;
    process.start(QStringLiteral(QUAYSIDE_BINARY_DIR "/app/main/quayside"), arguments);
    QSignalSpy finished(&process, &QProcess::finished);
    if (during)
        during(process);
    if (finished.isEmpty() && !finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        qWarning("quayside %s did not finish", qPrintable(arguments.join(QLatin1Char(' '))));
    }
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
             QString::fromUtf8(process.readAllStandardError()) };
}

} // namespace

// `quayside deploy`, `init` and `rollback` from the command line, against stand-in tools and the fake
// API server.
class DeployCommandTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<DeployRig> m_rig;

    QStringList target() const
    {
        return { QStringLiteral("--profile"), m_rig->profilePath(), QStringLiteral("--kubeconfig"),
                 m_rig->server()->kubeconfigPath() };
    }

private Q_SLOTS:
    void init()
    {
        DeployRig::Options options;
        options.keychainService = QStringLiteral("quayside");
        m_rig = std::make_unique<DeployRig>(options);
        QString error;
        QVERIFY2(m_rig->setUp(&error), qPrintable(error));
    }
    void cleanup() { m_rig.reset(); }

    void dryRunOfTheShippedProfile()
    {
        const Run run = runQuayside({ QStringLiteral("deploy"), QStringLiteral("--dry-run") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(QStringLiteral("#!/usr/bin/env bash")), qPrintable(run.out));
        QVERIFY(run.out.contains(QStringLiteral("SOURCE=${SOURCE:?")));
        QVERIFY(run.out.contains(QStringLiteral("helm upgrade --install todo-chatbot")));
        // The flags of the Helm on PATH (the stand-in is Helm 3.17.2): asking it is all a dry run runs.
        QVERIFY(run.out.contains(QStringLiteral("--atomic --wait --timeout 5m --kube-context minikube")));
        QVERIFY(run.out.contains(QStringLiteral("# These are the flags of the Helm found on PATH, 3.17.2.")));
        const QList<StandInTools::Call> calls = m_rig->tools().calls();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.first().tool, QStringLiteral("helm"));
        QCOMPARE(calls.first().arguments.mid(0, 2),
                 (QStringList { QStringLiteral("version"), QStringLiteral("--short") }));

        const Run json = runQuayside({ QStringLiteral("deploy"), QStringLiteral("--dry-run"), QStringLiteral("-o"),
                                       QStringLiteral("json"), QStringLiteral("--source"), m_rig->sourceDir() });
        QCOMPARE(json.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QVERIFY(o.value(QLatin1String("script")).toString().contains(QStringLiteral("-t todo-backend:")));
        QVERIFY(!o.value(QLatin1String("script")).toString().contains(QStringLiteral("<hash>")));
    }

    void profileErrorsNameFileLineAndField()
    {
        QFile file(m_rig->profilePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray yaml = file.readAll();
        file.close();
        yaml.replace("  cpus: 2\n", "  cpus: one\n");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(yaml);
        file.close();
        const Run run = runQuayside(QStringList { QStringLiteral("deploy") } + target());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(
            run.err.contains(m_rig->profilePath() + QStringLiteral(":7:9: minikube.cpus: expected a whole number")),
            qPrintable(run.err));
    }

    void initWritesACommentedProfile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("quayside.yaml"));
        const Run run = runQuayside({ QStringLiteral("init"), QStringLiteral("--source"), m_rig->sourceDir(),
                                      QStringLiteral("--output"), out });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("Wrote")));
        QList<ProfileError> errors;
        const auto profile = ProfileLoader::loadFile(out, &errors, { {}, false });
        QVERIFY2(profile, qPrintable(ProfileError::join(errors)));
        QCOMPARE(profile->sourceDirectory(), m_rig->sourceDir());
        QCOMPARE(profile->chartPath(), QStringLiteral(QUAYSIDE_SOURCE_DIR "/k8s-templates/helm/todo-chatbot"));
        const Run again = runQuayside({ QStringLiteral("init"), QStringLiteral("--output"), out });
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(QStringLiteral("already exists (use --force")));
    }

    void deployPrintsALinePerStepChange()
    {
        const Run run = runQuayside(QStringList { QStringLiteral("deploy") } + target());
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const QStringList lines = run.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 13); // running + done for six steps, then the summary
        QVERIFY2(lines[0].contains(QStringLiteral("] cluster  running")), qPrintable(lines[0]));
        QVERIFY(lines[1].contains(QStringLiteral("] cluster  done")));
        QVERIFY2(lines[3].contains(QStringLiteral("images   done      backend built (todo-backend:")),
                 qPrintable(lines[3]));
        QVERIFY(lines[12].startsWith(QStringLiteral("Deployed in ")));
        QVERIFY(lines[12].endsWith(QStringLiteral("http://127.0.0.1:%1").arg(m_rig->healthPort())));

        const Run json = runQuayside(
            QStringList { QStringLiteral("deploy"), QStringLiteral("-o"), QStringLiteral("json") } + target());
        QCOMPARE(json.exitCode, 0);
        const QStringList objects = json.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(objects.size(), 13);
        for (const QString& line : objects)
            QVERIFY2(QJsonDocument::fromJson(line.toUtf8()).isObject(), qPrintable(line));
        const QJsonObject last = QJsonDocument::fromJson(objects.last().toUtf8()).object();
        QCOMPARE(last.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(last.value(QLatin1String("revision")).toInt(), 2);
    }

    void failureExitsNonZeroWithTheStepsMessage()
    {
        m_rig->setFlag(QStringLiteral("helm-fails"), true);
        const Run run = runQuayside(QStringList { QStringLiteral("deploy") } + target());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("error: helm: helm upgrade failed")), qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("] helm     failed")));
    }

    void ctrlCCancelsAndLeavesNoBuild()
    {
        m_rig->setFlag(QStringLiteral("build-hangs"), true);
        const QString pidFile = m_rig->stateDir() + QStringLiteral("/build.child.pid");
        const Run run = runQuayside(QStringList { QStringLiteral("deploy") } + target(), 60000, [&](QProcess& process) {
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(pidFile) && ProcessProbe::pidFromFile(pidFile) > 0, 30000);
            ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        });
        QCOMPARE(run.exitCode, 130);
        QVERIFY2(run.out.contains(QStringLiteral("] images   cancelled")), qPrintable(run.out));
        // The group was killed when the build's shell ended; the kernel may take a moment more to end
        // the grandchild.
        const qint64 child = ProcessProbe::pidFromFile(pidFile);
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessProbe::isRunning(child), 2000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !ProcessProbe::isRunning(ProcessProbe::pidFromFile(m_rig->stateDir() + QStringLiteral("/build.pid"))),
            2000);
    }

    void rollbackListsAndRollsBack()
    {
        QCOMPARE(runQuayside(QStringList { QStringLiteral("deploy") } + target()).exitCode, 0);
        QCOMPARE(runQuayside(QStringList { QStringLiteral("deploy") } + target()).exitCode, 0);
        const Run list = runQuayside(QStringList { QStringLiteral("rollback") } + target());
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.startsWith(QStringLiteral("REVISION")), qPrintable(list.out));
        QVERIFY(list.out.contains(QStringLiteral("deployed")));
        const Run rollback = runQuayside(QStringList { QStringLiteral("rollback"), QStringLiteral("1") } + target());
        QVERIFY2(rollback.exitCode == 0, qPrintable(rollback.err));
        QVERIFY(rollback.out.contains(QStringLiteral("rolled back to revision 1")));
        bool called = false;
        for (const auto& call : m_rig->tools().calls(QStringLiteral("helm"))) {
            if (call.arguments.value(0) == QLatin1String("rollback")) {
                QCOMPARE(call.arguments.mid(0, 7),
                         (QStringList { QStringLiteral("rollback"), QStringLiteral("todo-chatbot"), QStringLiteral("1"),
                                        QStringLiteral("-n"), QStringLiteral("todo-app"), QStringLiteral("--wait"),
                                        QStringLiteral("--timeout") }));
                called = true;
            }
        }
        QVERIFY(called);
        QCOMPARE(runQuayside({ QStringLiteral("rollback"), QStringLiteral("zero") }).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(DeployCommandTest)
#include "DeployCommandTest.moc"
