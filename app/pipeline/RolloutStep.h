#pragma once

#include "pipeline/PipelineStep.h"
#include "pipeline/RolloutDiagnosis.h"

#include <QPointer>
#include <QTimer>

namespace quayside::kube {
class KubeReply;
class RolloutWatcher;
} // namespace quayside::kube

namespace quayside {

class RolloutDiagnoser;

// Watches the release's Deployments until every replica is updated and available (what `kubectl
// rollout status` waits for). While it waits it looks for the pods holding it up and shows them as
// they change; when the time is up it fails with a RolloutDiagnosis (blocking pods, their status,
// their last events) in the context, as data for a person or an assistant to explain.
class RolloutStep final : public PipelineStep
{
    Q_OBJECT
public:
    explicit RolloutStep(PipelineContext* context, QObject* parent = nullptr);
    QList<CommandPreview::Line> preview() const override;

protected:
    void run() override;
    void abort() override;

private:
    void watch(const QStringList& deployments);
    void onWatcherFinished(const QString& deployment, const QString& error);
    void diagnose();
    void onDiagnosis(const RolloutDiagnosis& diagnosis);
    QStringList deploymentNames() const;

    QList<QPointer<kube::RolloutWatcher>> m_watchers;
    QPointer<kube::KubeReply> m_listReply;
    RolloutDiagnoser* m_diagnoser = nullptr;
    QTimer m_diagnoseTimer;
    QStringList m_deployments;
    QStringList m_done;
    QString m_failure; // set when a watcher failed: the final diagnosis then ends the step
    QString m_lastSummary;
    bool m_finalDiagnosis = false;
};

} // namespace quayside
