#include "process/ProcessToolJob.h"

#include "core/ExecutableFinder.h"
#include "core/Log.h"
#include "core/TimerInterval.h"
#include "process/ProcessToolRunner.h"

#include <QFileInfo>

#include <csignal>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace quayside {

ProcessToolJob::ProcessToolJob(ToolCommand command, QObject* parent)
    : ToolJob(parent)
    , m_command(std::move(command))
{
    m_timeout.setSingleShot(true);
    m_killTimer.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] { stop(ToolResult::Outcome::TimedOut); });
    connect(&m_killTimer, &QTimer::timeout, this, [this] { signalGroup(SIGKILL); });
}

ProcessToolJob::~ProcessToolJob()
{
    // Destroyed while running (its owner went away): never leave the tool behind.
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        signalGroup(SIGKILL);
        m_process->waitForFinished(1000); // reaps the child; bounded and only on teardown
    }
}

void ProcessToolJob::begin()
{
    m_elapsed.start();
    const QString resolved = ExecutableFinder::find(m_command.program);
    m_result.program = resolved;
    if (resolved.isEmpty()) {
        m_result.outcome = ToolResult::Outcome::NotFound;
        m_result.errorString = QStringLiteral("%1 is not installed (not found on PATH)").arg(m_command.program);
        complete(m_result);
        return;
    }

    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name : std::as_const(m_command.unsetEnvironment))
        env.remove(name);
    for (auto it = m_command.environment.cbegin(); it != m_command.environment.cend(); ++it)
        env.insert(it.key(), it.value());
    m_process->setProcessEnvironment(env);
    if (!m_command.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(m_command.workingDirectory);
#ifdef Q_OS_UNIX
    // A new session makes the child the leader of its own process group, so one kill(-pgid) reaches
    // everything it starts. Runs in the child between fork and exec: only async-signal-safe calls.
    m_process->setChildProcessModifier([] { ::setsid(); });
#endif
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] { onReadyRead(QProcess::StandardOutput); });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] { onReadyRead(QProcess::StandardError); });
    connect(m_process, &QProcess::finished, this, &ProcessToolJob::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &ProcessToolJob::onErrorOccurred);
    connect(m_process, &QProcess::started, this, [this] {
        m_pid = m_process->processId();
        if (!m_command.standardInput.isEmpty())
            m_process->write(m_command.standardInput);
        m_process->closeWriteChannel();
        Q_EMIT started();
    });

    spdlog::debug(
        "run: {}",
        log::str(QFileInfo(resolved).fileName() + QLatin1Char(' ') + m_command.arguments.join(QLatin1Char(' '))));
    if (m_command.timeout.count() > 0)
        m_timeout.start(timerMilliseconds(m_command.timeout)); // QTimer's chrono overload truncates to int
    m_process->start(resolved, m_command.arguments, QIODevice::ReadWrite);
}

void ProcessToolJob::cancel()
{
    if (m_done)
        return;
    if (!m_process) {
        // Not started yet (begin() is queued): finish as cancelled without starting anything.
        m_result.outcome = ToolResult::Outcome::Cancelled;
        complete(m_result);
        return;
    }
    stop(ToolResult::Outcome::Cancelled);
}

bool ProcessToolJob::isRunning() const
{
    return !m_done && m_process && m_process->state() != QProcess::NotRunning;
}

qint64 ProcessToolJob::processId() const
{
    return m_pid;
}

void ProcessToolJob::capture(QByteArray& into, const QByteArray& bytes)
{
    if (!m_command.captureOutput)
        return;
    const qsizetype room = m_command.maxCapturedBytes - into.size();
    if (room <= 0) {
        m_result.outputTruncated = true;
        return;
    }
    if (bytes.size() > room)
        m_result.outputTruncated = true;
    into.append(bytes.left(room));
}

void ProcessToolJob::onReadyRead(QProcess::ProcessChannel channel)
{
    m_process->setReadChannel(channel);
    const QByteArray bytes = m_process->readAll();
    const bool isOut = channel == QProcess::StandardOutput;
    capture(isOut ? m_result.standardOutput : m_result.standardError, bytes);
    const auto lines = (isOut ? m_stdoutLines : m_stderrLines).append(bytes);
    for (const QByteArray& line : lines) {
        if (isOut)
            Q_EMIT standardOutputLine(QString::fromUtf8(line));
        else
            Q_EMIT standardErrorLine(QString::fromUtf8(line));
    }
}

void ProcessToolJob::onFinished(int exitCode, QProcess::ExitStatus status)
{
    onReadyRead(QProcess::StandardOutput);
    onReadyRead(QProcess::StandardError);
    if (m_stdoutLines.hasRemainder())
        Q_EMIT standardOutputLine(QString::fromUtf8(m_stdoutLines.takeRemainder()));
    if (m_stderrLines.hasRemainder())
        Q_EMIT standardErrorLine(QString::fromUtf8(m_stderrLines.takeRemainder()));
    // The tool is gone; anything it left running in its group goes with it.
    signalGroup(SIGKILL);
    m_timeout.stop();
    m_killTimer.stop();
    m_result.exitCode = exitCode;
    if (m_stopping)
        m_result.outcome = m_stopReason;
    else if (status == QProcess::CrashExit) {
        m_result.outcome = ToolResult::Outcome::Crashed;
        m_result.errorString = QStringLiteral("%1 crashed").arg(QFileInfo(m_result.program).fileName());
    } else
        m_result.outcome = ToolResult::Outcome::Finished;
    complete(m_result);
}

void ProcessToolJob::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || m_done)
        return; // crashes and read errors end in finished()
    m_timeout.stop();
    m_result.outcome = m_stopping ? m_stopReason : ToolResult::Outcome::FailedToStart;
    m_result.errorString = m_process->errorString();
    complete(m_result);
}

void ProcessToolJob::stop(ToolResult::Outcome reason)
{
    if (m_done || m_stopping)
        return;
    m_stopping = true;
    m_stopReason = reason;
    if (reason == ToolResult::Outcome::TimedOut)
        m_result.errorString = QStringLiteral("timed out after %1 ms").arg(m_command.timeout.count());
    if (m_process->state() == QProcess::Starting) {
        m_process->kill();
        return;
    }
    signalGroup(SIGTERM);
    m_killTimer.start(ProcessToolRunner::kTerminateGraceMs);
}

void ProcessToolJob::signalGroup(int signal)
{
#ifdef Q_OS_UNIX
    if (m_pid > 0)
        ::kill(-static_cast<pid_t>(m_pid), signal);
#else
    if (m_process && signal == SIGKILL)
        m_process->kill();
    else if (m_process)
        m_process->terminate();
#endif
}

void ProcessToolJob::complete(ToolResult result)
{
    if (m_done)
        return;
    m_done = true;
    result.elapsedMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    finish(result);
}

} // namespace quayside
