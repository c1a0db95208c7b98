// Single instance, end to end: the real `quayside` binary started twice in GUI mode (offscreen) with a
// throw-away HOME. The second launch hands its arguments to the first and exits 0; the first logs
// (at debug/info, -v) the page it switched to. --new-instance opens a second window; a socket left by a
// crashed first window does not stop the next start.
#include "SingleInstance.h"

#include "support/QuaysideProcess.h"

#include <QDir>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using quayside::test::QuaysideProcess;
using quayside::ui::SingleInstance;

class TestSingleInstance : public QObject
{
    Q_OBJECT

    std::unique_ptr<QuaysideProcess> m_home;
    QList<QProcess*> m_running;

    // A window in GUI mode; its stderr (-v: info and debug) is collected.
    QProcess* start(const QStringList& arguments)
    {
        auto* process = new QProcess(this);
        process->setProcessEnvironment(m_home->environment());
        process->setWorkingDirectory(m_home->workingDirectory());
        process->setProcessChannelMode(QProcess::SeparateChannels);
        process->start(QuaysideProcess::binary(), QStringList { QStringLiteral("-v") } + arguments);
        m_running << process;
        return process;
    }

    static QString errorOutput(QProcess* process)
    {
        // readAllStandardError() consumes: keep what was read on the object.
        QByteArray all = process->property("stderr").toByteArray() + process->readAllStandardError();
        process->setProperty("stderr", all);
        return QString::fromUtf8(all);
    }

    static void stop(QProcess* process)
    {
        if (process->state() == QProcess::NotRunning)
            return;
        process->terminate();
        if (!QTest::qWaitFor([process] { return process->state() == QProcess::NotRunning; }, 20000))
            process->kill();
        QVERIFY(QTest::qWaitFor([process] { return process->state() == QProcess::NotRunning; }, 20000));
    }

    QStringList socketFiles() const
    {
        return QDir(m_home->home(QStringLiteral("tmp"))).entryList({ QStringLiteral("quayside-*") }, QDir::System);
    }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QuaysideProcess>();
        QVERIFY(m_home->isValid());
        QVERIFY(QDir().mkpath(m_home->home(QStringLiteral("tmp"))));
        QVERIFY(QDir().mkpath(m_home->home(QStringLiteral("run"))));
        QFile::setPermissions(m_home->home(QStringLiteral("run")),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_home->setVariable(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // The socket lives in QDir::tempPath(): this test's own, so parallel runs never meet.
        m_home->setVariable(QStringLiteral("TMPDIR"), m_home->home(QStringLiteral("tmp")));
        m_home->setVariable(QStringLiteral("XDG_RUNTIME_DIR"), m_home->home(QStringLiteral("run")));
        // No real tools for the doctor to run.
        m_home->setVariable(QStringLiteral("PATH"), m_home->home(QStringLiteral("no-tools")));
    }

    void cleanup()
    {
        for (QProcess* process : std::as_const(m_running))
            stop(process);
        qDeleteAll(m_running);
        m_running.clear();
        m_home.reset();
    }

    void nameIsPerUserAndSettingsFile()
    {
        const QString a = SingleInstance::serverName(QStringLiteral("/home/a/.config/Quayside/quayside.conf"));
        const QString b = SingleInstance::serverName(QStringLiteral("/tmp/ci-2/Quayside/quayside.conf"));
        QVERIFY(a.startsWith(QStringLiteral("quayside-")));
        QVERIFY(a != b);
        QCOMPARE(a, SingleInstance::serverName(QStringLiteral("/home/a/.config/Quayside/quayside.conf")));
        QVERIFY(!a.contains(QLatin1Char('/')));
    }

    // The second launch raises the first with its --page and exits 0.
    void secondLaunchHandsOver()
    {
        QProcess* first = start({});
        QTRY_VERIFY_WITH_TIMEOUT(errorOutput(first).contains(QLatin1String("window: shown")), 60000);
        QVERIFY(errorOutput(first).contains(QLatin1String("single instance: listening")));

        QProcess* second = start({ QStringLiteral("--page"), QStringLiteral("dashboard") });
        QTRY_VERIFY_WITH_TIMEOUT(second->state() == QProcess::NotRunning, 60000);
        QCOMPARE(second->exitStatus(), QProcess::NormalExit);
        QCOMPARE(second->exitCode(), 0);
        QVERIFY2(errorOutput(second).contains(QLatin1String("handed over")), qPrintable(errorOutput(second)));
        QVERIFY(!errorOutput(second).contains(QLatin1String("window: shown")));
        QTRY_VERIFY_WITH_TIMEOUT(errorOutput(first).contains(QLatin1String("window: showing dashboardPage")), 30000);
        QVERIFY(first->state() == QProcess::Running);

        // A second hand-over: the first window keeps listening.
        QProcess* third = start({ QStringLiteral("--page=secrets") });
        QTRY_VERIFY_WITH_TIMEOUT(third->state() == QProcess::NotRunning, 60000);
        QCOMPARE(third->exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(errorOutput(first).contains(QLatin1String("window: showing secretsPage")), 30000);
    }

    // --new-instance: both windows run.
    void newInstanceBypasses()
    {
        QProcess* first = start({});
        QTRY_VERIFY_WITH_TIMEOUT(errorOutput(first).contains(QLatin1String("single instance: listening")), 60000);
        QProcess* second
            = start({ QStringLiteral("--new-instance"), QStringLiteral("--page"), QStringLiteral("deploy") });
        QTRY_VERIFY_WITH_TIMEOUT(errorOutput(second).contains(QLatin1String("window: shown (buildDeployPage)")), 60000);
        QVERIFY(errorOutput(second).contains(QLatin1String("--new-instance")));
        QCOMPARE(second->state(), QProcess::Running);
        QCOMPARE(first->state(), QProcess::Running);
        QVERIFY(!errorOutput(first).contains(QLatin1String("second launch")));
    }

    // A first window killed (no chance to clean up) leaves its socket file; the next start still
    // becomes the window, and hands-over work with it.
    void staleSocketDoesNotBlock()
    {
        QProcess* crashed = start({});
        QTRY_VERIFY_WITH_TIMEOUT(errorOutput(crashed).contains(QLatin1String("single instance: listening")), 60000);
        crashed->kill();
        QTRY_VERIFY_WITH_TIMEOUT(crashed->state() == QProcess::NotRunning, 30000);
        QCOMPARE(socketFiles().size(), 1); // left behind
        // Nobody answers on it.
        QLocalSocket probe;
        probe.connectToServer(m_home->home(QStringLiteral("tmp/")) + socketFiles().first());
        QTRY_VERIFY_WITH_TIMEOUT(probe.state() == QLocalSocket::UnconnectedState, 10000);

        QProcess* next = start({});
        QTRY_VERIFY_WITH_TIMEOUT(errorOutput(next).contains(QLatin1String("window: shown")), 60000);
        QVERIFY(errorOutput(next).contains(QLatin1String("single instance: listening")));
        QProcess* second = start({ QStringLiteral("--page"), QStringLiteral("ask-ai") });
        QTRY_VERIFY_WITH_TIMEOUT(second->state() == QProcess::NotRunning, 60000);
        QCOMPARE(second->exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(errorOutput(next).contains(QLatin1String("window: showing askAiPage")), 30000);
    }

    // Command-line runs are never single-instance: with a window running, `quayside --version` and
    // `quayside doctor` still run themselves.
    void commandsAreNotSingleInstance()
    {
        QProcess* first = start({});
        QTRY_VERIFY_WITH_TIMEOUT(errorOutput(first).contains(QLatin1String("single instance: listening")), 60000);
        const QuaysideProcess::Run version = m_home->run({ QStringLiteral("--version") });
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("quayside "));
        QVERIFY(!errorOutput(first).contains(QLatin1String("second launch")));
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "SingleInstanceTest.moc"
