#include "kubeapi/FakeApiServer.h"
#include "kubeapi/FakeApiServerThread.h"
#include "support/QuaysideProcess.h"
#include "support/StandInTools.h"
#include "support/TestCluster.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <optional>

using quayside::test::FakeApiServer;
using quayside::test::FakeApiServerThread;
using quayside::test::QuaysideProcess;
using quayside::test::StandInTools;
using quayside::test::TestCluster;
using Run = QuaysideProcess::Run;

namespace {

const QString kNs = QStringLiteral("todo-app");

// What may differ between two runs of the same command: ages, and the free disk and memory the
// doctor measures (other processes write to the disk meanwhile).
QByteArray comparable(const QByteArray& out, const QString& kind)
{
    if (kind == QLatin1String("status json")) {
        QJsonObject doc = QJsonDocument::fromJson(out).object();
        QJsonArray pods;
        for (const QJsonValue& pod : doc.value(QLatin1String("pods")).toArray()) {
            QJsonObject p = pod.toObject();
            p.remove(QStringLiteral("age_seconds"));
            pods.append(p);
        }
        doc.insert(QStringLiteral("pods"), pods);
        return QJsonDocument(doc).toJson(QJsonDocument::Compact);
    }
    if (kind == QLatin1String("doctor")) {
        QString text = QString::fromUtf8(out);
        text.replace(QRegularExpression(QStringLiteral("[0-9]+(\\.[0-9]+)? GiB")), QStringLiteral("# GiB"));
        text.replace(QRegularExpression(QStringLiteral(" +")), QStringLiteral(" "));
        return text.toUtf8();
    }
    return out;
}

} // namespace

// kubectl's convention, end to end: the built `quayside` with the global options before the command,
// after it, between its words and split around it prints the same and exits the same. The children
// get a throw-away HOME (no user settings), no display (so never a window), and stand-in tools only.
class CliArgumentOrderTest : public QObject
{
    Q_OBJECT
private:
    FakeApiServerThread m_server;
    QuaysideProcess m_quayside;
    StandInTools m_tools;
    QString m_twoContexts; // a kubeconfig with contexts minikube and staging, for the dry run
    QString m_profile; // the shipped profile with secrets of its own

    QStringList expand(QStringList list) const
    {
        const QString pod = TestCluster::podOf(m_server, kNs, QStringLiteral("backend"), true);
        list.replaceInStrings(QStringLiteral("{K}"), m_server->kubeconfigPath());
        list.replaceInStrings(QStringLiteral("{K2}"), m_twoContexts);
        list.replaceInStrings(QStringLiteral("{P}"), m_profile);
        list.replaceInStrings(QStringLiteral("{POD}"), pod);
        list.replaceInStrings(QStringLiteral("{LOG}"), m_server->logLine(kNs, pod, QStringLiteral("backend"), 19));
        return list;
    }

    static QString writeFile(const QString& path, const QByteArray& content)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QuaysideProcess::binary()), qPrintable(QuaysideProcess::binary()));
        QVERIFY(m_quayside.isValid() && m_tools.isValid());
        QVERIFY(QDir().mkpath(m_quayside.home(QStringLiteral("work"))));
        m_quayside.setWorkingDirectory(m_quayside.home(QStringLiteral("work")));
        m_quayside.setVariable(QStringLiteral("PATH"),
                               m_tools.binDir() + QLatin1Char(':') + m_tools.path() + QStringLiteral("/shell"));
        FakeApiServer::Options options;
        options.contextNamespace = kNs;
        QVERIFY2(m_server.start(options), qPrintable(m_server->errorString()));
        FakeApiServer::LogOptions logs;
        logs.linesPerSecond = 0; // the same lines every time
        m_server->setLogOptions(logs);
        m_server->setMetricsEnabled(false); // metrics move between two runs

        // The doctor's only tool: kubectl as it answers without a cluster, recording its arguments.
        QFile version(QStringLiteral(QUAYSIDE_TESTS_DIR "/doctor/fixtures/kubectl-version-client-only.json"));
        QVERIFY(version.open(QIODevice::ReadOnly));
        m_tools.addPrinting(QStringLiteral("kubectl"), QString::fromUtf8(version.readAll()));

        m_twoContexts = writeFile(m_quayside.home(QStringLiteral("kube/two-contexts")),
                                  "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
                                  "    server: https://127.0.0.1:1\ncontexts:\n- name: minikube\n  context:\n"
                                  "    cluster: c\n    user: u\n- name: staging\n  context:\n    cluster: c\n"
                                  "    user: u\n    namespace: staging-ns\ncurrent-context: minikube\nusers:\n"
                                  "- name: u\n  user:\n    token: t\n");
        QFile shipped(QStringLiteral(QUAYSIDE_SOURCE_DIR "/resources/profiles/todo-chatbot.yaml"));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        QByteArray profile = shipped.readAll();
        const qsizetype from = profile.indexOf("\nsecrets:\n");
        const qsizetype to = profile.indexOf("\naccess:\n");
        QVERIFY(from > 0 && to > from);
        profile.replace(from, to - from,
                        "\nsecrets:\n  secretName: order-secrets\n  items:\n    - name: ORDER_TEST_TOKEN\n"
                        "      kind: text\n");
        // Its relative paths still lead to the repository's Dockerfiles and chart.
        QVERIFY(profile.contains("\nroot: ../..\n"));
        profile.replace("\nroot: ../..\n", "\nroot: " QUAYSIDE_SOURCE_DIR "\n");
        m_profile = writeFile(m_quayside.home(QStringLiteral("profiles/order.yaml")), profile);
    }

    void sameInEveryOrder_data()
    {
        QTest::addColumn<QStringList>("command"); // its words, then its own options
        QTest::addColumn<int>("words"); // how many of them name the command ("secrets list": 2)
        QTest::addColumn<QStringList>("globals");
        QTest::addColumn<int>("split"); // how many of `globals` go before the command in the split order
        QTest::addColumn<int>("exitCode"); // -1: whatever the first order gives (the doctor on this machine)
        QTest::addColumn<QString>("compare"); // what may differ between runs (see comparable())
        QTest::addColumn<QStringList>("contains"); // in stdout when the exit code is 0
        using L = QStringList;
        QTest::newRow("doctor") << L { "doctor" } << 1 << L { "--kubeconfig", "{K}", "--context", "minikube" } << 2
                                << -1 << "doctor" << L { "CHECK", "kubectl" };
        QTest::newRow("status -o json") << L { "status", "-o", "json" } << 1
                                        << L { "--kubeconfig={K}", "-n", "todo-app", "--context=minikube" } << 1 << 0
                                        << "status json"
                                        << L { "\"context\":\"minikube\"", "\"namespace\":\"todo-app\"",
                                               "\"name\":\"backend\"" };
        QTest::newRow("logs") << L { "logs", "{POD}", "--tail", "3" } << 1
                              << L { "--kubeconfig", "{K}", "--namespace", "todo-app", "-v" } << 2 << 0 << ""
                              << L { "{LOG}" };
        QTest::newRow("scale") << L { "scale", "deploy/frontend", "--replicas", "1" } << 1
                               << L { "--kubeconfig", "{K}", "-ntodo-app" } << 2 << 0 << ""
                               << L { "deployment.apps/frontend scaled\n" };
        QTest::newRow("secrets list") << L { "secrets", "list" } << 2 << L { "-p", "{P}", "--kubeconfig", "{K}" } << 2
                                      << -1 << "" << L { "ORDER_TEST_TOKEN" };
        QTest::newRow("init --help") << L { "init", "--help" } << 1 << L { "--profile={P}", "--verbose" } << 1 << 0
                                     << "" << L { "--source", "--output" };
        QTest::newRow("deploy --dry-run")
            << L { "deploy", "--dry-run" } << 1
            << L { "--kubeconfig", "{K2}", "--context", "staging", "-n=team", "--profile", "{P}" } << 4 << 0 << ""
            << L { "helm upgrade --install", "--kubeconfig {K2} --kube-context staging",
                   "kubectl --kubeconfig {K2} --context staging", "-n team" };
        QTest::newRow("rollback --help") << L { "rollback", "--help" } << 1
                                         << L { "-p", "{P}", "--context", "minikube" } << 2 << 0 << ""
                                         << L { "--output" };
        // Last: it replaces the frontend's pods.
        QTest::newRow("restart") << L { "restart", "deploy/frontend" } << 1
                                 << L { "--context", "minikube", "--kubeconfig={K}", "-n", "todo-app" } << 2 << 0 << ""
                                 << L { "deployment.apps/frontend restarted\n" };
    }

    void sameInEveryOrder()
    {
        QFETCH(QStringList, command);
        QFETCH(int, words);
        QFETCH(QStringList, globals);
        QFETCH(int, split);
        QFETCH(int, exitCode);
        QFETCH(QString, compare);
        QFETCH(QStringList, contains);
        command = expand(command);
        globals = expand(globals);
        contains = expand(contains);
        const QMap<QString, QStringList> orders {
            { QStringLiteral("1 before"), globals + command },
            { QStringLiteral("2 after"), command + globals },
            { QStringLiteral("3 between"), command.mid(0, words) + globals + command.mid(words) },
            { QStringLiteral("4 split"), globals.mid(0, split) + command + globals.mid(split) },
        };
        std::optional<Run> first;
        for (auto it = orders.cbegin(); it != orders.cend(); ++it) {
            const QStringList& arguments = it.value();
            const Run r = m_quayside.run(arguments);
            const QByteArray what
                = it.key().toUtf8() + ": quayside " + arguments.join(QLatin1Char(' ')).toUtf8() + "\nstderr: " + r.err;
            QVERIFY2(r.exitCode == 0 || r.exitCode == 1, what.constData());
            if (!first) {
                first = r;
                if (exitCode >= 0)
                    QVERIFY2(r.exitCode == exitCode, what.constData());
                if (r.exitCode == 0) {
                    for (const QString& text : std::as_const(contains))
                        QVERIFY2(r.out.contains(text.toUtf8()),
                                 QByteArray(what + "\nmissing " + text.toUtf8() + " in\n" + r.out).constData());
                }
                continue;
            }
            QVERIFY2(r.exitCode == first->exitCode, what.constData());
            QCOMPARE(comparable(r.out, compare), comparable(first->out, compare));
        }
        if (command.first() == QLatin1String("doctor")) {
            // The doctor's kubectl was pointed at the same cluster every time.
            const auto calls = m_tools.calls(QStringLiteral("kubectl"));
            QVERIFY(calls.size() >= 4);
            for (qsizetype i = calls.size() - 4; i < calls.size(); ++i) {
                const QString argv = calls.at(i).arguments.join(QLatin1Char(' '));
                QVERIFY2(
                    argv.contains(QStringLiteral("--kubeconfig %1 --context minikube").arg(m_server->kubeconfigPath())),
                    qPrintable(argv));
            }
        }
    }

    // `quayside --bogus status` and `quayside status --bogus`: a usage error naming the option, with
    // nothing done and nothing on stdout.
    void unknownOption_data()
    {
        QTest::addColumn<QStringList>("command");
        using L = QStringList;
        QTest::newRow("doctor") << L { "doctor" };
        QTest::newRow("status") << L { "status" };
        QTest::newRow("logs") << L { "logs", "{POD}" };
        QTest::newRow("scale") << L { "scale", "deploy/frontend", "--replicas", "1" };
        QTest::newRow("restart") << L { "restart", "deploy/frontend" };
        QTest::newRow("secrets list") << L { "secrets", "list" };
        QTest::newRow("init") << L { "init" };
        QTest::newRow("deploy --dry-run") << L { "deploy", "--dry-run" };
        QTest::newRow("rollback") << L { "rollback" };
    }

    void unknownOption()
    {
        QFETCH(QStringList, command);
        command = expand(command);
        const QStringList global { QStringLiteral("--kubeconfig"), m_server->kubeconfigPath() };
        for (const QStringList& arguments : { QStringList { QStringLiteral("--bogus") } + global + command,
                                              command + global + QStringList { QStringLiteral("--bogus") } }) {
            const Run r = m_quayside.run(arguments);
            const QByteArray what
                = "quayside " + arguments.join(QLatin1Char(' ')).toUtf8() + "\nstderr: " + r.err + "\nstdout: " + r.out;
            QVERIFY2(r.exitCode == 2, what.constData());
            QVERIFY2(r.err.startsWith("error: "), what.constData());
            QVERIFY2(r.err.contains("--bogus"), what.constData());
            QVERIFY2(r.out.isEmpty(), what.constData());
        }
        QVERIFY(!QFileInfo::exists(m_quayside.home(QStringLiteral("work/quayside.yaml")))); // init wrote nothing
    }

    // `help status`, `--help status` and `status --help` print status's options, the global ones too.
    void helpCommand()
    {
        const Run help = m_quayside.run({ QStringLiteral("help"), QStringLiteral("status") });
        QCOMPARE(help.exitCode, 0);
        for (const char* option :
             { "--output", "--watch", "--kubeconfig", "--context", "--namespace", "--profile", "--verbose" })
            QVERIFY2(help.out.contains(option), option);
        for (const QStringList& arguments :
             { QStringList { QStringLiteral("--help"), QStringLiteral("status") },
               QStringList { QStringLiteral("status"), QStringLiteral("--help") },
               QStringList { QStringLiteral("-n"), kNs, QStringLiteral("help"), QStringLiteral("status") } }) {
            const Run r = m_quayside.run(arguments);
            QCOMPARE(r.exitCode, 0);
            QCOMPARE(r.out, help.out);
        }
        const Run general = m_quayside.run({ QStringLiteral("help") });
        QCOMPARE(general.exitCode, 0);
        QVERIFY(general.out.contains("Commands:"));
        QVERIFY(general.out.contains("Global options"));
    }

    // Global options work with every command, so every command's help lists them.
    void helpListsTheGlobalOptions_data()
    {
        QTest::addColumn<QString>("command");
        for (const char* command :
             { "doctor", "status", "logs", "scale", "restart", "secrets", "init", "deploy", "rollback" })
            QTest::newRow(command) << QString::fromLatin1(command);
    }

    void helpListsTheGlobalOptions()
    {
        QFETCH(QString, command);
        const Run help = m_quayside.run({ QStringLiteral("help"), command });
        QCOMPARE(help.exitCode, 0);
        QCOMPARE(m_quayside.run({ command, QStringLiteral("--help") }).out, help.out);
        for (const char* option : { "--kubeconfig", "--context", "--namespace", "--profile", "--verbose" })
            QVERIFY2(help.out.contains(option),
                     QByteArray(option + QByteArray(" missing in\n") + help.out).constData());
    }

    // Without a display, global options and no command run the doctor with them: never a window.
    void noCommandWithoutADisplayIsTheDoctor()
    {
        const QString kubeconfig = m_server->kubeconfigPath();
        const Run doctor = m_quayside.run({ QStringLiteral("doctor"), QStringLiteral("--kubeconfig"), kubeconfig });
        const Run r = m_quayside.run({ QStringLiteral("--kubeconfig"), kubeconfig });
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
        QCOMPARE(r.exitCode, doctor.exitCode);
        QVERIFY2(r.out.contains("CHECK") && r.out.contains("STATUS"), r.out.constData());
        QCOMPARE(comparable(r.out, QStringLiteral("doctor")), comparable(doctor.out, QStringLiteral("doctor")));
        const auto calls = m_tools.calls(QStringLiteral("kubectl"));
        QVERIFY(!calls.isEmpty());
        QVERIFY2(calls.last().arguments.join(QLatin1Char(' ')).contains(QStringLiteral("--kubeconfig ") + kubeconfig),
                 qPrintable(calls.last().arguments.join(QLatin1Char(' '))));
    }

    void unknownOptionWithoutACommand_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        using L = QStringList;
        QTest::newRow("--bogus") << L { "--bogus" } << "--bogus";
        QTest::newRow("with global options") << L { "--kubeconfig", "{K}", "--bogus" } << "--bogus";
        QTest::newRow("an unknown command") << L { "stauts" } << "stauts";
        QTest::newRow("a missing value") << L { "--context" } << "--context";
    }

    void unknownOptionWithoutACommand()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        const Run r = m_quayside.run(expand(arguments));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("error: "), r.err.constData());
        QVERIFY2(r.err.contains(named.toUtf8()), r.err.constData());
        QVERIFY2(r.out.isEmpty(), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(CliArgumentOrderTest)
#include "CliArgumentOrderTest.moc"
