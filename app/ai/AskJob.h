#pragma once

#include "ai/AiSettings.h"
#include "ai/AiTool.h"
#include "ai/KagentCli.h"
#include "ai/ProposedCommand.h"
#include "process/ToolCommand.h"
#include "workspace/ClusterTarget.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace quayside {
class Keychain;
class ToolJob;
class ToolRunner;
struct ToolResult;
} // namespace quayside

namespace quayside::ai {

class AiKeyStore;
class PrivateKubeconfig;

// One question to kubectl-ai or kagent, asked asynchronously: the private kubeconfig is written, the
// provider's key is read from the keychain into the child's environment only, the tool runs (its whole
// process group is killed on cancel() and at the timeout), its output streams line by line — each
// line through the Redactor — into a transcript bounded in bytes, and at the end the answer (kagent's
// JSON reduced to its text) and the kubectl commands it proposes come back in finished().
//
// Gordon has no non-interactive mode; it is opened in a terminal instead (TerminalLauncher).
class AskJob : public QObject
{
    Q_OBJECT
public:
    struct Spec
    {
        AiToolKind tool = AiToolKind::KubectlAi;
        QString prompt; // already filled from the library (and redacted)
        ClusterTarget target;
        AiSettings settings;
        KagentCli kagent; // from AiToolProbe, for kagent
        bool readOnly = true; // append the library's read-only instruction
        // Only to show the command line: no private kubeconfig is written (its path is described).
        bool previewOnly = false;
        QString readOnlyInstruction;
    };

    struct Result
    {
        bool ok = false;
        bool cancelled = false;
        QString message; // why it failed, one sentence for the user; empty when ok
        QString answer; // what the tool said (redacted, bounded)
        bool truncated = false; // the transcript outgrew kMaxTranscriptBytes; its start was dropped
        QList<ProposedCommand> proposals;
    };

    static constexpr qsizetype kMaxTranscriptBytes = 1024 * 1024;

    AskJob(ToolRunner* runner, AiKeyStore* keys, Spec spec, QObject* parent = nullptr);
    ~AskJob() override;

    // The command that will run (or runs), as a shell would show it; the key's variable shows as a
    // reference to the keychain, never its value. Valid after construction.
    QString commandLine() const;
    // The argv and environment the tool gets (minus the key) — what `quayside ask --dry-run` prints.
    const ToolCommand& command() const { return m_command; }

    // Why it cannot run (no kubeconfig to give, a kagent Quayside cannot drive, Gordon); empty when it can.
    QString problem() const { return m_buildError; }

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    QString transcript() const { return m_transcript; }

Q_SIGNALS:
    void started();
    // One line of output as it arrives (redacted); `standardError` for the tool's diagnostics.
    void outputLine(const QString& line, bool standardError);
    void finished(const quayside::ai::AskJob::Result& result);

private:
    void buildCommand();
    void launch(QByteArray& key);
    void append(const QString& line);
    void onToolFinished(const ToolResult& result);
    void finishWith(Result result);

    ToolRunner* m_runner;
    AiKeyStore* m_keys;
    Spec m_spec;
    ToolCommand m_command;
    QString m_buildError;
    QString m_keyVariable;
    std::unique_ptr<PrivateKubeconfig> m_kubeconfig;
    QPointer<ToolJob> m_job;
    QString m_transcript;
    QStringList m_stderrTail; // the last lines, redacted: the failure message's source
    qsizetype m_droppedBytes = 0;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_finished = false;
};

// kagent's JSON answer (an A2A Task or Message) reduced to its text: the text parts of its artifacts,
// else of its status message, else of the last agent message in its history. Empty when `output` is not
// such JSON (then the output is shown as it came).
QString kagentAnswerText(const QString& output);

} // namespace quayside::ai

Q_DECLARE_METATYPE(quayside::ai::AskJob::Result)
