// The Ask AI page driven as a user would: stand-ins for kubectl-ai, kagent, docker, kubectl and the
// terminal record how Quayside called them, and kubectl-ai answers the way the real one prints (its
// "Running: kubectl ..." trace, prose, a ```sh block). Confirmations are answered through MessageBox's
// test hook. The last test goes from a CrashLoopBackOff finding of the fake API server to an answer,
// and with QUAYSIDE_SCREENSHOT_DIR set saves the README's ask-ai-crashloop.png and settings-ai.png.
#include "ai/AskAiPanel.h"

#include "AppController.h"
#include "AskAiFixtures.h"
#include "FakeApiServerThread.h"
#include "MainWindow.h"
#include "ai/AiKeyStore.h"
#include "ai/AiTool.h"
#include "ai/AiToolProbe.h"
#include "ai/PromptLibrary.h"
#include "ai/ProposedCommandRow.h"
#include "core/Log.h"
#include "core/Redactor.h"
#include "dashboard/DashboardPage.h"
#include "dashboard/EventTableModel.h"
#include "dashboard/PodTableModel.h"
#include "deploy/StepLogView.h"
#include "diagnosis/LiveDiagnosis.h"
#include "keychain/Keychain.h"
#include "problems/ProblemsPanel.h"
#include "process/ProcessToolRunner.h"
#include "settings/SettingsDialog.h"
#include "support/ProcessProbe.h"
#include "support/StandInTools.h"
#include "widgets/MessageBox.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace quayside;
using namespace quayside::ui;
using quayside::test::FakeApiServer;
using quayside::test::FakeApiServerThread;
using quayside::test::kCrashLoopAnswer;
using quayside::test::kKubeconfig;
using quayside::test::kKubectlBody;
using quayside::test::ProcessProbe;
using quayside::test::Scenario;
using quayside::test::StandInTools;

namespace {

constexpr int kWait = 20000;

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

// kubectl-ai: `version` answers like the real one; a question prints `answer`, after `gate` exists
// when one is given (so a test sees the first lines arrive while the tool still runs).
QString kubectlAiBody(const QString& answer, const QString& gate = {})
{
    QString body = QStringLiteral("if [ \"$1\" = version ]; then\n"
                                  "  printf 'version: 0.0.12\\ncommit: 7a3b5c1\\ndate: 2025-05-30T12:00:00Z\\n'\n"
                                  "  exit 0\n"
                                  "fi\n"
                                  "prompt=\"${@: -1}\"\n"
                                  "pod=$(printf '%s' \"$prompt\" | grep -o 'backend-[a-z0-9]*-[a-z0-9]*' | head -1)\n"
                                  "pod=${pod:-backend-5d759b6c49-s6lpd}\n"
                                  "printf '  Running: kubectl get pods -n todo-app\\n'\n");
    if (!gate.isEmpty())
        body += QStringLiteral("while [ ! -e '%1' ]; do sleep 0.05; done\n").arg(gate);
    body += QStringLiteral("sed \"s/POD/$pod/g\" <<'ANSWER'\n%1\nANSWER\n").arg(answer);
    return body;
}

} // namespace

class AskAiPanelTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_kubeconfig;
    int m_settingsFiles = 0;
    std::unique_ptr<StandInTools> m_tools;
    std::unique_ptr<ProcessToolRunner> m_runner;
    std::unique_ptr<Preferences> m_preferences;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<Keychain> m_keychain;
    std::unique_ptr<ai::AiKeyStore> m_keys;
    std::unique_ptr<ai::AiToolProbe> m_probe;
    std::unique_ptr<AskAiPanel> m_panel;
    std::unique_ptr<FakeApiServerThread> m_fake;
    std::unique_ptr<AppController> m_controller;

    QString newSettingsFile()
    {
        return m_dir.filePath(QStringLiteral("settings-%1/quayside.ini").arg(++m_settingsFiles));
    }

    // The panel on its own, over a workspace reading the test kubeconfig, with the stand-ins on PATH.
    void openPanel(const std::function<void(Preferences&)>& setUp = {})
    {
        m_tools->install();
        m_preferences = std::make_unique<Preferences>(newSettingsFile());
        if (setUp)
            setUp(*m_preferences);
        WorkspaceOverrides overrides;
        overrides.kubeconfigFiles = { m_kubeconfig };
        m_workspace = std::make_unique<Workspace>(m_preferences.get(), overrides);
        m_workspace->load();
        QVERIFY2(m_workspace->hasProfile(), qPrintable(m_workspace->profileProblem()));
        m_runner = std::make_unique<ProcessToolRunner>();
        m_keychain = std::make_unique<Keychain>(QStringLiteral("quayside-ask-ai-test"));
        m_keys = std::make_unique<ai::AiKeyStore>(m_keychain.get());
        m_probe = std::make_unique<ai::AiToolProbe>(m_runner.get());
        m_panel = std::make_unique<AskAiPanel>(m_workspace.get(), m_runner.get(), m_probe.get(), m_keys.get());
        m_probe->probeAll();
        m_panel->resize(1230, 860);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        QTRY_VERIFY_WITH_TIMEOUT(!m_probe->isProbing(), kWait);
    }

    // The whole window over the fake API server, as ProblemsPanelTest builds it.
    void openWindow(const Scenario& scenario)
    {
        m_fake = std::make_unique<FakeApiServerThread>();
        FakeApiServer::Options options;
        options.contextNamespace = QStringLiteral("todo-app");
        options.scenario = scenario;
        options.scenarioAgeSeconds = 900;
        QVERIFY2(m_fake->start(options), qPrintable((*m_fake)->errorString()));
        // After the server: it makes its certificates with the openssl on the real PATH.
        m_tools->install();
        m_preferences = std::make_unique<Preferences>(newSettingsFile());
        WorkspaceOverrides overrides;
        overrides.kubeconfigFiles = { (*m_fake)->kubeconfigPath() };
        m_workspace = std::make_unique<Workspace>(m_preferences.get(), overrides);
        m_workspace->load();
        QVERIFY2(m_workspace->hasProfile(), qPrintable(m_workspace->profileProblem()));
        m_runner = std::make_unique<ProcessToolRunner>();
        AppController::Options controllerOptions;
        controllerOptions.runner = m_runner.get();
        controllerOptions.firstPage = QStringLiteral("dashboard");
        controllerOptions.keychainService = QStringLiteral("quayside-ask-ai-test");
        m_controller = std::make_unique<AppController>(m_workspace.get(), controllerOptions);
        m_controller->build();
        m_controller->window()->resize(1440, 900);
        m_controller->window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_controller->window()));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->dashboardPage()->diagnosis()
                                     && m_controller->dashboardPage()->diagnosis()->hasSynced(),
                                 kWait);
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->aiToolProbe()->isProbing(), kWait);
    }

    // The backend pod once the diagnosis has read its previous log (the finding then names the key).
    QString crashingPod() const
    {
        const PodTableModel* pods = m_controller->dashboardPage()->podModel();
        for (int r = 0; r < pods->rowCount(); ++r) {
            const kube::PodSummary* summary = pods->summaryAt(r);
            if (summary && summary->deployment == QLatin1String("backend")
                && pods->problemOf(summary->name).contains(QLatin1String("DATABASE_URL")))
                return summary->name;
        }
        return {};
    }

    QString recorded(const QString& name) const { return m_tools->recordsDir() + QLatin1Char('/') + name; }

    ProposedCommandRow* row(const QString& command) const
    {
        for (ProposedCommandRow* r : m_panel->proposalRows()) {
            if (r->command().text == command)
                return r;
        }
        return nullptr;
    }

    // Every text the panel shows: labels, editors, combo boxes.
    static QString everyText(const QWidget* root)
    {
        QStringList texts;
        for (const QLabel* label : root->findChildren<QLabel*>())
            texts << label->text();
        for (const QPlainTextEdit* edit : root->findChildren<QPlainTextEdit*>())
            texts << edit->toPlainText();
        for (const QLineEdit* edit : root->findChildren<QLineEdit*>())
            texts << edit->text();
        return texts.join(QLatin1Char('\n'));
    }

    static void saveScreenshot(const QPixmap& image, const QString& name)
    {
        const QString dir = qEnvironmentVariable("QUAYSIDE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QVERIFY(QDir().mkpath(dir));
        const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
        QVERIFY(image.save(path));
        std::printf("screenshot: %s\n", qPrintable(path));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qRegisterMetaType<ai::AskJob::Result>();
        log::initialize({ .directory = m_dir.filePath(QStringLiteral("logs")), .verbose = false, .toStderr = false });
        m_kubeconfig = m_dir.filePath(QStringLiteral("kube/config"));
        QVERIFY(writeFile(m_kubeconfig, kKubeconfig));
        QFile::setPermissions(m_kubeconfig, QFile::ReadOwner | QFile::WriteOwner);
        // The terminal is found as on a Debian desktop: x-terminal-emulator.
        qunsetenv("TERMINAL");
    }

    void init()
    {
        m_tools = std::make_unique<StandInTools>();
        QVERIFY(m_tools->isValid());
        m_tools->add(QStringLiteral("kubectl"), QString::fromUtf8(kKubectlBody));
    }

    void cleanup()
    {
        m_panel.reset();
        m_controller.reset();
        m_probe.reset();
        m_keys.reset();
        m_keychain.reset();
        m_workspace.reset();
        m_preferences.reset();
        m_runner.reset();
        m_fake.reset();
        m_tools.reset();
    }

    // The command line is the one that runs: kubectl-ai --quiet on Quayside's kubeconfig, never
    // --skip-permissions; it is monospace, selectable and copyable.
    void commandLineIsShownInFull()
    {
        m_tools->add(QStringLiteral("kubectl-ai"), kubectlAiBody(QStringLiteral("Nothing to report.")));
        openPanel();
        QCOMPARE(m_panel->tool(), ai::AiToolKind::KubectlAi);
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->askButton()->isEnabled(), kWait);
        auto* view = m_panel->findChild<QPlainTextEdit*>(QStringLiteral("aiCommandLine"));
        QVERIFY(view);
        QTRY_VERIFY(m_panel->commandLine().startsWith(QLatin1String("kubectl-ai --quiet")));
        const QString line = m_panel->commandLine();
        QVERIFY2(line.contains(QStringLiteral("--kubeconfig ") + m_kubeconfig), qPrintable(line));
        QVERIFY2(!line.contains(QLatin1String("--skip-permissions")), qPrintable(line));
        // The read-only instruction is part of what is asked.
        QVERIFY2(line.contains(QLatin1String("Do not run any command that creates")), qPrintable(line));
        QVERIFY(view->isReadOnly());
        QVERIFY(view->textInteractionFlags() & Qt::TextSelectableByMouse);
        QCOMPARE(view->font().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
        QTest::mouseClick(m_panel->findChild<QPushButton*>(QStringLiteral("aiCopyCommandButton")), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), line);

        // The prompt follows the user's edits, and the command line follows the prompt.
        m_panel->promptEdit()->setPlainText(QStringLiteral("why is my pod pending"));
        QTRY_VERIFY(m_panel->commandLine().contains(QLatin1String("why is my pod pending")));

        // A library prompt is filled from the workspace; what nothing gave is left as <name> and named.
        QVERIFY(m_panel->choosePrompt(QStringLiteral("explain-pod")));
        QVERIFY2(m_panel->promptText().contains(QLatin1String("namespace todo-app")),
                 qPrintable(m_panel->promptText()));
        QVERIFY2(m_panel->promptText().contains(QLatin1String("<pod>")), qPrintable(m_panel->promptText()));
        QVERIFY(m_panel->missingVariables().contains(QStringLiteral("pod")));
        auto* missing = m_panel->findChild<QLabel*>(QStringLiteral("aiMissingVariables"));
        QVERIFY(missing->isVisible());
        QVERIFY2(missing->text().contains(QLatin1String("&lt;pod&gt;")), qPrintable(missing->text()));
        QCOMPARE(m_panel->missingVariables(), QStringList({ QStringLiteral("pod"), QStringLiteral("status") }));
        // Replaced by hand, they are no longer missing.
        QString text = m_panel->promptText();
        m_panel->promptEdit()->setPlainText(text.replace(QLatin1String("<pod>"), QLatin1String("backend-1")));
        QCOMPARE(m_panel->missingVariables(), QStringList { QStringLiteral("status") });
        QVERIFY(missing->isVisible());
        m_panel->promptEdit()->setPlainText(text.replace(QLatin1String("<status>"), QLatin1String("Pending")));
        QVERIFY(m_panel->missingVariables().isEmpty());
        QVERIFY(!missing->isVisible());
    }

    // Ask: the answer streams in while kubectl-ai still runs; the commands it proposes are listed (its
    // own "Running:" trace is not), each with Run; one that never ends cannot be run from here.
    void answerStreamsAndProposalsRunAfterConfirmation()
    {
        const QString gate = m_dir.filePath(QStringLiteral("release-answer"));
        QFile::remove(gate);
        m_tools->add(QStringLiteral("kubectl-ai"), kubectlAiBody(QString::fromUtf8(kCrashLoopAnswer), gate));
        openPanel();
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->askButton()->isEnabled(), kWait);
        m_panel->promptEdit()->setPlainText(QStringLiteral("Why does the backend restart?"));
        QSignalSpy answered(m_panel.get(), &AskAiPanel::answered);
        QTest::mouseClick(m_panel->askButton(), Qt::LeftButton);
        QVERIFY(m_panel->isAsking());
        QVERIFY(!m_panel->askButton()->isEnabled());
        QVERIFY(m_panel->cancelButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(
            m_panel->answerView()->toPlainText().contains(QLatin1String("Running: kubectl get pods")), kWait);
        QVERIFY(m_panel->isAsking());
        QCOMPARE(answered.count(), 0);
        QVERIFY(writeFile(gate, "go"));
        QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, kWait);
        const auto result = answered.first().first().value<ai::AskJob::Result>();
        QVERIFY2(result.ok, qPrintable(result.message));
        QTRY_VERIFY(m_panel->answerView()->toPlainText().contains(QLatin1String("KeyError: 'DATABASE_URL'")));
        QVERIFY(m_panel->askButton()->isEnabled());

        // What kubectl-ai was given: the prompt last, read-only, on Quayside's kubeconfig.
        const QList<StandInTools::Call> asked = m_tools->calls(QStringLiteral("kubectl-ai"));
        const StandInTools::Call* question = nullptr;
        for (const StandInTools::Call& call : asked) {
            if (call.arguments.value(0) != QLatin1String("version"))
                question = &call;
        }
        QVERIFY(question);
        QVERIFY(question->arguments.contains(QStringLiteral("--quiet")));
        QVERIFY(!question->arguments.contains(QStringLiteral("--skip-permissions")));
        QCOMPARE(question->arguments.value(question->arguments.indexOf(QStringLiteral("--kubeconfig")) + 1),
                 m_kubeconfig);
        // One argv line per argument: the prompt's first line follows the kubeconfig's path.
        QCOMPARE(question->arguments.value(3), QStringLiteral("Why does the backend restart?"));

        // The proposals: the trace of what it ran is not one; a pipe and a follow are listed, not runnable.
        QVERIFY(!row(QStringLiteral("kubectl get pods -n todo-app")));
        ProposedCommandRow* restart = row(QStringLiteral("kubectl rollout restart deployment/backend -n todo-app"));
        ProposedCommandRow* follow = row(QStringLiteral("kubectl logs -f deployment/backend -n todo-app"));
        QVERIFY(restart);
        QVERIFY(follow);
        QVERIFY(restart->runButton()->isEnabled());
        QVERIFY(!follow->runButton()->isEnabled());
        QVERIFY(follow->refusalLabel()->isVisible());
        QVERIFY(!follow->refusalLabel()->text().isEmpty());
        QCOMPARE(follow->runButton()->toolTip(), follow->refusalLabel()->text());

        // Declined: nothing runs.
        const int asks = ui::MessageBox::questionsAsked();
        ui::MessageBox::setNextAnswer(false);
        QTest::mouseClick(restart->runButton(), Qt::LeftButton);
        QCOMPARE(ui::MessageBox::questionsAsked(), asks + 1);
        QTest::qWait(200);
        QVERIFY(m_tools->calls(QStringLiteral("kubectl")).isEmpty());

        // Confirmed: the question showed the command in full, and kubectl ran with the workspace's target.
        QSignalSpy ran(m_panel.get(), &AskAiPanel::commandFinished);
        ui::MessageBox::setNextAnswer(true);
        QTest::mouseClick(restart->runButton(), Qt::LeftButton);
        const QString question2 = ui::MessageBox::lastQuestion();
        QVERIFY2(question2.contains(QStringLiteral("--kubeconfig ") + m_kubeconfig), qPrintable(question2));
        QVERIFY2(question2.contains(QLatin1String("--context minikube")), qPrintable(question2));
        QVERIFY2(question2.contains(QLatin1String("rollout restart deployment/backend")), qPrintable(question2));
        QVERIFY2(question2.contains(QLatin1String("changes the cluster")), qPrintable(question2));
        QTRY_COMPARE_WITH_TIMEOUT(ran.count(), 1, kWait);
        QCOMPARE(ran.first().first().toBool(), true);
        const QList<StandInTools::Call> kubectl = m_tools->calls(QStringLiteral("kubectl"));
        QCOMPARE(kubectl.size(), 1);
        const QStringList& a = kubectl.first().arguments;
        QVERIFY2(a.contains(QStringLiteral("rollout")) && a.contains(QStringLiteral("restart"))
                     && a.contains(QStringLiteral("deployment/backend")),
                 qPrintable(a.join(QLatin1Char(' '))));
        QCOMPARE(a.value(a.indexOf(QStringLiteral("--kubeconfig")) + 1), m_kubeconfig);
        QCOMPARE(a.value(a.indexOf(QStringLiteral("--context")) + 1), QStringLiteral("minikube"));
        QTRY_VERIFY(
            m_panel->commandOutputView()->toPlainText().contains(QLatin1String("deployment.apps/backend restarted")));
    }

    // Cancel stops the tool and what it started: no process is left.
    void cancelLeavesNoProcess()
    {
        m_tools->addHanging(QStringLiteral("kubectl-ai"));
        m_tools->prepend(QStringLiteral("kubectl-ai"),
                         QStringLiteral("if [ \"$1\" = version ]; then echo 'version: 0.0.12'; exit 0; fi"));
        openPanel();
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->askButton()->isEnabled(), kWait);
        m_panel->promptEdit()->setPlainText(QStringLiteral("analyze cluster health"));
        QSignalSpy answered(m_panel.get(), &AskAiPanel::answered);
        QTest::mouseClick(m_panel->askButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ProcessProbe::pidFromFile(recorded(QStringLiteral("kubectl-ai.child.pid"))) > 0,
                                 kWait);
        const qint64 pid = ProcessProbe::pidFromFile(recorded(QStringLiteral("kubectl-ai.pid")));
        const qint64 child = ProcessProbe::pidFromFile(recorded(QStringLiteral("kubectl-ai.child.pid")));
        QVERIFY(ProcessProbe::isRunning(pid));
        QVERIFY(ProcessProbe::isRunning(child));
        QVERIFY(m_panel->isAsking());

        QTest::mouseClick(m_panel->cancelButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, kWait);
        const auto result = answered.first().first().value<ai::AskJob::Result>();
        QVERIFY(result.cancelled);
        QVERIFY2(m_panel->statusLabel()->text().contains(QLatin1String("Cancelled")),
                 qPrintable(m_panel->statusLabel()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessProbe::isRunning(pid) && !ProcessProbe::isRunning(child), kWait);
        QVERIFY(!m_panel->isAsking());
        QVERIFY(m_panel->askButton()->isEnabled());
    }

    // The timeout is Settings → AI's; when it strikes, the panel says so and stops the tool.
    void timeoutIsReported()
    {
        m_tools->addHanging(QStringLiteral("kubectl-ai"));
        m_tools->prepend(QStringLiteral("kubectl-ai"),
                         QStringLiteral("if [ \"$1\" = version ]; then echo 'version: 0.0.12'; exit 0; fi"));
        openPanel([](Preferences& prefs) { prefs.setAiTimeout(std::chrono::seconds(5)); });
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->askButton()->isEnabled(), kWait);
        m_panel->promptEdit()->setPlainText(QStringLiteral("analyze cluster health"));
        QSignalSpy answered(m_panel.get(), &AskAiPanel::answered);
        m_panel->ask();
        QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, 60000);
        const auto result = answered.first().first().value<ai::AskJob::Result>();
        QVERIFY(!result.ok);
        QVERIFY(!result.cancelled);
        const QString status = m_panel->statusLabel()->text();
        QVERIFY2(status.contains(QLatin1String("did not answer within 5 s")), qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("Settings")), qPrintable(status));
        const qint64 child = ProcessProbe::pidFromFile(recorded(QStringLiteral("kubectl-ai.child.pid")));
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessProbe::isRunning(child), kWait);
    }

    // A tool that is not installed says how to install it, and cannot be asked; the prompt stays.
    void missingToolShowsItsInstallHint()
    {
        m_tools->add(QStringLiteral("kubectl-ai"), kubectlAiBody(QStringLiteral("ok")));
        openPanel();
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->askButton()->isEnabled(), kWait);
        m_panel->promptEdit()->setPlainText(QStringLiteral("is the namespace healthy"));
        m_panel->setTool(ai::AiToolKind::Kagent);
        QLabel* hint = m_panel->installHintLabel();
        QTRY_VERIFY(hint->isVisible());
        QCOMPARE(hint->text(), ai::AiTool::get(ai::AiToolKind::Kagent).installHint());
        QVERIFY(!m_panel->askButton()->isEnabled());
        QCOMPARE(m_panel->promptText(), QStringLiteral("is the namespace healthy"));
        auto* combo = m_panel->findChild<QComboBox*>(QStringLiteral("aiToolCombo"));
        QVERIFY2(combo->currentText().contains(QLatin1String("not installed")), qPrintable(combo->currentText()));
        // Ask does nothing either way.
        m_panel->ask();
        QVERIFY(!m_panel->isAsking());

        // Back to an installed one: the hint goes, Ask comes back.
        m_panel->setTool(ai::AiToolKind::KubectlAi);
        QVERIFY(!hint->isVisible());
        QVERIFY(m_panel->askButton()->isEnabled());
    }

    // Gordon has only a terminal UI: Open in terminal runs the terminal with `docker ai PROMPT`; Copy
    // prompt copies it. There is no Ask.
    void gordonOpensInATerminal()
    {
        m_tools->add(
            QStringLiteral("docker"),
            QStringLiteral("if [ \"$1 $2\" = 'ai version' ]; then echo 'Docker AI version v1.9.11'; exit 0; fi\n"
                           "exit 1"));
        m_tools->add(QStringLiteral("x-terminal-emulator"), QStringLiteral("exit 0"));
        openPanel([](Preferences& prefs) { prefs.setAiTool(QStringLiteral("gordon")); });
        QCOMPARE(m_panel->tool(), ai::AiToolKind::Gordon);
        QVERIFY(!m_panel->askButton()->isVisible());
        QVERIFY(m_panel->openTerminalButton()->isVisible());
        QVERIFY(m_panel->copyPromptButton()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->openTerminalButton()->isEnabled(), kWait);
        QVERIFY(m_panel->choosePrompt(QStringLiteral("review-dockerfiles")));
        const QString prompt = m_panel->promptText().trimmed();
        QVERIFY(!prompt.isEmpty());
        QTRY_VERIFY(m_panel->commandLine().contains(QLatin1String("x-terminal-emulator -e docker ai")));

        QTest::mouseClick(m_panel->openTerminalButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_tools->calls(QStringLiteral("x-terminal-emulator")).size(), 1, kWait);
        const QStringList args = m_tools->calls(QStringLiteral("x-terminal-emulator")).first().arguments;
        // The prompt is one argument, with its newlines (a recorded argv is one line per argument).
        QCOMPARE(args.mid(0, 3), QStringList({ QStringLiteral("-e"), QStringLiteral("docker"), QStringLiteral("ai") }));
        QCOMPARE(args.mid(3).join(QLatin1Char('\n')), prompt);
        QVERIFY2(m_panel->statusLabel()->text().contains(QLatin1String("Gordon opened")),
                 qPrintable(m_panel->statusLabel()->text()));

        QTest::mouseClick(m_panel->copyPromptButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), prompt);
    }

    // Settings → AI: every field stored on Save, the key in the keychain and never in the INI file;
    // whether one is stored is shown, and Remove takes it out.
    void settingsAiSection()
    {
        m_tools->add(QStringLiteral("x-terminal-emulator"), QStringLiteral("exit 0"));
        m_tools->install();
        m_preferences = std::make_unique<Preferences>(newSettingsFile());
        m_preferences->setKubeconfigPaths({ m_kubeconfig });
        m_workspace = std::make_unique<Workspace>(m_preferences.get(), WorkspaceOverrides {});
        m_workspace->load();
        m_keychain = std::make_unique<Keychain>(QStringLiteral("quayside-ask-ai-test"));
        m_keys = std::make_unique<ai::AiKeyStore>(m_keychain.get());
        // A clean keychain item to start from.
        bool removed = false;
        m_keys->remove(QStringLiteral("openai"), this, [&removed](const KeychainError&) { removed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(removed, kWait);

        auto dialog = std::make_unique<SettingsDialog>(m_preferences.get(), m_workspace.get(), nullptr, m_keys.get());
        dialog->open();
        auto* group = dialog->findChild<QGroupBox*>(QStringLiteral("aiGroup"));
        QVERIFY(group);
        auto* tool = dialog->findChild<QComboBox*>(QStringLiteral("aiToolCombo"));
        auto* provider = dialog->findChild<QComboBox*>(QStringLiteral("aiProviderCombo"));
        auto* model = dialog->findChild<QLineEdit*>(QStringLiteral("aiModelEdit"));
        auto* key = dialog->findChild<QLineEdit*>(QStringLiteral("aiKeyEdit"));
        auto* keyState = dialog->findChild<QLabel*>(QStringLiteral("aiKeyState"));
        auto* remove = dialog->findChild<QPushButton*>(QStringLiteral("aiKeyRemoveButton"));
        auto* timeout = dialog->findChild<QSpinBox*>(QStringLiteral("aiTimeoutSpin"));
        auto* agent = dialog->findChild<QLineEdit*>(QStringLiteral("kagentAgentEdit"));
        auto* agentNamespace = dialog->findChild<QLineEdit*>(QStringLiteral("kagentNamespaceEdit"));
        auto* terminal = dialog->findChild<QLineEdit*>(QStringLiteral("terminalCommandEdit"));
        auto* providerHint = dialog->findChild<QLabel*>(QStringLiteral("aiProviderHint"));
        QVERIFY(tool && provider && model && key && keyState && remove && timeout && agent && agentNamespace && terminal
                && providerHint);
        QCOMPARE(key->echoMode(), QLineEdit::Password);
        QCOMPARE(timeout->value(), 180);
        QVERIFY(terminal->placeholderText().contains(QLatin1String("x-terminal-emulator")));
        QCOMPARE(agent->placeholderText(), QStringLiteral("k8s-agent"));

        // Every provider kubectl-ai knows, by name; another name is an OpenAI-compatible endpoint.
        QCOMPARE(provider->count(), static_cast<int>(ai::AiProvider::all().size()));
        provider->setEditText(QStringLiteral("my-llm"));
        QVERIFY2(providerHint->text().contains(QLatin1String("OpenAI-compatible")), qPrintable(providerHint->text()));
        provider->setCurrentIndex(provider->findData(QStringLiteral("openai")));
        QVERIFY2(providerHint->text().contains(QLatin1String("OPENAI_API_KEY")), qPrintable(providerHint->text()));
        QTRY_VERIFY_WITH_TIMEOUT(keyState->text().contains(QLatin1String("No key is stored")), kWait);
        QVERIFY(!remove->isEnabled());

        tool->setCurrentIndex(tool->findData(QStringLiteral("kagent")));
        QTest::keyClicks(model, QStringLiteral("gpt-4.1"));
        const QString secret = QStringLiteral("sk-test-0123456789abcdef");
        QTest::keyClicks(key, secret);
        timeout->setValue(42);
        QTest::keyClicks(agent, QStringLiteral("helm-agent"));
        QTest::keyClicks(agentNamespace, QStringLiteral("Bad_NS"));
        auto* save = dialog->findChild<QPushButton*>(QStringLiteral("saveButton"));
        QVERIFY(!save->isEnabled());
        agentNamespace->clear();
        QTest::keyClicks(agentNamespace, QStringLiteral("agents"));
        QVERIFY(save->isEnabled());
        QTest::keyClicks(terminal, QStringLiteral("xterm"));

        // The key is written first; the dialog closes once the keychain took it.
        QSignalSpy changed(m_preferences.get(), &Preferences::changed);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVisible(), kWait);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_preferences->aiTool(), QStringLiteral("kagent"));
        QCOMPARE(m_preferences->aiProvider(), QStringLiteral("openai"));
        QCOMPARE(m_preferences->aiModel(), QStringLiteral("gpt-4.1"));
        QCOMPARE(m_preferences->aiTimeout(), std::chrono::seconds(42));
        QCOMPARE(m_preferences->kagentAgent(), QStringLiteral("helm-agent"));
        QCOMPARE(m_preferences->kagentNamespace(), QStringLiteral("agents"));
        QCOMPARE(m_preferences->terminalCommand(), QStringLiteral("xterm"));
        QFile ini(m_preferences->fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains(secret.toUtf8()));
        QString stored;
        bool read = false;
        m_keys->read(QStringLiteral("openai"), this, [&](QByteArray& value, const KeychainError& error) {
            QVERIFY2(error.ok(), qPrintable(error.message));
            stored = QString::fromUtf8(value);
            read = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, kWait);
        QCOMPARE(stored, secret);

        // Opened again: the key is said to be stored (never shown), and Remove removes it.
        dialog = std::make_unique<SettingsDialog>(m_preferences.get(), m_workspace.get(), nullptr, m_keys.get());
        dialog->open();
        keyState = dialog->findChild<QLabel*>(QStringLiteral("aiKeyState"));
        remove = dialog->findChild<QPushButton*>(QStringLiteral("aiKeyRemoveButton"));
        key = dialog->findChild<QLineEdit*>(QStringLiteral("aiKeyEdit"));
        QTRY_VERIFY_WITH_TIMEOUT(keyState->text().contains(QLatin1String("A key is stored")), kWait);
        QVERIFY(keyState->text().contains(QLatin1String("ai/openai")));
        QVERIFY(key->text().isEmpty());
        QVERIFY(remove->isEnabled());
        QVERIFY(!everyText(dialog.get()).contains(secret));

        // The screenshot: the AI section as a user sees it, a key stored.
        if (!qEnvironmentVariableIsEmpty("QUAYSIDE_SCREENSHOT_DIR")) {
            auto* scroll = dialog->findChild<QScrollArea*>(QStringLiteral("settingsScroll"));
            QWidget* content = scroll->widget();
            const int needed = content->hasHeightForWidth() ? content->heightForWidth(scroll->viewport()->width())
                                                            : content->sizeHint().height();
            dialog->resize(dialog->width(), dialog->height() + needed - scroll->viewport()->height());
            QTest::qWait(50);
            auto* aiGroup = dialog->findChild<QGroupBox*>(QStringLiteral("aiGroup"));
            const QRect area(aiGroup->mapTo(dialog.get(), QPoint(0, 0)), aiGroup->size());
            saveScreenshot(dialog->grab(area.adjusted(-18, -12, 18, 12)), QStringLiteral("settings-ai"));
        }

        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(keyState->text().contains(QLatin1String("No key is stored")), kWait);
        read = false;
        m_keys->read(QStringLiteral("openai"), this, [&](QByteArray& value, const KeychainError&) {
            stored = QString::fromUtf8(value);
            read = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, kWait);
        QVERIFY(stored.isEmpty());
        dialog->reject();
    }

    // The pod menu's "Ask AI": the page opens with the library's pod prompt, filled with the pod's
    // status, its recent events and the log lines the view holds of it.
    void podMenuOpensTheAskAiPage()
    {
        openWindow(Scenario::crashLoop());
        DashboardPage* dashboard = m_controller->dashboardPage();
        QString pod;
        QTRY_VERIFY_WITH_TIMEOUT(!(pod = crashingPod()).isEmpty(), kWait);
        // The BackOff events arrive through the events informer.
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->eventModel()->rowCount() > 0, kWait);
        dashboard->askAiAboutPod(pod);
        MainWindow* window = m_controller->window();
        QCOMPARE(window->page(window->currentPage())->objectName(), QStringLiteral("askAiPage"));
        AskAiPanel* panel = m_controller->askAiPage();
        const QString prompt = panel->promptText();
        QVERIFY2(prompt.startsWith(QStringLiteral("Look at pod %1 in namespace todo-app (deployment backend): "
                                                  "CrashLoopBackOff, 0/1 ready")
                                       .arg(pod)),
                 qPrintable(prompt));
        QVERIFY2(prompt.contains(QLatin1String("Warning BackOff (x")), qPrintable(prompt));
        QVERIFY2(panel->missingVariables().isEmpty(), qPrintable(panel->missingVariables().join(QLatin1Char(','))));
        auto* context = panel->findChild<QLabel*>(QStringLiteral("aiPromptContextLabel"));
        QVERIFY(context->text().contains(pod));
    }

    // A CrashLoopBackOff finding's "Ask AI": the Ask AI page opens with the library's finding prompt
    // filled from the finding's evidence, secret values as ***; asked, the answer and its proposals show.
    void findingOpensTheAskAiPage()
    {
        m_tools->add(QStringLiteral("kubectl-ai"),
                     kubectlAiBody(QString::fromUtf8(kCrashLoopAnswer) + QStringLiteral("(read from /app/main.py)\n")));
        // Pretend a line of the app's log carries a secret value Quayside knows (a keychain value):
        // the traceback names /app/main.py, so that is the "secret" here.
        const QString secret = QStringLiteral("/app/main.py");
        Redactor::instance().registerSecret(secret);
        openWindow(Scenario::crashLoop());
        DashboardPage* dashboard = m_controller->dashboardPage();
        QString pod;
        QTRY_VERIFY_WITH_TIMEOUT(!(pod = crashingPod()).isEmpty(), kWait);
        dashboard->showProblems(QStringLiteral("Pod"), pod);
        ProblemsPanel* problems = dashboard->problems();
        QVERIFY(problems->currentFinding());
        QCOMPARE(problems->currentFinding()->objectName, pod);
        // The traceback's line with the "secret" is part of the evidence.
        QTRY_VERIFY_WITH_TIMEOUT(problems->evidenceView()->toPlainText().contains(QLatin1String("File \"")), kWait);
        QVERIFY(problems->askAiButton()->isVisible());
        QTest::mouseClick(problems->askAiButton(), Qt::LeftButton);

        MainWindow* window = m_controller->window();
        QCOMPARE(window->page(window->currentPage())->objectName(), QStringLiteral("askAiPage"));
        AskAiPanel* panel = m_controller->askAiPage();
        QCOMPARE(panel->tool(), ai::AiToolKind::KubectlAi);
        const QString prompt = panel->promptText();
        QVERIFY2(prompt.startsWith(QLatin1String("Quayside's diagnosis found a problem in namespace todo-app")),
                 qPrintable(prompt));
        QVERIFY2(prompt.contains(pod), qPrintable(prompt));
        QVERIFY2(prompt.contains(QLatin1String("KeyError: 'DATABASE_URL'")), qPrintable(prompt));
        QVERIFY2(prompt.contains(QLatin1String("CrashLoopBackOff")), qPrintable(prompt));
        QVERIFY2(prompt.contains(QLatin1String("File \"***\", line 12")), qPrintable(prompt));
        QVERIFY2(!prompt.contains(secret), qPrintable(prompt));
        auto* context = panel->findChild<QLabel*>(QStringLiteral("aiPromptContextLabel"));
        QVERIFY(context->isVisible());
        QVERIFY2(context->text().contains(pod), qPrintable(context->text()));

        // Asked: the tool got no secret either, and the answer it echoes one in shows ***.
        QTRY_VERIFY_WITH_TIMEOUT(panel->askButton()->isEnabled(), kWait);
        QSignalSpy answered(panel, &AskAiPanel::answered);
        QTest::mouseClick(panel->askButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, kWait);
        QVERIFY(answered.first().first().value<ai::AskJob::Result>().ok);
        QTRY_VERIFY(panel->answerView()->toPlainText().contains(QLatin1String("(read from ***)")));
        QVERIFY(!m_tools->allRecordedBytes().contains(secret.toUtf8()));
        QVERIFY(!everyText(panel).contains(secret));
        QVERIFY(panel->proposalRows().size() >= 3);

        // The read-only check of the rollout, run from the panel, for the picture.
        ProposedCommandRow* status = nullptr;
        for (ProposedCommandRow* r : panel->proposalRows()) {
            if (r->command().text == QLatin1String("kubectl rollout status deployment/backend -n todo-app"))
                status = r;
        }
        QVERIFY(status);
        QSignalSpy ran(panel, &AskAiPanel::commandFinished);
        ui::MessageBox::setNextAnswer(true);
        QTest::mouseClick(status->runButton(), Qt::LeftButton);
        QVERIFY2(ui::MessageBox::lastQuestion().contains(QLatin1String("only reads")),
                 qPrintable(ui::MessageBox::lastQuestion()));
        QTRY_COMPARE_WITH_TIMEOUT(ran.count(), 1, kWait);
        QTRY_VERIFY(panel->commandOutputView()->toPlainText().contains(QLatin1String("successfully rolled out")));
        QVERIFY(!everyText(panel).contains(secret));
        QApplication::processEvents();
        saveScreenshot(window->grab(), QStringLiteral("ask-ai-crashloop"));
        Redactor::instance().forgetAll();
    }
};

QTEST_MAIN(AskAiPanelTest)
#include "AskAiPanelTest.moc"
