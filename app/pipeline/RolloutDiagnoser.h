#pragma once

#include "diagnosis/DiagnosisContext.h"
#include "kube/KubeClient.h"
#include "pipeline/RolloutDiagnosis.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace quayside::diagnosis {
class ObjectCache;
class SnapshotLoader;
} // namespace quayside::diagnosis

namespace quayside {

// Collects a RolloutDiagnosis from one snapshot of the namespace (Deployments, ReplicaSets, Pods,
// Events and Nodes: what `kubectl describe` would show) and the diagnosis engine's verdict on it:
// which pods block each Deployment and why, worked out by the same rules as the dashboard's Problems
// panel (diagnosis::Diagnoser over a diagnosis::SnapshotCache).
class RolloutDiagnoser : public QObject
{
    Q_OBJECT
public:
    explicit RolloutDiagnoser(kube::KubeClient* client, QObject* parent = nullptr);
    ~RolloutDiagnoser() override;

    // Asynchronous; finished() once per call. A call while one is running replaces it. With
    // previousLogs, the previous run's log of crash-looping containers is read too (the final
    // diagnosis: it names the missing variable or the traceback).
    void diagnose(const QString& nameSpace, const QStringList& deployments, bool previousLogs = false);
    void abort();
    // What the profile tells the rules (the app's secret keys, its local images ...).
    void setContext(const diagnosis::DiagnosisContext& context) { m_context = context; }

    // The diagnosis from the three list bodies (exposed for tests).
    static RolloutDiagnosis build(const QString& nameSpace, const QStringList& deployments,
                                  const QJsonObject& deploymentList, const QJsonObject& podList,
                                  const QJsonObject& eventList);
    static RolloutDiagnosis build(const QString& nameSpace, const QStringList& deployments,
                                  const diagnosis::ObjectCache& cache, const diagnosis::DiagnosisContext& context,
                                  const QDateTime& now);

Q_SIGNALS:
    void finished(const quayside::RolloutDiagnosis& diagnosis);

private:
    QPointer<kube::KubeClient> m_client;
    diagnosis::SnapshotLoader* m_loader = nullptr;
    diagnosis::DiagnosisContext m_context;
    QString m_nameSpace;
    QStringList m_deployments;
};

} // namespace quayside

Q_DECLARE_METATYPE(quayside::RolloutDiagnosis)
