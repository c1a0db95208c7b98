#include "pipeline/PipelineStep.h"

#include "core/Log.h"
#include "pipeline/PipelineContext.h"
#include "process/ToolJob.h"
#include "process/ToolRunner.h"

#include <QTimer>

namespace quayside {

PipelineStep::PipelineStep(QString id, QString title, PipelineContext* context, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_id(std::move(id))
    , m_title(std::move(title))
{
    qRegisterMetaType<quayside::StepState>();
}

PipelineStep::~PipelineStep()
{
    // Jobs are our children: their destructors kill what still runs. Keep the busy count right.
    for (const QPointer<ToolJob>& job : std::as_const(m_jobs)) {
        if (job)
            m_context->toolTime.toolFinished();
    }
}

qint64 PipelineStep::elapsedMs() const
{
    if (m_state == StepState::Running && m_timer.isValid())
        return m_timer.elapsed();
    return m_elapsedMs;
}

QStringList PipelineStep::output() const
{
    QStringList lines;
    lines.reserve(static_cast<qsizetype>(m_output.size()));
    for (const QString& line : m_output)
        lines << line;
    return lines;
}

void PipelineStep::start()
{
    if (m_state == StepState::Running)
        return;
    ++m_generation;
    m_cancelling = false;
    m_detail.clear();
    m_output.clear();
    m_message.clear();
    m_elapsedMs = 0;
    m_timer.start();
    setState(StepState::Running);
    spdlog::info("pipeline: step {} started", log::str(m_id));
    run();
}

void PipelineStep::reset()
{
    if (m_state == StepState::Running)
        return;
    ++m_generation;
    m_cancelling = false;
    m_detail.clear();
    m_message.clear();
    m_elapsedMs = 0;
    m_timer.invalidate();
    setState(StepState::Pending);
}

void PipelineStep::cancel()
{
    if (m_state != StepState::Running || m_cancelling)
        return;
    m_cancelling = true;
    setMessage(QStringLiteral("cancelling…"));
    abort();
    const QList<QPointer<ToolJob>> jobs = m_jobs;
    for (const QPointer<ToolJob>& job : jobs) {
        if (job)
            job->cancel();
    }
    // With tools running, the step ends when the last one has really stopped (finished() follows the
    // kill of its process group); without, on the next turn of the event loop.
    if (!hasRunningTools())
        QTimer::singleShot(0, this, &PipelineStep::finishCancel);
}

void PipelineStep::finishCancel()
{
    if (!m_cancelling || m_state != StepState::Running)
        return;
    m_cancelling = false;
    m_elapsedMs = m_timer.elapsed();
    ++m_generation;
    m_message = QStringLiteral("cancelled");
    Q_EMIT messageChanged(m_message);
    spdlog::info("pipeline: step {} cancelled", log::str(m_id));
    setState(StepState::Cancelled);
}

bool PipelineStep::hasRunningTools() const
{
    for (const QPointer<ToolJob>& job : m_jobs) {
        if (job)
            return true;
    }
    return false;
}

ToolJob* PipelineStep::runTool(const ToolCommand& command, std::function<void(const ToolResult&)> done,
                               const QString& prefix, bool echoCommand)
{
    return runTool(command, LineHandler(), std::move(done), prefix, echoCommand);
}

ToolJob* PipelineStep::runTool(const ToolCommand& command, LineHandler onLine,
                               std::function<void(const ToolResult&)> done, const QString& prefix, bool echoCommand)
{
    if (echoCommand)
        log(prefix + QStringLiteral("$ ") + CommandPreview::shellLine(command));
    ToolJob* job = m_context->runner->start(command, this);
    m_jobs << job;
    m_context->toolTime.toolStarted();
    const quint64 generation = m_generation;
    auto forward = [this, generation, onLine, prefix](const QString& line) {
        if (generation != m_generation)
            return;
        if (onLine)
            onLine(line);
        log(prefix + line);
    };
    connect(job, &ToolJob::standardOutputLine, this, forward);
    connect(job, &ToolJob::standardErrorLine, this, forward);
    connect(job, &ToolJob::finished, this, [this, job, generation, done = std::move(done)](const ToolResult& result) {
        m_context->toolTime.toolFinished();
        m_jobs.removeAll(job);
        if (m_cancelling) {
            if (!hasRunningTools())
                finishCancel();
            return;
        }
        if (generation != m_generation || m_state != StepState::Running)
            return;
        done(result);
    });
    return job;
}

void PipelineStep::log(const QString& line)
{
    const QString text = CommandPreview::masked(line);
    m_output.push_back(text);
    while (m_output.size() > static_cast<std::size_t>(kMaxOutputLines))
        m_output.pop_front();
    Q_EMIT outputLine(text);
}

void PipelineStep::setMessage(const QString& message)
{
    const QString text = CommandPreview::masked(message);
    if (text == m_message)
        return;
    m_message = text;
    Q_EMIT messageChanged(m_message);
}

void PipelineStep::succeed(const QString& message)
{
    if (m_state != StepState::Running || m_cancelling)
        return;
    m_elapsedMs = m_timer.elapsed();
    setMessage(message);
    spdlog::info("pipeline: step {} done: {}", log::str(m_id), log::str(m_message));
    setState(StepState::Done);
}

void PipelineStep::skip(const QString& message)
{
    if (m_state != StepState::Running || m_cancelling)
        return;
    m_elapsedMs = m_timer.elapsed();
    setMessage(message);
    spdlog::info("pipeline: step {} skipped: {}", log::str(m_id), log::str(m_message));
    setState(StepState::Skipped);
}

void PipelineStep::fail(const QString& message, const QStringList& detail)
{
    if (m_state != StepState::Running || m_cancelling)
        return;
    m_elapsedMs = m_timer.elapsed();
    m_detail.clear();
    for (const QString& line : detail)
        m_detail << CommandPreview::masked(line);
    setMessage(message);
    spdlog::warn("pipeline: step {} failed: {}", log::str(m_id), log::str(m_message));
    setState(StepState::Failed);
}

void PipelineStep::setState(StepState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace quayside
