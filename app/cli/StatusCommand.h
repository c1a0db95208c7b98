#pragma once

#include "cli/Command.h"
#include "session/KubeSession.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QTimer>

namespace quayside {
class KubeStatusLoader;
struct KubeStatusSnapshot;
} // namespace quayside

namespace quayside::kube {
class InformerSet;
class MetricsPoller;
} // namespace quayside::kube

namespace quayside::cli {

// `quayside status [-o table|json] [--watch]`: the namespace's Deployments and Pods, like
// `kubectl get deploy,pods`, with CPU and memory when metrics-server runs.
//
// --watch keeps informers on the namespace and prints the state again whenever it changes:
// coalesced, at most 10 times a second, only when something other than the ages changed, stdout
// flushed after each document (one compact JSON document per line with -o json). A lost connection
// is reported as "connected": false and retried; before the first complete picture any failure ends
// the command with exit 1, like a one-shot status.
class StatusCommand final : public Command
{
    Q_OBJECT
public:
    StatusCommand();
    ~StatusCommand() override;
    void start(const QStringList& arguments) override;

private:
    void runOnce();
    void runWatch();
    void scheduleOutput();
    void output();
    void print(const KubeStatusSnapshot& snapshot);

    KubeSession m_session;
    QString m_format;
    // One-shot
    KubeStatusLoader* m_loader = nullptr;
    // Watch
    kube::InformerSet* m_informers = nullptr;
    kube::MetricsPoller* m_metricsPoller = nullptr;
    QTimer m_coalesce;
    QElapsedTimer m_sinceOutput;
    QByteArray m_lastPrinted;
    bool m_metricsSettled = false;
};

} // namespace quayside::cli
