#include "support/ProcessProbe.h"
#include "support/QuaysideProcess.h"
#include "support/StandInTools.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using quayside::test::ProcessProbe;
using quayside::test::QuaysideProcess;
using quayside::test::StandInTools;
using Run = QuaysideProcess::Run;

namespace {

const QString kProfile = QStringLiteral(QUAYSIDE_SOURCE_DIR "/resources/profiles/todo-chatbot.yaml");
const QString kPromptsMd = QStringLiteral(QUAYSIDE_SOURCE_DIR "/k8s-templates/AI-PROMPTS.md");
const QString kFixtures = QStringLiteral(QUAYSIDE_SOURCE_DIR "/tests/ai/fixtures");
// The app's DATABASE_URL, stored in the keychain the way `quayside secrets set` stores it.
const QByteArray kDatabaseUrl = "postgresql://neon:Qs7-cli-secret-pw@ep-test.neon.tech/todo?sslmode=require";
const QByteArray kGeminiKey = "AIzaSy-test-cli-0123456789";

// (Not a raw string literal: moc cannot parse this one.)
const QByteArray kKubeconfig = "apiVersion: v1\n"
                               "kind: Config\n"
                               "current-context: minikube\n"
                               "clusters:\n"
                               "- name: minikube\n"
                               "  cluster: {server: \"https://127.0.0.1:8443\", insecure-skip-tls-verify: true}\n"
                               "- name: kind-demo\n"
                               "  cluster: {server: \"https://127.0.0.1:40123\", insecure-skip-tls-verify: true}\n"
                               "contexts:\n"
                               "- name: minikube\n"
                               "  context: {cluster: minikube, user: minikube}\n"
                               "- name: kind-demo\n"
                               "  context: {cluster: kind-demo, user: kind-demo}\n"
                               "users:\n"
                               "- name: minikube\n"
                               "  user: {token: minikube-token-abcdef}\n"
                               "- name: kind-demo\n"
                               "  user: {token: kind-token-abcdef}\n";

} // namespace

// `quayside ask` and `quayside prompts` end to end: the built binary with stand-in AI tools on PATH, a
// throw-away HOME, the real (test session's) keychain.
class AskCommandTest : public QObject
{
    Q_OBJECT
private:
    QuaysideProcess m_quayside;
    StandInTools m_tools;

    QString kubeconfig() const { return m_quayside.home(QStringLiteral("kubeconfig")); }

    Run ask(const QStringList& extra, const QByteArray& input = {}) const
    {
        return m_quayside.run(QStringList { QStringLiteral("ask"), QStringLiteral("--kubeconfig"), kubeconfig(),
                                            QStringLiteral("-p"), kProfile }
                                  + extra,
                              input);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QuaysideProcess::binary()), qPrintable(QuaysideProcess::binary()));
        QVERIFY(m_quayside.isValid());
        QFile file(kubeconfig());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kKubeconfig);
        file.close();
        m_tools.add(
            QStringLiteral("kubectl-ai"),
            QStringLiteral(
                "printf '%s' \"${@: -1}\" > \"$records/prompt\"\n"
                "case \"${@: -1}\" in *please-hang-now*) sleep 1000 & echo $! > \"$records/child.pid\"; wait ;; esac\n"
                "cat %1/kubectl-ai-crashloop.txt\n")
                .arg(kFixtures));
        m_tools.install();
        // The app's secret in the keychain under the shipped profile, as `quayside secrets set` does.
        const Run set = m_quayside.run({ QStringLiteral("secrets"), QStringLiteral("set"),
                                         QStringLiteral("DATABASE_URL"), QStringLiteral("-p"), kProfile },
                                       kDatabaseUrl);
        QVERIFY2(set.exitCode == 0, set.err.constData());
        const Run key = m_quayside.run({ QStringLiteral("ask"), QStringLiteral("--set-api-key") }, kGeminiKey);
        QVERIFY2(key.exitCode == 0, key.err.constData());
        QVERIFY(key.out.contains("GEMINI_API_KEY"));
    }

    void asksWithALibraryPromptAndListsWhatItProposes()
    {
        const Run r = ask({ QStringLiteral("--prompt"), QStringLiteral("crash-loop"), QStringLiteral("--context"),
                            QStringLiteral("kind-demo"), QStringLiteral("-n"), QStringLiteral("todo-app") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("Running: kubectl logs backend-7d9c5b8f4-x2lqp -n todo-app --previous --tail=50"));
        QVERIFY(r.out.contains("Proposed commands (nothing was changed"));
        QVERIFY(r.out.contains("  kubectl rollout restart deployment/backend -n todo-app\n"));
        const StandInTools::Call call = m_tools.calls(QStringLiteral("kubectl-ai")).constLast();
        QCOMPARE(call.arguments.value(0), QStringLiteral("--quiet"));
        QVERIFY(!call.arguments.contains(QLatin1String("--skip-permissions")));
        QVERIFY(call.environment.contains(QByteArray("GEMINI_API_KEY=" + kGeminiKey + '\n')));
        QFile prompt(m_tools.recordsDir() + QStringLiteral("/prompt"));
        QVERIFY(prompt.open(QIODevice::ReadOnly));
        QVERIFY(prompt.readAll().startsWith(
            "Why is a pod of deployment backend in namespace todo-app in CrashLoopBackOff?"));
    }

    void noSecretValueReachesTheToolOrTheOutput()
    {
        // A question that quotes the app's secret (pasted from a log, say) and the key itself.
        const Run r = ask({ QStringLiteral("--verbose"),
                            QStringLiteral("the backend logs 'connecting to %1' and uses key %2, why?")
                                .arg(QString::fromUtf8(kDatabaseUrl), QString::fromUtf8(kGeminiKey)) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile prompt(m_tools.recordsDir() + QStringLiteral("/prompt"));
        QVERIFY(prompt.open(QIODevice::ReadOnly));
        const QByteArray sent = prompt.readAll();
        QVERIFY2(sent.startsWith("the backend logs 'connecting to ***' and uses key ***, why?"), sent.constData());
        QByteArray everything = m_tools.allRecordedBytes();
        // The key belongs in the tool's environment; anywhere else it leaked.
        everything.replace(QByteArray("GEMINI_API_KEY=" + kGeminiKey), QByteArray());
        QVERIFY(!everything.contains(kDatabaseUrl));
        QVERIFY(!everything.contains("Qs7-cli-secret-pw"));
        QVERIFY(!everything.contains(kGeminiKey));
        QVERIFY(!r.out.contains("Qs7-cli-secret-pw") && !r.err.contains("Qs7-cli-secret-pw"));
        QVERIFY(!r.err.contains(kGeminiKey) && !r.out.contains(kGeminiKey));
        // Nor in Quayside's own log files (under the throw-away HOME's data directory).
        int logs = 0;
        QDirIterator it(m_quayside.home(QStringLiteral("data")), { QStringLiteral("*.log*") }, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile log(it.next());
            QVERIFY(log.open(QIODevice::ReadOnly));
            const QByteArray text = log.readAll();
            ++logs;
            QVERIFY2(!text.contains("Qs7-cli-secret-pw") && !text.contains(kGeminiKey), qPrintable(log.fileName()));
        }
        QVERIFY(logs > 0);
    }

    void dryRunPrintsTheCommand()
    {
        const Run r = ask({ QStringLiteral("--dry-run"), QStringLiteral("--context"), QStringLiteral("kind-demo"),
                            QStringLiteral("--prompt"), QStringLiteral("scale-deployment") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("kubectl-ai --quiet --kubeconfig /"), r.out.constData());
        QVERIFY(r.out.contains("'scale backend to 2 replicas"));
        QVERIFY(r.out.contains("# GEMINI_API_KEY from the keychain"));
    }

    void aHangingToolTimesOut()
    {
        const Run r = ask({ QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("please-hang-now") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("error: kubectl-ai did not answer within 1 s and was stopped"), r.err.constData());
        const qint64 child = ProcessProbe::pidFromFile(m_tools.recordsDir() + QStringLiteral("/child.pid"));
        QVERIFY(child > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessProbe::isRunning(child), 10000);
    }

    void usageErrors()
    {
        QCOMPARE(ask({}).exitCode, 2);
        QCOMPARE(ask({ QStringLiteral("--prompt"), QStringLiteral("no-such-prompt") }).exitCode, 2);
        const Run gordon = ask({ QStringLiteral("--tool"), QStringLiteral("gordon"), QStringLiteral("hi") });
        QCOMPARE(gordon.exitCode, 2);
        QVERIFY(gordon.err.contains("interactive terminal UI"));
        QCOMPARE(ask({ QStringLiteral("--var"), QStringLiteral("novalue"), QStringLiteral("hi") }).exitCode, 2);
    }

    void promptsListsTheLibrary()
    {
        const Run table = m_quayside.run({ QStringLiteral("prompts"), QStringLiteral("-p"), kProfile });
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.startsWith("ID "));
        QVERIFY(table.out.contains("scale-deployment "));
        const Run json
            = m_quayside.run({ QStringLiteral("prompts"), QStringLiteral("-o"), QStringLiteral("json"),
                               QStringLiteral("-p"), kProfile, QStringLiteral("--category"), QStringLiteral("scale") });
        QCOMPARE(json.exitCode, 0);
        const QJsonArray array = QJsonDocument::fromJson(json.out).array();
        QVERIFY(!array.isEmpty());
        for (const QJsonValue& v : array)
            QCOMPARE(v.toObject().value(QLatin1String("category")).toString(), QStringLiteral("scale"));
        const Run one
            = m_quayside.run({ QStringLiteral("prompts"), QStringLiteral("pod-restarting"), QStringLiteral("-p"),
                               kProfile, QStringLiteral("--var"), QStringLiteral("deployment=backend") });
        QCOMPARE(one.out, QByteArray("why is my backend pod restarting?\n"));
    }

    // What the README tells a contributor to run reproduces the committed document exactly.
    void markdownIsTheCommittedDocument()
    {
        const QuaysideProcess empty; // no kubeconfig: the context is the profile's minikube profile
        const Run r
            = empty.run({ QStringLiteral("prompts"), QStringLiteral("-o"), QStringLiteral("markdown") }, {}, 30000);
        QCOMPARE(r.exitCode, 0);
        QFile committed(kPromptsMd);
        QVERIFY(committed.open(QIODevice::ReadOnly));
        QCOMPARE(r.out, committed.readAll());
    }
};

QTEST_GUILESS_MAIN(AskCommandTest)
#include "AskCommandTest.moc"
