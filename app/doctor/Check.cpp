#include "doctor/Check.h"

#include "doctor/FixAdvice.h"

#include <QTimer>

namespace quayside {

Check::Check(CheckContext context, QObject* parent)
    : QObject(parent)
    , m_context(std::move(context))
{ }

void Check::run()
{
    cancel();
    ++m_generation;
    m_jobs.clear();
    m_running = 0;
    m_cancelled = false;
    m_finishRequested = false;
    m_finished = false;
    start();
}

void Check::cancel()
{
    m_cancelled = true;
    for (ToolJob* job : std::as_const(m_jobs))
        job->cancel();
}

void Check::runTool(const QString& program, const QStringList& arguments, std::function<void(const ToolResult&)> done)
{
    ToolCommand command;
    command.program = program;
    command.arguments = arguments;
    command.timeout = m_context.toolTimeout;
    // Tools print colours and spinners for terminals; we parse their output.
    command.environment.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    command.environment.insert(QStringLiteral("MINIKUBE_IN_STYLE"), QStringLiteral("false"));
    const QMap<QString, QString> cluster = m_context.target.childEnvironment();
    for (auto it = cluster.cbegin(); it != cluster.cend(); ++it)
        command.environment.insert(it.key(), it.value());
    ToolJob* job = m_context.runner->start(command, this);
    m_jobs.append(job);
    ++m_running;
    const int generation = m_generation;
    connect(job, &ToolJob::finished, this, [this, job, generation, done = std::move(done)](const ToolResult& result) {
        if (generation != m_generation)
            return; // a tool of a cancelled run
        m_jobs.removeOne(job);
        --m_running;
        if (!m_cancelled)
            done(result);
        if (m_running == 0 && m_finishRequested && !m_finished) {
            m_finished = true;
            Q_EMIT finished();
        }
    });
}

void Check::report(CheckResult result)
{
    if (m_cancelled)
        return;
    if (result.docsUrl.isEmpty())
        result.docsUrl = FixAdvice::docsUrl(result.id);
    Q_EMIT resultReady(result);
}

void Check::finishWhenIdle()
{
    m_finishRequested = true;
    if (m_running == 0 && !m_finished) {
        m_finished = true;
        // Queued so that a check finishing inside start() still lets callers connect first.
        const int generation = m_generation;
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == m_generation && !m_cancelled)
                Q_EMIT finished();
        });
    }
}

CheckResult Check::toolFailure(CheckResult base, const ToolResult& result, const QString& what) const
{
    base.status = CheckStatus::Error;
    if (result.outcome == ToolResult::Outcome::TimedOut) {
        base.message = QStringLiteral("%1 did not answer within %2 s and was stopped")
                           .arg(what)
                           .arg(std::chrono::duration_cast<std::chrono::seconds>(m_context.toolTimeout).count());
    } else if (result.outcome == ToolResult::Outcome::Finished) {
        base.message = QStringLiteral("%1 printed output Quayside does not understand: %2")
                           .arg(what, QString(result.stdoutText() + result.stderrText()).trimmed().left(200));
    } else {
        base.message = QStringLiteral("%1 failed: %2").arg(what, result.describeFailure());
    }
    return base;
}

} // namespace quayside
