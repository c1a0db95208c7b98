#pragma once

#include "doctor/Check.h"
#include "doctor/CheckResult.h"

#include <QObject>

#include <memory>

namespace quayside {

class Workspace;

class Keychain;

// Runs every prerequisite check in parallel and collects their results in a fixed order (the order of
// the checklist, not the order they finish in).
class Doctor : public QObject
{
    Q_OBJECT
public:
    explicit Doctor(QObject* parent = nullptr);
    ~Doctor() override;

    // The standard set: docker, docker-daemon, minikube, minikube-cluster, helm, kubectl, kubectl-ai,
    // kagent, gordon, cpu, memory, disk, keychain. `keychain` may be null to leave that check out.
    void addStandardChecks(const CheckContext& context, Keychain* keychain);
    // The checks' target for a workspace: its minikube profile, kubeconfig files and context — the
    // context only when the files have it, since kubectl then refuses to print even its own version
    // (a fresh machine, before minikube wrote its context).
    static ClusterTarget targetFor(const Workspace& workspace);
    // Every check's target, for the next run().
    void setTarget(const ClusterTarget& target);
    // Takes ownership. Tests add their own checks.
    void addCheck(Check* check);

    // Every row, pending or done, in display order.
    QList<CheckResult> results() const;
    DoctorReport report() const;
    bool isRunning() const { return m_running > 0; }

    // Starts all checks; a run in progress is cancelled first (Re-check).
    void run();
    void cancel();

Q_SIGNALS:
    void resultChanged(int index, const quayside::CheckResult& result);
    void started();
    void finished(const quayside::DoctorReport& report);

private:
    void onResult(const CheckResult& result);

    QList<Check*> m_checks;
    QList<CheckResult> m_results;
    int m_running = 0;
};

} // namespace quayside
