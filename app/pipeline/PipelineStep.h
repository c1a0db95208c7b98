#pragma once

#include "pipeline/CommandPreview.h"
#include "pipeline/StepState.h"
#include "process/ToolCommand.h"
#include "process/ToolJob.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <deque>
#include <functional>

namespace quayside {

struct PipelineContext;

// One step of the pipeline: an asynchronous state machine over tools (ToolRunner) and the API
// (KubeClient). Nothing here blocks: run() starts work and returns; the step ends itself with
// succeed(), skip() or fail() from a slot. cancel() stops every tool it started (their whole process
// groups) and ends the step Cancelled once they are really gone.
//
// Signals are what both front ends consume: the CLI prints a line per stateChanged(), the page fills
// its log pane from outputLine() and its progress bars from progress().
class PipelineStep : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxOutputLines = 5000;

    PipelineStep(QString id, QString title, PipelineContext* context, QObject* parent = nullptr);
    ~PipelineStep() override;

    const QString& id() const { return m_id; }
    const QString& title() const { return m_title; }
    StepState state() const { return m_state; }
    // The latest one-line status: what it is doing, what it did, or why it failed.
    const QString& message() const { return m_message; }
    // A failure's detail (the last 50 lines of a failed build, the pods blocking a rollout).
    const QStringList& detail() const { return m_detail; }
    // Time spent running: live while Running, frozen afterwards, 0 before.
    qint64 elapsedMs() const;
    // The step's output so far (bounded: the oldest lines go first).
    QStringList output() const;

    // The shell commands that do what this step does (secrets masked), with what earlier steps found
    // where known and placeholders otherwise.
    virtual QList<CommandPreview::Line> preview() const = 0;

    void start();
    void cancel();
    // Back to Pending for a retry; the step's results in the context stay until it runs again.
    void reset();
    bool isCancelling() const { return m_cancelling; }

Q_SIGNALS:
    void stateChanged(quayside::StepState state);
    void messageChanged(const QString& message);
    void outputLine(const QString& line);
    // Per item (an image): how far it is, e.g. build step 3 of 12, with the instruction running.
    void progress(const QString& item, int current, int total, const QString& text);

protected:
    virtual void run() = 0;
    // Called by cancel() before the tools are stopped: stop watchers, abort API calls.
    virtual void abort() { }

    // Starts a tool whose lines go to the step's output (each prefixed with `prefix` when given) and
    // which cancel() stops. `done` runs when it finishes, unless the step was cancelled meanwhile.
    ToolJob* runTool(const ToolCommand& command, std::function<void(const ToolResult&)> done,
                     const QString& prefix = {}, bool echoCommand = true);
    // Lines of a running tool also go here, so a subclass can parse them (build progress).
    using LineHandler = std::function<void(const QString& line)>;
    ToolJob* runTool(const ToolCommand& command, LineHandler onLine, std::function<void(const ToolResult&)> done,
                     const QString& prefix = {}, bool echoCommand = true);

    void log(const QString& line);
    void setMessage(const QString& message);
    void succeed(const QString& message);
    void skip(const QString& message);
    void fail(const QString& message, const QStringList& detail = {});
    bool hasRunningTools() const;

    PipelineContext* m_context;

private:
    void setState(StepState state);
    void finishCancel();

    QString m_id;
    QString m_title;
    StepState m_state = StepState::Pending;
    QString m_message;
    QStringList m_detail;
    std::deque<QString> m_output;
    QElapsedTimer m_timer;
    qint64 m_elapsedMs = 0;
    QList<QPointer<ToolJob>> m_jobs;
    bool m_cancelling = false;
    quint64 m_generation = 0; // bumped by start/reset so callbacks of an earlier run are ignored
};

} // namespace quayside
