#include "pipeline/HelmCommands.h"

#include "core/ExecutableFinder.h"
#include "pipeline/HelmFailure.h"
#include "pipeline/HelmVersionProbe.h"
#include "pipeline/PipelineContext.h"
#include "process/ProcessToolRunner.h"
#include "profile/ProfileLoader.h"
#include "profile/ProfileLocator.h"
#include "support/HelmBinaries.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;
using namespace quayside::test;

// The argv Quayside gives each Helm version, and proof that the real Helm 3.17.2 and 4.1.4 take it:
// against a closed port on loopback each gets as far as reaching the cluster, without an unknown flag
// or a deprecation warning on the way.
class HelmCommandsTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<Profile> m_profile;

    PipelineContext context(const QVersionNumber& helm, bool noWait = false) const
    {
        PipelineContext c;
        c.profile = *m_profile;
        c.options.noWait = noWait;
        c.options.target.kubeconfigFiles = { m_dir.filePath(QStringLiteral("kubeconfig")) };
        c.options.target.context = QStringLiteral("minikube");
        c.helmVersion = helm;
        return c;
    }

    QString overrideFile() const { return m_dir.filePath(QStringLiteral("quayside-values.yaml")); }

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run runReal(const QString& helm, const ToolCommand& command) const
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("KUBECONFIG"));
        for (const char* dir : { "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME" })
            env.insert(QLatin1String(dir), m_dir.filePath(QStringLiteral("helm-home")));
        for (auto it = command.environment.cbegin(); it != command.environment.cend(); ++it)
            env.insert(it.key(), it.value());
        process.setProcessEnvironment(env);
        process.start(helm, command.arguments);
        if (!process.waitForFinished(60000))
            process.kill();
        process.waitForFinished(1000);
        return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                 QString::fromUtf8(process.readAllStandardError()) };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QList<ProfileError> errors;
        m_profile = ProfileLoader::loadFile(ProfileLocator::shippedProfile(), &errors, { {}, false });
        QVERIFY2(m_profile, qPrintable(ProfileError::join(errors)));
        // minikube's kubeconfig shape, on a loopback port nothing listens on.
        QFile kubeconfig(m_dir.filePath(QStringLiteral("kubeconfig")));
        QVERIFY(kubeconfig.open(QIODevice::WriteOnly));
        kubeconfig.write("apiVersion: v1\nkind: Config\n"
                         "clusters:\n- cluster: {server: 'https://127.0.0.1:1'}\n  name: minikube\n"
                         "contexts:\n- context: {cluster: minikube, user: minikube, namespace: default}\n"
                         "  name: minikube\ncurrent-context: minikube\n"
                         "users:\n- name: minikube\n  user: {token: not-a-real-token}\n");
        kubeconfig.close();
        QFile values(overrideFile());
        QVERIFY(values.open(QIODevice::WriteOnly));
        values.write("backend:\n  image:\n    tag: \"3f2a9c1b7d4e\"\n");
    }

    void flags_data()
    {
        QTest::addColumn<QVersionNumber>("helm");
        QTest::addColumn<QStringList>("upgrade");
        QTest::addColumn<QStringList>("rollback");
        const QStringList helm3Upgrade { QStringLiteral("--atomic"), QStringLiteral("--wait") };
        const QStringList helm4Upgrade { QStringLiteral("--rollback-on-failure"), QStringLiteral("--wait=watcher") };
        const QStringList helm3Rollback { QStringLiteral("--wait") };
        const QStringList helm4Rollback { QStringLiteral("--wait=watcher") };
        QTest::newRow("not known") << QVersionNumber() << helm3Upgrade << helm3Rollback;
        QTest::newRow("3.12.0") << QVersionNumber(3, 12, 0) << helm3Upgrade << helm3Rollback;
        QTest::newRow("3.17.2") << QVersionNumber(3, 17, 2) << helm3Upgrade << helm3Rollback;
        QTest::newRow("4.0.0") << QVersionNumber(4, 0, 0) << helm4Upgrade << helm4Rollback;
        QTest::newRow("4.1.4") << QVersionNumber(4, 1, 4) << helm4Upgrade << helm4Rollback;
        QTest::newRow("5.0.0") << QVersionNumber(5, 0, 0) << helm4Upgrade << helm4Rollback;
    }
    void flags()
    {
        QFETCH(QVersionNumber, helm);
        QFETCH(QStringList, upgrade);
        QFETCH(QStringList, rollback);
        const PipelineContext c = context(helm);
        const QString chart = m_profile->chartPath();
        const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
        QCOMPARE(HelmCommands::upgrade(c, overrideFile()).arguments,
                 QStringList({ QStringLiteral("upgrade"), QStringLiteral("--install"), QStringLiteral("todo-chatbot"),
                               chart, QStringLiteral("-n"), QStringLiteral("todo-app"),
                               QStringLiteral("--create-namespace"), QStringLiteral("-f"),
                               chart + QStringLiteral("/values-dev.yaml"), QStringLiteral("-f"), overrideFile() })
                     + upgrade
                     + QStringList({ QStringLiteral("--timeout"), QStringLiteral("5m"), QStringLiteral("--kubeconfig"),
                                     kubeconfig, QStringLiteral("--kube-context"), QStringLiteral("minikube") }));
        QCOMPARE(HelmCommands::rollback(c, 2).arguments,
                 QStringList({ QStringLiteral("rollback"), QStringLiteral("todo-chatbot"), QStringLiteral("2"),
                               QStringLiteral("-n"), QStringLiteral("todo-app") })
                     + rollback
                     + QStringList({ QStringLiteral("--timeout"), QStringLiteral("5m"), QStringLiteral("--kubeconfig"),
                                     kubeconfig, QStringLiteral("--kube-context"), QStringLiteral("minikube") }));
        // --no-wait: neither version waits (Helm 4's default strategy, hookOnly, is Helm 3's no --wait).
        const QStringList noWait = HelmCommands::upgrade(context(helm, true), overrideFile()).arguments;
        for (const QString& flag : upgrade)
            QVERIFY2(!noWait.contains(flag), qPrintable(flag));
    }

    void versionCommand()
    {
        const ToolCommand command = HelmCommands::version(context({}));
        QCOMPARE(command.program, QStringLiteral("helm"));
        QCOMPARE(command.arguments.mid(0, 2), QStringList({ QStringLiteral("version"), QStringLiteral("--short") }));
        QVERIFY(command.timeout.count() > 0);
    }

    void realHelm_data()
    {
        QTest::addColumn<int>("major");
        QTest::addColumn<QString>("command");
        for (int major : { 3, 4 }) {
            for (const char* command : { "upgrade", "rollback", "history" })
                QTest::addRow("helm %d %s", major, command) << major << QString::fromLatin1(command);
        }
    }
    void realHelm()
    {
        QFETCH(int, major);
        QFETCH(QString, command);
        const QString helm = helmBinary(major);
        QUAYSIDE_REQUIRE_HELM(helm);
        const PipelineContext c = context(QVersionNumber(major));
        const ToolCommand tool = command == QLatin1String("upgrade") ? HelmCommands::upgrade(c, overrideFile())
            : command == QLatin1String("rollback")                   ? HelmCommands::rollback(c, 1)
                                                                     : HelmCommands::history(c);
        const Run run = runReal(helm, tool);
        QCOMPARE(run.exitCode, 1);
        // Helm 4 warns "Flag --atomic has been deprecated, use --rollback-on-failure instead" for Helm 3's flag.
        QVERIFY2(!run.err.contains(QLatin1String("deprecated"), Qt::CaseInsensitive), qPrintable(run.err));
        QVERIFY2(!run.err.contains(QLatin1String("unknown flag")), qPrintable(run.err));
        QVERIFY2(!run.err.contains(QLatin1String("invalid argument")), qPrintable(run.err));
        QCOMPARE(HelmFailure::parse(run.err).kind, HelmFailure::Kind::ClusterUnreachable);
        QVERIFY2(run.err.contains(QLatin1String("127.0.0.1:1")), qPrintable(run.err));
    }

    // Helm 3's flags on Helm 4 are what Quayside avoids: the warning is real (and Helm 3 refuses
    // Helm 4's wait strategy outright).
    void wrongFlagsAreNoticed()
    {
        const QString helm4 = helmBinary(4);
        QUAYSIDE_REQUIRE_HELM(helm4);
        const QString helm3 = helmBinary(3);
        QUAYSIDE_REQUIRE_HELM(helm3);
        const Run onHelm4 = runReal(helm4, HelmCommands::upgrade(context(QVersionNumber(3)), overrideFile()));
        QVERIFY2(onHelm4.err.contains(QLatin1String("Flag --atomic has been deprecated")), qPrintable(onHelm4.err));
        const Run onHelm3 = runReal(helm3, HelmCommands::upgrade(context(QVersionNumber(4)), overrideFile()));
        QVERIFY2(onHelm3.err.contains(QLatin1String("unknown flag: --rollback-on-failure")), qPrintable(onHelm3.err));
    }

    // The version the pipeline and `quayside rollback` ask for, from the real binaries, through both
    // ways of asking.
    void probe_data()
    {
        QTest::addColumn<int>("major");
        QTest::addColumn<QVersionNumber>("expected");
        QTest::newRow("helm 3") << 3 << QVersionNumber(3, 17, 2);
        QTest::newRow("helm 4") << 4 << QVersionNumber(4, 1, 4);
    }
    void probe()
    {
        QFETCH(int, major);
        QFETCH(QVersionNumber, expected);
        const QString helm = helmBinary(major);
        QUAYSIDE_REQUIRE_HELM(helm);
        ExecutableFinder::setOverrides({ { QStringLiteral("helm"), helm } });
        auto restore = qScopeGuard([] { ExecutableFinder::setOverrides({}); });

        ProcessToolRunner runner;
        PipelineContext c = context({});
        c.runner = &runner;
        QVersionNumber found;
        QString error = QStringLiteral("not called");
        HelmVersionProbe::start(c, this, [&](const QVersionNumber& version, const QString& why) {
            found = version;
            error = why;
        });
        QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("not called"), 30000);
        QCOMPARE(found, expected);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void probeWithoutHelm()
    {
        ExecutableFinder::setOverrides({ { QStringLiteral("helm"), m_dir.filePath(QStringLiteral("no-such-helm")) } });
        auto restore = qScopeGuard([] { ExecutableFinder::setOverrides({}); });
        ProcessToolRunner runner;
        PipelineContext c = context({});
        c.runner = &runner;
        QVersionNumber found;
        QString error = QStringLiteral("not called");
        HelmVersionProbe::start(c, this, [&](const QVersionNumber& version, const QString& why) {
            found = version;
            error = why;
        });
        QTRY_VERIFY_WITH_TIMEOUT(error != QLatin1String("not called"), 30000);
        QVERIFY(found.isNull());
        QVERIFY2(error.contains(QLatin1String("not installed")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(HelmCommandsTest)
#include "HelmCommandsTest.moc"
