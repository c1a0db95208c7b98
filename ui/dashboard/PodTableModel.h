#pragma once

#include "kube/PodSummary.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

namespace quayside {
class Clock;
}
namespace quayside::kube {
class Informer;
class PodView;
} // namespace quayside::kube

namespace quayside::ui {

struct PodUsage
{
    std::int64_t cpuMillicores = -1;
    std::int64_t memoryBytes = -1;
};

// The pods of a namespace, one row per uid, kept in step with the pod informer incrementally: rows are
// inserted, removed and changed per informer batch, never reset (a reset would lose the user's
// selection and scroll position every second). When most rows change at once one wide dataChanged
// replaces per-row signals (qBittorrent's transfer list does the same). Ages tick once a second with a
// dataChanged on the Age column only.
class PodTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Status, Ready, Restarts, Age, Node, Cpu, Memory, Owner, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, // numbers for numeric columns
        UidRole,
        StatusRole, // the kubectl STATUS string
        DeploymentRole, // the owning Deployment
        FilterTextRole, // what the filter box matches against
        ProblemRole, // the diagnosis's summary when the pod has a finding, else empty
    };

    explicit PodTableModel(QObject* parent = nullptr);

    // Follows `pods`; `view` derives and caches the summaries. Both may be null (no cluster yet):
    // then the model is empty. Switching sources (another namespace) is the one time the model resets.
    void setSource(const kube::Informer* pods, kube::PodView* view);
    void setClock(const Clock* clock);
    // Latest metrics by pod name; only the CPU and Memory columns change.
    void setUsage(const QHash<QString, PodUsage>& usageByPod);
    // The diagnosis's one-line summary per unhealthy pod name (the Diagnose badge); only the rows
    // whose badge changes are signalled.
    void setProblems(const QHash<QString, QString>& summaryByPod);
    QString problemOf(const QString& pod) const { return m_problems.value(pod); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString& uid) const { return m_index.value(uid, -1); }
    const kube::PodSummary* summaryAt(int row) const;

    // Public for tests and benchmarks: what the informer signal triggers.
    void applyChanges(const QStringList& added, const QStringList& modified, const QStringList& removed);

private:
    void reload();
    void tickAges();
    void emitRowsChanged(const QList<int>& rows, int firstColumn, int lastColumn);

    const kube::Informer* m_pods = nullptr;
    kube::PodView* m_view = nullptr;
    const Clock* m_clock;
    QList<kube::PodSummary> m_rows;
    QHash<QString, int> m_index; // uid -> row
    QHash<QString, PodUsage> m_usage;
    QHash<QString, QString> m_problems; // pod name -> finding summary
    QTimer m_ageTimer;
    QMetaObject::Connection m_connection;
};

} // namespace quayside::ui
