#include "ai/AskJob.h"

#include "ai/AiKeyStore.h"
#include "ai/PrivateKubeconfig.h"
#include "core/Log.h"
#include "core/Redactor.h"
#include "core/SecureMemory.h"
#include "process/ShellQuote.h"
#include "process/ToolJob.h"
#include "process/ToolRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace quayside::ai {

namespace {

constexpr qsizetype kMaxTranscriptChars = AskJob::kMaxTranscriptBytes / qsizetype(sizeof(QChar));
constexpr int kStderrLinesKept = 20;

QString textOfParts(const QJsonArray& parts)
{
    QStringList texts;
    for (const QJsonValue& part : parts) {
        const QJsonObject object = part.toObject();
        const QString kind
            = object.value(QLatin1String("kind")).toString(object.value(QLatin1String("type")).toString());
        if (kind == QLatin1String("text"))
            texts << object.value(QLatin1String("text")).toString();
    }
    return texts.join(QLatin1Char('\n'));
}

QString textOfTask(QJsonObject object)
{
    if (object.contains(QLatin1String("result")) && object.value(QLatin1String("result")).isObject())
        object = object.value(QLatin1String("result")).toObject(); // a JSON-RPC envelope
    QStringList texts;
    for (const QJsonValue& artifact : object.value(QLatin1String("artifacts")).toArray()) {
        const QString text = textOfParts(artifact.toObject().value(QLatin1String("parts")).toArray());
        if (!text.isEmpty())
            texts << text;
    }
    if (!texts.isEmpty())
        return texts.join(QLatin1Char('\n'));
    const QString status = textOfParts(object.value(QLatin1String("status"))
                                           .toObject()
                                           .value(QLatin1String("message"))
                                           .toObject()
                                           .value(QLatin1String("parts"))
                                           .toArray());
    if (!status.isEmpty())
        return status;
    const QJsonArray history = object.value(QLatin1String("history")).toArray();
    for (qsizetype i = history.size() - 1; i >= 0; --i) {
        const QJsonObject message = history.at(i).toObject();
        if (message.value(QLatin1String("role")).toString() == QLatin1String("agent")) {
            const QString text = textOfParts(message.value(QLatin1String("parts")).toArray());
            if (!text.isEmpty())
                return text;
        }
    }
    return textOfParts(object.value(QLatin1String("parts")).toArray()); // a bare Message
}

} // namespace

QString kagentAnswerText(const QString& output)
{
    const QByteArray bytes = output.trimmed().toUtf8();
    if (!bytes.startsWith('{'))
        return {};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError && document.isObject())
        return textOfTask(document.object());
    // Streamed A2A events, one per line: the artifacts' text in order, else the last status message's.
    QStringList artifacts;
    QString lastStatus;
    for (const QByteArray& raw : bytes.split('\n')) {
        const QJsonDocument line = QJsonDocument::fromJson(raw.trimmed());
        if (!line.isObject())
            continue;
        const QJsonObject event = line.object();
        const QString artifact
            = textOfParts(event.value(QLatin1String("artifact")).toObject().value(QLatin1String("parts")).toArray());
        if (!artifact.isEmpty()) {
            artifacts << artifact;
            continue;
        }
        const QString text = textOfTask(event);
        if (!text.isEmpty())
            lastStatus = text;
    }
    return artifacts.isEmpty() ? lastStatus : artifacts.join(QLatin1Char('\n'));
}

AskJob::AskJob(ToolRunner* runner, AiKeyStore* keys, Spec spec, QObject* parent)
    : QObject(parent)
    , m_runner(runner)
    , m_keys(keys)
    , m_spec(std::move(spec))
{
    buildCommand();
}

AskJob::~AskJob()
{
    if (m_job)
        m_job->cancel();
}

void AskJob::buildCommand()
{
    const AiTool& tool = AiTool::get(m_spec.tool);
    m_command.program = tool.program;
    m_command.timeout = m_spec.settings.timeout;
    // Our own transcript is bounded; the runner need not keep a second copy.
    m_command.captureOutput = false;
    if (m_spec.tool == AiToolKind::Gordon) {
        m_buildError
            = QStringLiteral("Gordon has no non-interactive mode: open it in a terminal with the prompt filled "
                             "in, or copy the prompt.");
        m_command.arguments = { QStringLiteral("ai"), m_spec.prompt };
        return;
    }
    QString prompt = m_spec.prompt;
    if (m_spec.readOnly && !m_spec.readOnlyInstruction.isEmpty())
        prompt += QStringLiteral("\n\n") + m_spec.readOnlyInstruction;
    // Once more, whatever the caller did: nothing the Redactor knows reaches an argument.
    prompt = Redactor::instance().redact(prompt);

    m_kubeconfig = std::make_unique<PrivateKubeconfig>();
    QString kubeconfigError;
    if (!m_kubeconfig->prepare(m_spec.target, &kubeconfigError, !m_spec.previewOnly)) {
        m_buildError
            = QStringLiteral("Quayside could not give %1 its kubeconfig: %2").arg(tool.displayName, kubeconfigError);
        m_kubeconfig.reset();
    }
    const QString kubeconfig = m_kubeconfig ? m_kubeconfig->path() : QString();
    // Both tools (and the kubectl they run) read KUBECONFIG; kubectl-ai is also told by flag.
    m_command.unsetEnvironment << QStringLiteral("KUBECONFIG");
    if (!kubeconfig.isEmpty())
        m_command.environment.insert(QStringLiteral("KUBECONFIG"), kubeconfig);

    if (m_spec.tool == AiToolKind::KubectlAi) {
        // Never --skip-permissions: kubectl-ai must not change anything without a person saying yes,
        // and run by Quayside it has no terminal to ask on (ProcessToolJob starts it in its own session).
        m_command.arguments << QStringLiteral("--quiet");
        if (!kubeconfig.isEmpty())
            m_command.arguments << QStringLiteral("--kubeconfig") << kubeconfig;
        if (!m_spec.settings.provider.isEmpty())
            m_command.arguments << QStringLiteral("--llm-provider") << m_spec.settings.provider;
        if (!m_spec.settings.model.isEmpty())
            m_command.arguments << QStringLiteral("--model") << m_spec.settings.model;
        m_command.arguments << prompt;
        m_keyVariable = AiProvider::get(m_spec.settings.provider).keyVariable;
        return;
    }
    // kagent
    QString shapeError;
    const QStringList args = m_spec.kagent.invokeArguments(m_spec.settings.kagentAgent, m_spec.settings.kagentNamespace,
                                                           prompt, &shapeError);
    if (args.isEmpty() && m_buildError.isEmpty())
        m_buildError = shapeError;
    m_command.arguments = args;
}

QString AskJob::commandLine() const
{
    QString line = shellJoin(QStringList { m_command.program } + m_command.arguments);
    if (!m_keyVariable.isEmpty())
        line += QStringLiteral("\n# %1 from the keychain (Settings → AI), in the tool's environment only")
                    .arg(m_keyVariable);
    return line;
}

void AskJob::start()
{
    if (m_running || m_finished || m_spec.previewOnly)
        return;
    m_running = true;
    if (!m_buildError.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            Result result;
            result.message = m_buildError;
            finishWith(result);
        });
        return;
    }
    Q_EMIT started();
    if (m_keyVariable.isEmpty() || !m_keys) {
        QTimer::singleShot(0, this, [this] {
            QByteArray empty;
            launch(empty);
        });
        return;
    }
    m_keys->read(m_spec.settings.provider, this, [this](QByteArray& key, const KeychainError& error) {
        if (m_cancelled)
            return;
        if (!error.ok())
            Q_EMIT outputLine(
                QStringLiteral("The keychain could not be read (%1); %2 runs with the environment's %3, if "
                               "any.")
                    .arg(error.message, AiTool::get(m_spec.tool).displayName, m_keyVariable),
                true);
        launch(key);
    });
}

void AskJob::launch(QByteArray& key)
{
    ToolCommand command = m_command;
    // Again now that the key has been read (and so registered): a key pasted into the question must not
    // travel in an argument either.
    for (QString& argument : command.arguments)
        argument = Redactor::instance().redact(argument);
    if (!key.isEmpty()) {
        command.environment.insert(m_keyVariable, QString::fromUtf8(key));
        secureWipe(key);
    }
    m_job = m_runner->start(command, this);
    // The log's own sink redacts too; the prompt is in the arguments, so only its size is logged.
    spdlog::info("ai: asking {} ({} arguments, prompt {} characters)", log::str(AiTool::get(m_spec.tool).id),
                 command.arguments.size(), command.arguments.isEmpty() ? 0 : command.arguments.last().size());
    connect(m_job, &ToolJob::standardOutputLine, this, [this](const QString& line) {
        const QString clean = Redactor::instance().redact(line);
        append(clean);
        Q_EMIT outputLine(clean, false);
    });
    connect(m_job, &ToolJob::standardErrorLine, this, [this](const QString& line) {
        const QString clean = Redactor::instance().redact(line);
        m_stderrTail.append(clean.left(2000));
        if (m_stderrTail.size() > kStderrLinesKept)
            m_stderrTail.removeFirst();
        Q_EMIT outputLine(clean, true);
    });
    connect(m_job, &ToolJob::finished, this, &AskJob::onToolFinished);
}

void AskJob::append(const QString& line)
{
    m_transcript += line;
    m_transcript += QLatin1Char('\n');
    if (m_transcript.size() <= kMaxTranscriptChars)
        return;
    // Drop the oldest quarter at a line boundary: amortised, so a tool printing 10 MB costs O(n).
    qsizetype cut = m_transcript.size() - kMaxTranscriptChars * 3 / 4;
    const qsizetype newline = m_transcript.indexOf(QLatin1Char('\n'), cut);
    if (newline >= 0)
        cut = newline + 1;
    m_droppedBytes += cut;
    m_transcript.remove(0, cut);
}

void AskJob::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    if (m_job) {
        m_job->cancel(); // finished(Cancelled) follows
        return;
    }
    QTimer::singleShot(0, this, [this] {
        Result result;
        result.cancelled = true;
        result.message = QStringLiteral("Cancelled before the tool started.");
        finishWith(result);
    });
}

void AskJob::onToolFinished(const ToolResult& result)
{
    if (m_kubeconfig)
        m_kubeconfig->remove();
    const AiTool& tool = AiTool::get(m_spec.tool);
    Result r;
    r.answer = m_transcript;
    r.truncated = m_droppedBytes > 0;
    if (r.truncated)
        r.answer.prepend(QStringLiteral("[… the first %1 KiB of the answer were dropped to stay within %2 KiB]\n")
                             .arg(m_droppedBytes * qsizetype(sizeof(QChar)) / 1024)
                             .arg(kMaxTranscriptBytes / 1024));
    if (m_spec.tool == AiToolKind::Kagent) {
        const QString text = kagentAnswerText(m_transcript);
        if (!text.isEmpty())
            r.answer = Redactor::instance().redact(text);
    }
    const QString lastError = m_stderrTail.isEmpty() ? QString() : m_stderrTail.constLast().trimmed();
    switch (result.outcome) {
    case ToolResult::Outcome::Finished:
        r.ok = result.exitCode == 0;
        if (!r.ok)
            r.message = lastError.isEmpty()
                ? QStringLiteral("%1 failed with exit code %2.").arg(tool.displayName).arg(result.exitCode)
                : QStringLiteral("%1 failed (exit code %2): %3")
                      .arg(tool.displayName)
                      .arg(result.exitCode)
                      .arg(lastError);
        break;
    case ToolResult::Outcome::NotFound:
        r.message = tool.installHint();
        break;
    case ToolResult::Outcome::TimedOut:
        r.message = QStringLiteral("%1 did not answer within %2 s and was stopped, with everything it started. The "
                                   "timeout is in Settings → AI.")
                        .arg(tool.displayName)
                        .arg(m_spec.settings.timeout.count());
        break;
    case ToolResult::Outcome::Cancelled:
        r.cancelled = true;
        r.message = QStringLiteral("Cancelled: %1 and everything it started were stopped.").arg(tool.displayName);
        break;
    case ToolResult::Outcome::Crashed:
    case ToolResult::Outcome::FailedToStart:
        r.message = QStringLiteral("%1: %2").arg(tool.displayName, result.describeFailure());
        break;
    }
    r.message = Redactor::instance().redact(r.message);
    r.proposals = ProposedCommand::extract(r.answer);
    finishWith(r);
}

void AskJob::finishWith(Result result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_running = false;
    if (m_kubeconfig)
        m_kubeconfig->remove();
    Q_EMIT finished(result);
}

} // namespace quayside::ai
