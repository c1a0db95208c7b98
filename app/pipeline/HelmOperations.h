#pragma once

#include "pipeline/HelmHistory.h"
#include "pipeline/PipelineContext.h"
#include "process/ToolJob.h"

#include <QObject>
#include <QPointer>

namespace quayside {

// The release's history and rollback to a chosen revision, outside a deploy: `quayside rollback` and
// the page's history panel. Same helm argv as the pipeline (HelmCommands); a rollback first asks
// `helm version`, since Helm 3 and 4 take different --wait flags.
class HelmOperations : public QObject
{
    Q_OBJECT
public:
    HelmOperations(Profile profile, PipelineOptions options, ToolRunner* runner, QObject* parent = nullptr);

    bool isBusy() const { return m_job != nullptr; }
    void fetchHistory();
    void rollback(int revision);
    // One chart value changed with a Helm upgrade of the release (--reuse-values --set): a new revision.
    void setValue(const QString& key, const QString& value);
    void cancel();
    // With the flags of the Helm the last rollback found (Helm 3's before any).
    ToolCommand rollbackCommand(int revision) const;
    ToolCommand historyCommand() const;

Q_SIGNALS:
    void historyReady(const QList<quayside::HelmHistory::Revision>& history, const QString& error);
    void rollbackFinished(bool ok, const QString& message);
    void setValueFinished(bool ok, const QString& message);
    void outputLine(const QString& line);

private:
    void runRollback(int revision);

    PipelineContext m_context;
    QPointer<ToolJob> m_job;
};

} // namespace quayside
