#pragma once

#include "diagnosis/DiagnosisContext.h"
#include "diagnosis/Finding.h"

#include <QObject>
#include <QStringList>

#include <chrono>

namespace quayside {
class Clock;
}

namespace quayside::kube {
class InformerSet;
class KubeClient;
class MetricsPoller;
} // namespace quayside::kube

namespace quayside::diagnosis {

// The findings of a running InformerSet, kept up to date: every informer batch re-evaluates only the
// objects it changed (coalesced to at most a few times a second), previous logs of crash-looping
// containers are fetched once per restart (bounded to 50 lines), and the result is reported as a
// difference so views update rows in place.
class LiveDiagnosis : public QObject
{
    Q_OBJECT
public:
    LiveDiagnosis(kube::InformerSet* informers, kube::MetricsPoller* metrics, kube::KubeClient* client,
                  DiagnosisContext context, QObject* parent = nullptr);
    ~LiveDiagnosis() override;

    void setContext(const DiagnosisContext& context);
    // Most severe first.
    const QList<Finding>& findings() const;
    QList<Finding> findingsFor(const QString& objectKind, const QString& objectName) const;
    bool hasSynced() const; // the informers have synced and a first evaluation ran
    // The objects the last evaluation looked at ("Pod/backend-7d9c-x2k", "Deployment/backend"...),
    // empty after a full one; and how many evaluations ran. For tests and diagnostics.
    const QStringList& lastScope() const;
    int evaluations() const;
    // How long a batch of changes waits for more before it is evaluated (default 250 ms).
    void setCoalesceInterval(std::chrono::milliseconds interval);
    // The "30s ago" of the evidence is measured on this clock (default Clock::instance()).
    void setClock(const Clock* clock);
    // The objects that have findings are looked at again this often even when nothing changes (default
    // 30 s): ages in the evidence move on, and a container that stayed up long enough is recovered.
    void setRefreshInterval(std::chrono::milliseconds interval);

Q_SIGNALS:
    // Keys of findings that appeared, changed (same key, other content) and went away.
    void findingsChanged(const QStringList& added, const QStringList& changed, const QStringList& removed);

private:
    class Private;
    Private* d;
};

} // namespace quayside::diagnosis
