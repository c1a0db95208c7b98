#include "pipeline/HelmOperations.h"

#include "pipeline/CommandPreview.h"
#include "pipeline/HelmCommands.h"
#include "pipeline/HelmFailure.h"
#include "pipeline/HelmVersionProbe.h"
#include "process/ToolJob.h"
#include "process/ToolRunner.h"

namespace quayside {

HelmOperations::HelmOperations(Profile profile, PipelineOptions options, ToolRunner* runner, QObject* parent)
    : QObject(parent)
{
    m_context.profile = std::move(profile);
    m_context.options = options;
    m_context.runner = runner;
}

ToolCommand HelmOperations::rollbackCommand(int revision) const
{
    return HelmCommands::rollback(m_context, revision);
}

ToolCommand HelmOperations::historyCommand() const
{
    return HelmCommands::history(m_context);
}

void HelmOperations::fetchHistory()
{
    if (m_job)
        return;
    m_job = m_context.runner->start(historyCommand(), this);
    connect(m_job, &ToolJob::finished, this, [this](const ToolResult& result) {
        m_job = nullptr;
        if (!result.ok()) {
            // A release never installed is not an error worth a red line: there is just no history.
            const bool notFound = result.finished()
                && HelmFailure::parse(result.stderrText()).kind == HelmFailure::Kind::ReleaseNotFound;
            Q_EMIT historyReady({}, notFound ? QString() : result.describeFailure());
            return;
        }
        QString error;
        const QList<HelmHistory::Revision> history = HelmHistory::parseHistory(result.standardOutput, &error);
        Q_EMIT historyReady(history, error);
    });
}

void HelmOperations::rollback(int revision)
{
    if (m_job)
        return;
    m_job = HelmVersionProbe::start(
        m_context, this, [this, revision](const QVersionNumber& version, const QString& error) {
            m_job = nullptr;
            if (version.isNull()) {
                Q_EMIT rollbackFinished(false, tr("helm rollback to revision %1 failed: %2").arg(revision).arg(error));
                return;
            }
            m_context.helmVersion = version;
            runRollback(revision);
        });
}

void HelmOperations::setValue(const QString& key, const QString& value)
{
    if (m_job)
        return;
    m_job = HelmVersionProbe::start(m_context, this, [this, key, value](const QVersionNumber& version, const QString& error) {
        m_job = nullptr;
        if (version.isNull()) {
            Q_EMIT setValueFinished(false, tr("helm upgrade --set %1 failed: %2").arg(key, error));
            return;
        }
        m_context.helmVersion = version;
        const ToolCommand command = HelmCommands::setValue(m_context, key, value);
        Q_EMIT outputLine(QStringLiteral("$ ") + CommandPreview::shellLine(command));
        m_job = m_context.runner->start(command, this);
        connect(m_job, &ToolJob::standardOutputLine, this, &HelmOperations::outputLine);
        connect(m_job, &ToolJob::standardErrorLine, this, &HelmOperations::outputLine);
        connect(m_job, &ToolJob::finished, this, [this, key, value](const ToolResult& result) {
            m_job = nullptr;
            if (!result.ok()) {
                const HelmFailure failure = result.finished() ? HelmFailure::parse(result.stderrText()) : HelmFailure();
                Q_EMIT setValueFinished(false, tr("helm upgrade --set %1=%2 failed: %3")
                                                   .arg(key, value,
                                                        failure.error.isEmpty() ? result.describeFailure()
                                                                                : failure.summary()));
                return;
            }
            Q_EMIT setValueFinished(true, tr("%1 is now %2: a new revision of the release rolls the pods out.").arg(key, value));
            fetchHistory();
        });
    });
}

void HelmOperations::runRollback(int revision)
{
    const ToolCommand command = rollbackCommand(revision);
    Q_EMIT outputLine(QStringLiteral("$ ") + CommandPreview::shellLine(command));
    m_job = m_context.runner->start(command, this);
    connect(m_job, &ToolJob::standardOutputLine, this, &HelmOperations::outputLine);
    connect(m_job, &ToolJob::standardErrorLine, this, &HelmOperations::outputLine);
    connect(m_job, &ToolJob::finished, this, [this, revision](const ToolResult& result) {
        m_job = nullptr;
        if (!result.ok()) {
            const HelmFailure failure = result.finished() ? HelmFailure::parse(result.stderrText()) : HelmFailure();
            Q_EMIT rollbackFinished(false,
                                    tr("helm rollback to revision %1 failed: %2")
                                        .arg(revision)
                                        .arg(failure.error.isEmpty() ? result.describeFailure() : failure.summary()));
            return;
        }
        Q_EMIT rollbackFinished(
            true, tr("release %1 rolled back to revision %2").arg(m_context.profile.chart.release).arg(revision));
    });
}

void HelmOperations::cancel()
{
    if (m_job)
        m_job->cancel();
}

} // namespace quayside
