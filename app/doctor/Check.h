#pragma once

#include "doctor/CheckResult.h"
#include "doctor/Platform.h"
#include "process/ToolRunner.h"
#include "workspace/ClusterTarget.h"

#include <QObject>

#include <chrono>
#include <functional>

namespace quayside {

// What every check needs from its surroundings, injectable for tests.
struct CheckContext
{
    ToolRunner* runner = nullptr;
    Platform platform = currentPlatform();
    // The workspace's target: which minikube profile to check, and the kubeconfig and context kubectl
    // asks for the server's version.
    ClusterTarget target { .kubeconfigFiles = {}, .context = {}, .nameSpace = {}, .minikubeProfile = QStringLiteral("minikube") };
    std::chrono::milliseconds toolTimeout = std::chrono::seconds(15);
};

// One prerequisite check that reports one or more results (docker reports "docker" and
// "docker-daemon"). Runs asynchronously; emits resultReady for each of its ids, then finished().
class Check : public QObject
{
    Q_OBJECT
public:
    Check(CheckContext context, QObject* parent = nullptr);
    ~Check() override = default;

    // The results this check will report, in display order, with status Pending. The page shows them
    // as rows before anything ran.
    virtual QList<CheckResult> pending() const = 0;
    // Starts (or restarts) the check. Results of an earlier run still in flight are dropped.
    void run();
    // Stops any tool still running; no more results are emitted for this run.
    void cancel();
    // The workspace moved to another cluster: the next run checks that one.
    void setTarget(const ClusterTarget& target) { m_context.target = target; }

Q_SIGNALS:
    void resultReady(const quayside::CheckResult& result);
    void finished();

protected:
    virtual void start() = 0;
    // Runs a tool with the context's timeout; `done` is not called after cancel().
    void runTool(const QString& program, const QStringList& arguments, std::function<void(const ToolResult&)> done);
    void report(CheckResult result);
    // Finishes once every started tool has reported.
    void finishWhenIdle();
    // A result for a tool that did not answer in time or printed something we do not understand.
    CheckResult toolFailure(CheckResult base, const ToolResult& result, const QString& what) const;

    CheckContext m_context;

private:
    QList<ToolJob*> m_jobs;
    int m_running = 0;
    int m_generation = 0;
    bool m_cancelled = false;
    bool m_finishRequested = false;
    bool m_finished = false;
};

} // namespace quayside
