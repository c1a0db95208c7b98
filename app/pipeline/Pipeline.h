#pragma once

#include "pipeline/PipelineContext.h"
#include "pipeline/StepState.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace quayside {

class PipelineStep;
class ToolJob;

// Source to running app: Cluster -> Images -> Secrets -> Helm -> Rollout -> Access, one after the
// other (images build in parallel inside their step).
//
//   start()            checks that everything is there first (tools, sources, secrets) and refuses
//                      with preflightProblems() rather than failing half-way; then runs every step
//   cancel()           stops the running step's tools (process groups killed) -> Cancelled
//   retryFromFailed()  runs again from the failed (or cancelled) step; done steps keep their results
//
// Both front ends are views of its signals: the CLI prints a line per step state change, the Build &
// Deploy page fills rows, progress bars and log panes.
class Pipeline : public QObject
{
    Q_OBJECT
public:
    struct Services
    {
        ToolRunner* runner = nullptr;
        Keychain* keychain = nullptr;
        const Clock* clock = nullptr; // nullptr: Clock::instance()
    };

    Pipeline(Profile profile, PipelineOptions options, Services services, QObject* parent = nullptr);
    ~Pipeline() override;

    const QList<PipelineStep*>& steps() const { return m_steps; }
    PipelineStep* step(const QString& id) const;
    int indexOf(const QString& id) const;
    const PipelineContext& context() const { return m_context; }
    const Profile& profile() const { return m_context.profile; }
    const PipelineOptions& options() const { return m_context.options; }

    // Only while idle: a new source directory or profile resets every step.
    void setProfile(Profile profile);
    void setOptions(const PipelineOptions& options);

    bool isRunning() const { return m_running; }
    bool canRetry() const;
    int failedIndex() const; // the first Failed or Cancelled step, -1 if none
    // The failing step's message (the CLI's exit message).
    QString failureMessage() const;
    const QStringList& preflightProblems() const { return m_preflightProblems; }

    // Wall time of the current or last run, and how long tools were running in it.
    qint64 elapsedMs() const;
    qint64 toolBusyMs() const { return m_context.toolTime.busyMs(); }

    // Everything a run would do, as shell commands (secrets masked): the dry run. The Helm commands
    // take the flags of the Helm version known (probeHelmVersion(), or the last run's); Helm 3's,
    // with a comment saying so, before it is known.
    QString commandScript() const;
    // Asks `helm version` (asynchronously, through the runner) so that commandScript() shows the flags
    // of the Helm on PATH; helmVersionKnown() when it answered (also when it failed: then Helm 3's).
    void probeHelmVersion();
    // For the dry run: the content tags computed here and now (files are read, no tool runs); images
    // whose sources are not there keep "<hash>".
    void computeImageTags();

    // Synchronous checks that need no tool to run: tools on PATH, directories and files the profile names.
    QStringList staticProblems() const;

public Q_SLOTS:
    void start();
    void cancel();
    void retryFromFailed();

Q_SIGNALS:
    // probeHelmVersion() has an answer.
    void helmVersionKnown();
    void started();
    void preflightFailed(const QStringList& problems);
    void stepStateChanged(int index, quayside::StepState state);
    void stepMessageChanged(int index, const QString& message);
    void stepOutput(int index, const QString& line);
    void imageProgress(const QString& image, int current, int total, const QString& text);
    // ok: every step done or skipped. Emitted once per start()/retryFromFailed().
    void finished(bool ok);

private:
    void createSteps();
    void preflight(int from);
    void detectHelm(int from);
    void runFrom(int index);
    void onStepStateChanged(int index, StepState state);
    void end(bool ok);

    PipelineContext m_context;
    QList<PipelineStep*> m_steps;
    QStringList m_preflightProblems;
    QPointer<ToolJob> m_helmProbe; // the preflight's `helm version`
    QPointer<ToolJob> m_versionProbe; // probeHelmVersion()
    QElapsedTimer m_timer;
    qint64 m_elapsedMs = 0;
    int m_current = -1;
    bool m_running = false;
    bool m_cancelRequested = false;
};

} // namespace quayside
