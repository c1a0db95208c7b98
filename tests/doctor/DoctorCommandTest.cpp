#include "MachineScenario.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace quayside::test;

namespace {
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The real binary, as a script would run it.
Run runQuayside(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(QUAYSIDE_BINARY_DIR "/app/main/quayside"), arguments);
    if (!process.waitForFinished(60000))
        qFatal("quayside did not finish");
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}
} // namespace

class DoctorCommandTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonOnThisMachineExitsOne()
    {
        StandInTools tools;
        MachineScenario::thisMachine().install(tools);
        tools.install();
        const Run run = runQuayside({QStringLiteral("doctor"), QStringLiteral("-o"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 1);
        QJsonParseError error{};
        const QJsonObject json = QJsonDocument::fromJson(run.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, run.out.constData());
        QCOMPARE(json.value(QLatin1String("ok")).toBool(true), false);
        QMap<QString, QString> status;
        for (const QJsonValue& v : json.value(QLatin1String("checks")).toArray())
            status.insert(v[QLatin1String("id")].toString(), v[QLatin1String("status")].toString());
        QCOMPARE(status.value(QStringLiteral("docker")), QStringLiteral("ok"));
        QCOMPARE(status.value(QStringLiteral("docker-daemon")), QStringLiteral("stopped"));
        QCOMPARE(status.value(QStringLiteral("minikube")), QStringLiteral("missing"));
        QCOMPARE(status.value(QStringLiteral("helm")), QStringLiteral("missing"));
        QCOMPARE(status.value(QStringLiteral("kubectl")), QStringLiteral("ok"));
        QCOMPARE(status.value(QStringLiteral("keychain")), QStringLiteral("ok")); // the private gnome-keyring
    }

    void tableMarksAndFixes()
    {
        StandInTools tools;
        MachineScenario::thisMachine().install(tools);
        tools.install();
        const Run run = runQuayside({QStringLiteral("doctor")});
        QCOMPARE(run.exitCode, 1);
        const QString text = QString::fromUtf8(run.out);
        QVERIFY2(text.contains(QStringLiteral("✔ docker ")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("✘ docker-daemon")));
        QVERIFY(text.contains(QStringLiteral("✘ minikube ")));
        QVERIFY(text.contains(QStringLiteral("! kubectl-ai")));
        QVERIFY(text.contains(QStringLiteral("    fix: sudo systemctl enable --now docker")));
        // Columns line up: every row's STATUS column starts where the header's does.
        const QStringList lines = text.split(QLatin1Char('\n'));
        const qsizetype column = lines.first().indexOf(QLatin1String("STATUS"));
        QVERIFY(column > 0);
        for (const QString& line : lines) {
            if (line.startsWith(QLatin1String("✔ ")) || line.startsWith(QLatin1String("✘ ")))
                QVERIFY2(line.at(column - 1) == QLatin1Char(' ') && line.at(column) != QLatin1Char(' '), qPrintable(line));
        }
    }

    void readyExitsZero()
    {
        StandInTools tools;
        MachineScenario::ready().install(tools);
        tools.install();
        const Run run = runQuayside({QStringLiteral("doctor"), QStringLiteral("--output"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QLatin1String("ok")).toBool(), true);
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("unknown flag") << QStringList{"doctor", "--bogus"};
        QTest::newRow("bad format") << QStringList{"doctor", "-o", "yaml"};
        QTest::newRow("stray argument") << QStringList{"doctor", "now"};
        QTest::newRow("unknown command") << QStringList{"doctr"};
    }
    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        const Run run = runQuayside(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith("error: "), run.err.constData());
    }

    void noDisplayFallsBackToDoctor()
    {
        StandInTools tools;
        MachineScenario::thisMachine().install(tools);
        tools.install();
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(QUAYSIDE_BINARY_DIR "/app/main/quayside"), {});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(process.readAllStandardOutput().contains("docker-daemon"));
    }
};

QTEST_GUILESS_MAIN(DoctorCommandTest)
#include "DoctorCommandTest.moc"
