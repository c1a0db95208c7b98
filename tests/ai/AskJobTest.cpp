#include "ai/AskJob.h"

#include "ai/AiKeyStore.h"
#include "ai/AiToolProbe.h"
#include "ai/PromptLibrary.h"
#include "core/Redactor.h"
#include "keychain/Keychain.h"
#include "process/ProcessToolRunner.h"
#include "support/ProcessProbe.h"
#include "support/StandInTools.h"
#include "workspace/ClusterTarget.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;
using namespace quayside::ai;
using quayside::test::ProcessProbe;
using quayside::test::StandInTools;

namespace {

const QString kFixtures = QStringLiteral(QUAYSIDE_SOURCE_DIR "/tests/ai/fixtures");
// An app secret the Redactor knows (as after SecretStore::refresh) and the provider's API key.
const QString kAppSecret = QStringLiteral("postgresql://neon:Sup3rS3cret-pw@ep-cool-1.neon.tech/todo");
const QByteArray kApiKey = "sk-test-0123456789abcdef";

const QByteArray kKubeconfig = R"(apiVersion: v1
kind: Config
current-context: minikube
clusters:
- name: minikube
  cluster: {server: "https://127.0.0.1:8443", insecure-skip-tls-verify: true}
- name: staging
  cluster: {server: "https://staging.example:6443", insecure-skip-tls-verify: true}
contexts:
- name: minikube
  context: {cluster: minikube, user: minikube}
- name: staging
  context: {cluster: staging, user: staging, namespace: todo-app}
users:
- name: minikube
  user: {token: minikube-token-abcdef}
- name: staging
  user: {token: staging-token-abcdef}
)";

QString readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The stand-in's prologue records argv one per line; the prompt (its last argument) has newlines, so the
// stand-ins also keep it whole, with the kubeconfig they were given.
const QString kKeepPromptAndKubeconfig
    = QStringLiteral("printf '%s' \"${@: -1}\" > \"$records/prompt\"\n"
                     "[ -n \"$KUBECONFIG\" ] && cat \"$KUBECONFIG\" > \"$records/kubeconfig\"\n");

} // namespace

// One question to kubectl-ai or kagent through AskJob, with stand-ins that record their argv and
// environment: the flags Quayside promises (--quiet, never --skip-permissions, the workspace's context
// through a private kubeconfig), the key only in the environment, no secret value anywhere, kagent's
// three command-line shapes, cancel and timeout leaving no process, and a flood staying bounded.
class AskJobTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ClusterTarget m_target;
    std::unique_ptr<Keychain> m_keychain;

    AskJob::Result ask(AskJob::Spec spec, QStringList* streamed = nullptr, AskJob** jobOut = nullptr)
    {
        ProcessToolRunner runner;
        AiKeyStore keys(m_keychain.get());
        AskJob job(&runner, &keys, std::move(spec));
        QSignalSpy finished(&job, &AskJob::finished);
        QStringList lines;
        connect(&job, &AskJob::outputLine, this, [&lines](const QString& line, bool) { lines << line; });
        if (jobOut)
            *jobOut = &job;
        job.start();
        if (!finished.wait(30000))
            qFatal("AskJob did not finish");
        if (streamed)
            *streamed = lines;
        return finished.at(0).at(0).value<AskJob::Result>();
    }

    AskJob::Spec kubectlAiSpec(const QString& prompt) const
    {
        AskJob::Spec spec;
        spec.tool = AiToolKind::KubectlAi;
        spec.prompt = prompt;
        spec.target = m_target;
        spec.settings.provider = QStringLiteral("openai");
        spec.settings.model = QStringLiteral("gpt-4.1");
        spec.settings.timeout = std::chrono::seconds(30);
        spec.readOnlyInstruction = PromptLibrary::builtIn().readOnlyInstruction();
        return spec;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<AskJob::Result>();
        const QString config = m_dir.filePath(QStringLiteral("config"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kKubeconfig);
        file.close();
        m_target.kubeconfigFiles = { config };
        m_target.context = QStringLiteral("staging"); // not the file's current-context
        m_target.nameSpace = QStringLiteral("todo-app");
        Redactor::instance().registerSecret(kAppSecret);
        // The real keychain of the test session (run-headless.sh), under a service of this test's own.
        m_keychain = std::make_unique<Keychain>(QStringLiteral("quayside-test-ask-job"));
        AiKeyStore keys(m_keychain.get());
        QSignalSpy written(this, &QObject::objectNameChanged);
        keys.write(QStringLiteral("openai"), kApiKey, this, [this](const KeychainError& error) {
            QVERIFY2(error.ok(), qPrintable(error.message));
            setObjectName(QStringLiteral("written"));
        });
        QVERIFY(written.wait(15000));
    }

    void kubectlAiRunsReadOnlyOnTheWorkspacesContext()
    {
        StandInTools tools;
        tools.add(QStringLiteral("kubectl-ai"),
                  kKeepPromptAndKubeconfig + QStringLiteral("cat %1/kubectl-ai-crashloop.txt\n").arg(kFixtures));
        tools.install();
        QStringList streamed;
        const AskJob::Result result = ask(
            kubectlAiSpec(QStringLiteral("Why does backend restart? It logs: connecting to ") + kAppSecret), &streamed);
        QVERIFY2(result.ok, qPrintable(result.message));
        QVERIFY(streamed.contains(
            QLatin1String("  Running: kubectl get pods -n todo-app -l app.kubernetes.io/name=backend")));
        QVERIFY(result.answer.contains(QLatin1String("KeyError: 'DATABASE_URL'")));

        const QList<StandInTools::Call> calls = tools.calls(QStringLiteral("kubectl-ai"));
        QCOMPARE(calls.size(), 1);
        const QStringList& argv = calls.first().arguments;
        QCOMPARE(argv.value(0), QStringLiteral("--quiet"));
        QVERIFY(!argv.contains(QLatin1String("--skip-permissions")));
        const qsizetype k = argv.indexOf(QLatin1String("--kubeconfig"));
        QVERIFY(k > 0);
        const QString privatePath = argv.value(k + 1);
        QVERIFY(privatePath.startsWith(QDir::tempPath() + QStringLiteral("/quayside-ai-")));
        QVERIFY(calls.first().environment.contains(QByteArray("KUBECONFIG=" + privatePath.toUtf8() + '\n')));
        QCOMPARE(argv.value(argv.indexOf(QLatin1String("--llm-provider")) + 1), QStringLiteral("openai"));
        QCOMPARE(argv.value(argv.indexOf(QLatin1String("--model")) + 1), QStringLiteral("gpt-4.1"));
        // The private kubeconfig held the workspace's context only, and is gone.
        const QString copy = readFile(tools.recordsDir() + QStringLiteral("/kubeconfig"));
        QVERIFY(copy.contains(QLatin1String("current-context: staging")));
        QVERIFY(!copy.contains(QLatin1String("minikube")));
        QVERIFY(!QFile::exists(privatePath));
        // The prompt: the question, redacted, with the read-only instruction.
        const QString prompt = readFile(tools.recordsDir() + QStringLiteral("/prompt"));
        QVERIFY(prompt.startsWith(QLatin1String("Why does backend restart? It logs: connecting to ***")));
        QVERIFY(prompt.endsWith(PromptLibrary::builtIn().readOnlyInstruction()));
        // The key: in the environment, as the provider's variable, and nowhere else.
        QVERIFY(calls.first().environment.contains(QByteArray("OPENAI_API_KEY=" + kApiKey + '\n')));
        QVERIFY(!argv.join(QLatin1Char('\n')).toUtf8().contains(kApiKey));
        // No app secret in anything the tool got, nor in what Quayside shows.
        QVERIFY(!tools.allRecordedBytes().contains(kAppSecret.toUtf8()));
        QVERIFY(!tools.allRecordedBytes().contains("Sup3rS3cret"));
        QVERIFY(!result.answer.contains(QLatin1String("Sup3rS3cret")));
        // What it proposes, for Run buttons.
        QCOMPARE(result.proposals.size(), 2);
        QCOMPARE(result.proposals.first().text,
                 QStringLiteral("kubectl rollout restart deployment/backend -n todo-app"));
        QVERIFY(result.proposals.first().changes);
        QVERIFY(!result.proposals.at(1).changes);
    }

    void theCommandLineShownIsTheOneRun()
    {
        ProcessToolRunner runner;
        AskJob job(&runner, nullptr, kubectlAiSpec(QStringLiteral("analyze cluster health")));
        const QString line = job.commandLine();
        QVERIFY2(line.startsWith(QLatin1String("kubectl-ai --quiet --kubeconfig /")), qPrintable(line));
        QVERIFY(line.contains(QLatin1String("--llm-provider openai --model gpt-4.1 'analyze cluster health")));
        QVERIFY(line.contains(QLatin1String("# OPENAI_API_KEY from the keychain")));
        QVERIFY(!line.contains(QString::fromUtf8(kApiKey)));
        QVERIFY(job.problem().isEmpty());
    }

    // The panel's preview shows the command while the user types: it must not write (and delete) a
    // private kubeconfig each time, and it can never run.
    void aPreviewWritesNoKubeconfig()
    {
        const QStringList before = QDir::temp().entryList({ QStringLiteral("quayside-ai-*") }, QDir::Dirs);
        ProcessToolRunner runner;
        AskJob::Spec spec = kubectlAiSpec(QStringLiteral("analyze cluster health"));
        spec.previewOnly = true;
        AskJob job(&runner, nullptr, spec);
        QVERIFY2(job.commandLine().startsWith(
                     QLatin1String("kubectl-ai --quiet --kubeconfig '<private kubeconfig for context staging>'")),
                 qPrintable(job.commandLine()));
        QCOMPARE(QDir::temp().entryList({ QStringLiteral("quayside-ai-*") }, QDir::Dirs), before);
        QSignalSpy finished(&job, &AskJob::finished);
        job.start();
        QVERIFY(!job.isRunning());
        QVERIFY(!finished.wait(200));
    }

    void aMissingToolSaysHowToInstallIt()
    {
        StandInTools tools; // an empty PATH: no kubectl-ai
        tools.install();
        const AskJob::Result result = ask(kubectlAiSpec(QStringLiteral("hello")));
        QVERIFY(!result.ok);
        QVERIFY2(result.message.startsWith(QLatin1String("kubectl-ai is not installed.")), qPrintable(result.message));
        QVERIFY(result.message.contains(QLatin1String("https://github.com/GoogleCloudPlatform/kubectl-ai")));
    }

    void cancelLeavesNoProcess()
    {
        StandInTools tools;
        tools.addHanging(QStringLiteral("kubectl-ai"));
        tools.install();
        ProcessToolRunner runner;
        AskJob job(&runner, nullptr, kubectlAiSpec(QStringLiteral("hang")));
        QSignalSpy finished(&job, &AskJob::finished);
        job.start();
        const QString childFile = tools.recordsDir() + QStringLiteral("/kubectl-ai.child.pid");
        QTRY_VERIFY_WITH_TIMEOUT(ProcessProbe::pidFromFile(childFile) > 0, 15000);
        const qint64 pid = ProcessProbe::pidFromFile(tools.recordsDir() + QStringLiteral("/kubectl-ai.pid"));
        job.cancel();
        QVERIFY(finished.wait(15000));
        const AskJob::Result result = finished.at(0).at(0).value<AskJob::Result>();
        QVERIFY(result.cancelled);
        QVERIFY(!result.ok);
        QTRY_VERIFY_WITH_TIMEOUT(
            !ProcessProbe::isRunning(pid) && !ProcessProbe::isRunning(ProcessProbe::pidFromFile(childFile)), 10000);
    }

    void aHangingToolTimesOutClearly()
    {
        StandInTools tools;
        tools.addHanging(QStringLiteral("kubectl-ai"));
        tools.install();
        AskJob::Spec spec = kubectlAiSpec(QStringLiteral("hang"));
        spec.settings.timeout = std::chrono::seconds(1);
        const AskJob::Result result = ask(spec);
        QVERIFY(!result.ok);
        QVERIFY(!result.cancelled);
        QVERIFY2(result.message.contains(QLatin1String("did not answer within 1 s and was stopped")),
                 qPrintable(result.message));
        const QString childFile = tools.recordsDir() + QStringLiteral("/kubectl-ai.child.pid");
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessProbe::isRunning(ProcessProbe::pidFromFile(childFile)), 10000);
    }

    void tenMegabytesStayBounded()
    {
        StandInTools tools;
        // 10.5 MB of 100-character lines, then a last line that must survive.
        tools.add(QStringLiteral("kubectl-ai"),
                  QStringLiteral("line=$(printf 'x%.0s' {1..99})\n"
                                 "for ((i = 0; i < 105000; i++)); do echo \"$line\"; done\n"
                                 "echo 'the end of the answer'\n"));
        tools.install();
        const AskJob::Result result = ask(kubectlAiSpec(QStringLiteral("flood")));
        QVERIFY2(result.ok, qPrintable(result.message));
        QVERIFY(result.truncated);
        QVERIFY(result.answer.size() * qsizetype(sizeof(QChar)) <= AskJob::kMaxTranscriptBytes + 4096);
        QVERIFY(result.answer.startsWith(QStringLiteral("[… the first")));
        QVERIFY(result.answer.trimmed().endsWith(QLatin1String("the end of the answer")));
    }

    void toolFailureShowsItsLastError()
    {
        StandInTools tools;
        tools.addPrinting(QStringLiteral("kubectl-ai"), QString(), 1,
                          QStringLiteral("Error: creating llm client: GEMINI_API_KEY environment variable not set\n"));
        tools.install();
        AskJob::Spec spec = kubectlAiSpec(QStringLiteral("hello"));
        spec.settings.provider.clear();
        const AskJob::Result result = ask(spec);
        QVERIFY(!result.ok);
        QCOMPARE(result.message,
                 QStringLiteral("kubectl-ai failed (exit code 1): Error: creating llm client: "
                                "GEMINI_API_KEY environment variable not set"));
    }

    // kagent's three command-line shapes, told apart from its help and called accordingly.
    void kagentShapes_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("0.x") << QStringLiteral("invoke")
                             << QStringList { "invoke", "--namespace", "kagent", "--agent", "k8s-agent", "--task" };
        QTest::newRow("1.0 alpha") << QStringLiteral(
            "alpha") << QStringList { "invoke", "--namespace", "kagent", "--agent-instance", "k8s-agent", "--task" };
        QTest::newRow("current") << QStringLiteral(
            "agent") << QStringList { "agent", "invoke", "--namespace", "kagent", "--agent", "k8s-agent", "--task" };
    }

    void kagentShapes()
    {
        QFETCH(QString, shape);
        QFETCH(QStringList, expected);
        StandInTools tools;
        tools.add(QStringLiteral("kagent"), readFile(kFixtures + QStringLiteral("/kagent-standin.sh")));
        tools.install();
        qputenv("KAGENT_STANDIN_SHAPE", shape.toUtf8());
        ProcessToolRunner runner;
        AiToolProbe probe(&runner);
        QSignalSpy probed(&probe, &AiToolProbe::finished);
        probe.probe(AiToolKind::Kagent);
        QVERIFY(probed.wait(15000));
        const AiToolProbe::Status status = probe.status(AiToolKind::Kagent);
        QVERIFY(status.installed);
        QVERIFY2(status.problem.isEmpty(), qPrintable(status.problem));

        AskJob::Spec spec;
        spec.tool = AiToolKind::Kagent;
        spec.prompt = QStringLiteral("analyze cluster health");
        spec.target = m_target;
        spec.kagent = status.kagent;
        spec.readOnlyInstruction = PromptLibrary::builtIn().readOnlyInstruction();
        const AskJob::Result result = ask(spec);
        qunsetenv("KAGENT_STANDIN_SHAPE");
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.answer.trimmed(),
                 QStringLiteral("The cluster is healthy: 2 deployments available, no restarts."));
        QList<StandInTools::Call> invokes;
        for (const StandInTools::Call& call : tools.calls(QStringLiteral("kagent"))) {
            if (!call.arguments.contains(QLatin1String("--help")))
                invokes << call;
        }
        QCOMPARE(invokes.size(), 1);
        QCOMPARE(invokes.first().arguments.mid(0, expected.size()), expected);
        QVERIFY(invokes.first().environment.contains(
            QByteArray("KUBECONFIG=" + QDir::tempPath().toUtf8() + "/quayside-ai-")));
        const QString task = readFile(tools.recordsDir() + QStringLiteral("/task"));
        QVERIFY(task.startsWith(QLatin1String("analyze cluster health\n\nDo not run any command")));
    }
};

QTEST_GUILESS_MAIN(AskJobTest)
#include "AskJobTest.moc"
