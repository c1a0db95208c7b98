#include "process/ProcessToolRunner.h"

#include "support/ProcessProbe.h"
#include "support/StandInTools.h"
#include "support/TestPrinters.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace quayside;
using quayside::test::ProcessProbe;
using quayside::test::StandInTools;
using namespace std::chrono_literals;

namespace {
// Runs a command and waits for its result from the event loop (tests only; never in the app).
ToolResult runAndWait(ToolRunner& runner, const ToolCommand& command, QStringList* out = nullptr,
                      QStringList* err = nullptr)
{
    ToolJob* job = runner.start(command);
    QSignalSpy finished(job, &ToolJob::finished);
    if (out)
        QObject::connect(job, &ToolJob::standardOutputLine, job, [out](const QString& line) { out->append(line); });
    if (err)
        QObject::connect(job, &ToolJob::standardErrorLine, job, [err](const QString& line) { err->append(line); });
    if (!finished.wait(20000))
        return {};
    return finished.at(0).at(0).value<ToolResult>();
}
} // namespace

class ProcessToolRunnerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<quayside::ToolResult>(); }

    void argvIsNeverInterpretedByAShell()
    {
        StandInTools tools;
        tools.add(QStringLiteral("echoargs"), QStringLiteral("for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done"));
        tools.install();
        ProcessToolRunner runner;
        QStringList lines;
        const ToolResult r
            = runAndWait(runner,
                         { .program = QStringLiteral("echoargs"),
                           .arguments = { QStringLiteral("a b"), QStringLiteral("$(touch /tmp/quayside-pwned)"),
                                          QStringLiteral("'q'") } },
                         &lines);
        QVERIFY(r.ok());
        QCOMPARE(lines, (QStringList { "<a b>", "<$(touch /tmp/quayside-pwned)>", "<'q'>" }));
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/quayside-pwned")));
    }

    void environmentWorkingDirectoryAndStdin()
    {
        StandInTools tools;
        tools.add(QStringLiteral("show"),
                  QStringLiteral("echo \"var=$QUAYSIDE_X\"; echo \"home=${HOME-unset}\"; "
                                 "echo \"pwd=$(/bin/pwd)\"; read -r line; echo \"in=$line\""));
        tools.install();
        QTemporaryDir work;
        ProcessToolRunner runner;
        QStringList lines;
        const ToolResult r = runAndWait(runner,
                                        { .program = QStringLiteral("show"),
                                          .environment = { { QStringLiteral("QUAYSIDE_X"), QStringLiteral("42") } },
                                          .unsetEnvironment = { QStringLiteral("HOME") },
                                          .workingDirectory = work.path(),
                                          .standardInput = "from-stdin\n" },
                                        &lines);
        QVERIFY(r.ok());
        QCOMPARE(lines, (QStringList { "var=42", "home=unset", "pwd=" + work.path(), "in=from-stdin" }));
        QCOMPARE(r.standardOutput, QByteArray("var=42\nhome=unset\npwd=" + work.path().toUtf8() + "\nin=from-stdin\n"));
    }

    void exitCodeAndStreams()
    {
        StandInTools tools;
        tools.addPrinting(QStringLiteral("fails"), QStringLiteral("partial"), 3, QStringLiteral("it broke\n"));
        tools.install();
        ProcessToolRunner runner;
        QStringList out;
        QStringList err;
        const ToolResult r = runAndWait(runner, { .program = QStringLiteral("fails") }, &out, &err);
        QCOMPARE(r.outcome, ToolResult::Outcome::Finished);
        QCOMPARE(r.exitCode, 3);
        QVERIFY(!r.ok());
        QCOMPARE(out, QStringList { "partial" }); // an unterminated last line still arrives
        QCOMPARE(err, QStringList { "it broke" });
        QCOMPARE(r.describeFailure(), QStringLiteral("exit code 3: it broke"));
    }

    void notInstalled()
    {
        StandInTools tools;
        tools.install();
        ProcessToolRunner runner;
        const ToolResult r = runAndWait(runner, { .program = QStringLiteral("no-such-tool-quayside") });
        QCOMPARE(r.outcome, ToolResult::Outcome::NotFound);
        QVERIFY(r.errorString.contains(QLatin1String("not installed")));
    }

    void timeoutKillsTheWholeProcessGroup()
    {
        StandInTools tools;
        tools.addHanging(QStringLiteral("hangs"));
        tools.install();
        ProcessToolRunner runner;
        const ToolResult r = runAndWait(runner, { .program = QStringLiteral("hangs"), .timeout = 500ms });
        QCOMPARE(r.outcome, ToolResult::Outcome::TimedOut);
        const qint64 pid = ProcessProbe::pidFromFile(tools.recordsDir() + QStringLiteral("/hangs.pid"));
        const qint64 child = ProcessProbe::pidFromFile(tools.recordsDir() + QStringLiteral("/hangs.child.pid"));
        QVERIFY(pid > 0 && child > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessProbe::isRunning(pid) && !ProcessProbe::isRunning(child), 5000);
    }

    void hugeTimeoutDoesNotTimeOutInstantly_data()
    {
        QTest::addColumn<qint64>("timeoutMs");
        // QTimer takes int milliseconds: cast, 2^32 + 1 ms is a 1 ms timer.
        QTest::newRow("2^32 + 1 ms") << (qint64(1) << 32) + 1;
        QTest::newRow("999999999h") << qint64(999999999) * 3600 * 1000;
        QTest::newRow("milliseconds max") << std::numeric_limits<qint64>::max();
    }
    void hugeTimeoutDoesNotTimeOutInstantly()
    {
        QFETCH(qint64, timeoutMs);
        StandInTools tools;
        tools.add(QStringLiteral("naps"), QStringLiteral("sleep 0.2; exit 0"));
        tools.install();
        ProcessToolRunner runner;
        const ToolResult r = runAndWait(
            runner, { .program = QStringLiteral("naps"), .timeout = std::chrono::milliseconds(timeoutMs) });
        QCOMPARE(r.outcome, ToolResult::Outcome::Finished);
        QCOMPARE(r.exitCode, 0);
    }

    void cancelStopsTheToolAndItsChildren()
    {
        StandInTools tools;
        tools.addHanging(QStringLiteral("hangs"));
        tools.install();
        ProcessToolRunner runner;
        ToolJob* job = runner.start({ .program = QStringLiteral("hangs") });
        QSignalSpy started(job, &ToolJob::started);
        QSignalSpy finished(job, &ToolJob::finished);
        QVERIFY(started.wait(5000));
        const QString childFile = tools.recordsDir() + QStringLiteral("/hangs.child.pid");
        QTRY_VERIFY(ProcessProbe::pidFromFile(childFile) > 0);
        job->cancel();
        job->cancel(); // twice is harmless
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.at(0).at(0).value<ToolResult>().outcome, ToolResult::Outcome::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessProbe::isRunning(ProcessProbe::pidFromFile(childFile)), 5000);
    }

    void captureIsBounded()
    {
        StandInTools tools;
        tools.add(QStringLiteral("noisy"),
                  QStringLiteral("for i in $(seq 1 2000 2>/dev/null || echo 1); do echo 0123456789; done; "
                                 "i=0; while [ $i -lt 2000 ]; do echo 0123456789; i=$((i+1)); done"));
        tools.install();
        ProcessToolRunner runner;
        const ToolResult r = runAndWait(runner, { .program = QStringLiteral("noisy"), .maxCapturedBytes = 1000 });
        QVERIFY(r.ok());
        QCOMPARE(r.standardOutput.size(), 1000);
        QVERIFY(r.outputTruncated);
    }
};

QTEST_GUILESS_MAIN(ProcessToolRunnerTest)
#include "ProcessToolRunnerTest.moc"
