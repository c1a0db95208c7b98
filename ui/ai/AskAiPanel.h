#pragma once

#include "ai/AiTool.h"
#include "ai/AskJob.h"
#include "ai/PromptVariables.h"

#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;

namespace quayside {
class ToolJob;
class ToolRunner;
class Workspace;
struct ToolCommand;
} // namespace quayside

namespace quayside::ai {
class AiKeyStore;
class AiToolProbe;
} // namespace quayside::ai

namespace quayside::diagnosis {
struct Finding;
}

namespace quayside::ui {

class ProposedCommandRow;
class StatusBadge;
class StepLogView;

// Ask AI (issue 13): one question to kubectl-ai or kagent about the workspace's cluster, or Gordon
// opened in a terminal. On the left the question: the tool (missing ones say how to install them), a
// prompt from the library filled with the workspace's names and the thing at hand (a diagnosis finding)
// or the user's own words, editable, and the exact command line that will run. On the right the
// answer, streamed as it comes (bounded), and the kubectl commands it proposes.
//
// Read-only by default: the tool is told to propose changes rather than make them, and Quayside never
// runs a proposed command by itself; each has a Run button that shows the command in full (with the
// workspace's --kubeconfig, --context and --namespace) in a confirmation first. Nothing here blocks the
// GUI: the tool, the keychain read and the commands are all asynchronous and can be cancelled.
class AskAiPanel : public QWidget
{
    Q_OBJECT
public:
    AskAiPanel(Workspace* workspace, ToolRunner* runner, ai::AiToolProbe* probe, ai::AiKeyStore* keys,
               QWidget* parent = nullptr);
    ~AskAiPanel() override;

    ai::AiToolKind tool() const;
    void setTool(ai::AiToolKind kind);
    // Chooses a library prompt by id ("explain-pod"); false when the library has none.
    bool choosePrompt(const QString& id);
    QString promptText() const;
    // The variables the filled prompt still lacks and the text still shows as <name>.
    QStringList missingVariables() const { return m_stillMissing; }
    // What the Ask button would run (for Gordon: the terminal with `docker ai PROMPT`).
    QString commandLine() const;

    bool isAsking() const { return m_job && m_job->isRunning(); }
    bool isRunningCommand() const { return !m_commandJob.isNull(); }
    QList<ProposedCommandRow*> proposalRows() const { return m_rows; }
    StepLogView* answerView() const { return m_answer; }
    StepLogView* commandOutputView() const { return m_commandOutput; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* installHintLabel() const { return m_installHint; }
    QPushButton* askButton() const { return m_ask; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* openTerminalButton() const { return m_openTerminal; }
    QPushButton* copyPromptButton() const { return m_copyPrompt; }
    QPlainTextEdit* promptEdit() const { return m_promptEdit; }

public Q_SLOTS:
    // From a diagnosis finding: the library's finding prompt filled with its summary and evidence, for
    // the preferred tool. Nothing runs until the user presses Ask.
    void askAboutFinding(const quayside::diagnosis::Finding& finding);
    // From a pod on the dashboard: the library's pod prompt filled with `variables` (PromptVariables::addPod);
    // `about` is the one line the context bar shows (plain text).
    void askAboutPod(const quayside::ai::PromptVariables& variables, const QString& about);
    void ask();
    void cancel();
    // Gordon's two ways in: a terminal with `docker ai PROMPT`, or the prompt on the clipboard.
    void openInTerminal();
    void copyPrompt();

Q_SIGNALS:
    // The answer is complete (or the tool failed, timed out or was cancelled): for tests and the window.
    void answered(const quayside::ai::AskJob::Result& result);
    // A proposed command finished running.
    void commandFinished(bool ok);

private:
    QWidget* buildQuestion();
    QWidget* buildAnswer();
    void fillCategories();
    void onCategoryChanged();
    void onPromptChosen();
    void fillPrompt();
    void onToolChanged();
    void onProbed(ai::AiToolKind kind);
    void onWorkspaceChanged();
    void onPromptEdited();
    void updateToolItems();
    void updateToolState();
    void updateMissing();
    void updateButtons();
    void schedulePreview();
    void updatePreview();
    ai::AskJob::Spec spec() const;
    // The prompt as it leaves Quayside: the editor's text with every secret value the Redactor knows
    // replaced by ***, whoever typed or pasted it.
    QString outgoingPrompt() const;
    void onAnswered(const ai::AskJob::Result& result);
    void showProposals(const QList<ai::ProposedCommand>& proposals);
    void clearProposals();
    void confirmProposal(const ai::ProposedCommand& command);
    void runProposal(const ToolCommand& command);
    void setStatus(int kind, const QString& text);
    void tick();

    Workspace* m_workspace;
    ToolRunner* m_runner;
    ai::AiToolProbe* m_probe;
    ai::AiKeyStore* m_keys;

    ai::PromptVariables m_base; // the workspace layer
    ai::PromptVariables m_specific; // the thing at hand (a finding)
    QString m_filledText; // what the last fill put in the editor, to tell the user's edits from it
    QStringList m_missing; // what that fill lacked
    QStringList m_stillMissing; // of those, what the text still shows as <name>

    std::unique_ptr<ai::AskJob> m_preview; // built, never started: its commandLine()
    QTimer m_previewTimer;
    QPointer<ai::AskJob> m_job;
    QPointer<ToolJob> m_commandJob;
    QElapsedTimer m_elapsed;
    QTimer m_tick;

    QComboBox* m_toolCombo = nullptr;
    QLabel* m_toolState = nullptr;
    QLabel* m_toolDescription = nullptr;
    QFrame* m_installBanner = nullptr;
    QLabel* m_installHint = nullptr;
    QComboBox* m_category = nullptr;
    QComboBox* m_prompt = nullptr;
    QFrame* m_contextBar = nullptr;
    QLabel* m_contextLabel = nullptr;
    QPlainTextEdit* m_promptEdit = nullptr;
    QLabel* m_missingLabel = nullptr;
    QCheckBox* m_readOnly = nullptr;
    QPlainTextEdit* m_commandLine = nullptr;
    QPushButton* m_copyCommand = nullptr;
    QPushButton* m_ask = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_openTerminal = nullptr;
    QPushButton* m_copyPrompt = nullptr;
    StatusBadge* m_badge = nullptr;
    QLabel* m_status = nullptr;
    StepLogView* m_answer = nullptr;
    QPushButton* m_copyAnswer = nullptr;
    QLabel* m_proposalsEmpty = nullptr;
    QVBoxLayout* m_proposalsLayout = nullptr;
    QList<ProposedCommandRow*> m_rows;
    QLabel* m_commandStatus = nullptr;
    QPushButton* m_stopCommand = nullptr;
    StepLogView* m_commandOutput = nullptr;
    QString m_askingText;
};

} // namespace quayside::ui
