#pragma once

#include "cli/Command.h"
#include "cli/KubeSession.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QTimer>

namespace quayside::kube {
class InformerSet;
class KubeReply;
class MetricsPoller;
} // namespace quayside::kube

namespace quayside::cli {

struct KubeStatusSnapshot;

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
    void onceFinished();
    void scheduleOutput();
    void output();
    void print(const KubeStatusSnapshot& snapshot);

    KubeSession m_session;
    QString m_format;
    // One-shot
    QList<kube::KubeReply*> m_replies;
    QByteArray m_deployments;
    QByteArray m_pods;
    QByteArray m_replicaSets;
    QByteArray m_metrics;
    bool m_metricsOk = false;
    int m_pending = 0;
    // Watch
    kube::InformerSet* m_informers = nullptr;
    kube::MetricsPoller* m_metricsPoller = nullptr;
    QTimer m_coalesce;
    QElapsedTimer m_sinceOutput;
    QByteArray m_lastPrinted;
    bool m_metricsSettled = false;
};

} // namespace quayside::cli
