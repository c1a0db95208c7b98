#include "dashboard/PodTableModel.h"

#include "Theme.h"
#include "core/Clock.h"
#include "dashboard/StatusTone.h"
#include "kube/Durations.h"
#include "kube/Informer.h"
#include "kube/PodView.h"
#include "kube/Quantity.h"

#include <QApplication>
#include <QStyle>

#include <algorithm>

namespace quayside::ui {

PodTableModel::PodTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock(&Clock::instance())
{
    // Status colours and marks come from the theme: repaint them when it changes.
    connect(Theme::instance(), &Theme::changed, this, [this] {
        if (rowCount({}) > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount({}) - 1, columnCount({}) - 1),
                               { Qt::ForegroundRole, Qt::DecorationRole });
    });
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, &PodTableModel::tickAges);
}

void PodTableModel::setSource(const kube::Informer* pods, kube::PodView* view)
{
    if (m_connection)
        disconnect(m_connection);
    m_pods = pods;
    m_view = view;
    if (m_pods) {
        m_connection = connect(m_pods, &kube::Informer::objectsChanged, this, &PodTableModel::applyChanges);
        m_ageTimer.start();
    } else {
        m_ageTimer.stop();
    }
    reload();
}

void PodTableModel::setClock(const Clock* clock)
{
    m_clock = clock ? clock : &Clock::instance();
}

void PodTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    if (m_view) {
        m_rows = m_view->summaries();
        for (int i = 0; i < m_rows.size(); ++i)
            m_index.insert(m_rows[i].uid, i);
    }
    endResetModel();
}

const kube::PodSummary* PodTableModel::summaryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

void PodTableModel::applyChanges(const QStringList& added, const QStringList& modified, const QStringList& removed)
{
    if (!m_view)
        return;
    // Removals first, from the bottom up so the rows still to remove keep their numbers.
    if (!removed.isEmpty()) {
        QList<int> rows;
        rows.reserve(removed.size());
        for (const QString& uid : removed) {
            const int row = m_index.value(uid, -1);
            if (row >= 0)
                rows.append(row);
        }
        std::sort(rows.begin(), rows.end(), std::greater<>());
        // Contiguous runs go out in one beginRemoveRows each.
        for (int i = 0; i < rows.size();) {
            int last = rows[i];
            int first = last;
            int j = i + 1;
            while (j < rows.size() && rows[j] == first - 1)
                first = rows[j++];
            beginRemoveRows({}, first, last);
            m_rows.remove(first, last - first + 1);
            endRemoveRows();
            i = j;
        }
        m_index.clear();
        for (int i = 0; i < m_rows.size(); ++i)
            m_index.insert(m_rows[i].uid, i);
    }

    QList<int> changedRows;
    changedRows.reserve(modified.size());
    for (const QString& uid : modified) {
        const int row = m_index.value(uid, -1);
        if (row < 0)
            continue;
        if (auto summary = m_view->summary(uid)) {
            m_rows[row] = std::move(*summary);
            changedRows.append(row);
        }
    }
    emitRowsChanged(changedRows, 0, ColumnCount - 1);

    QList<kube::PodSummary> fresh;
    for (const QString& uid : added) {
        if (m_index.contains(uid))
            continue;
        if (auto summary = m_view->summary(uid))
            fresh.append(std::move(*summary));
    }
    if (!fresh.isEmpty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        for (auto& summary : fresh) {
            m_index.insert(summary.uid, static_cast<int>(m_rows.size()));
            m_rows.append(std::move(summary));
        }
        endInsertRows();
    }
}

void PodTableModel::setProblems(const QHash<QString, QString>& summaryByPod)
{
    QList<int> rows;
    for (int row = 0; row < m_rows.size(); ++row) {
        const QString& name = m_rows.at(row).name;
        if (m_problems.value(name) != summaryByPod.value(name))
            rows << row;
    }
    m_problems = summaryByPod;
    emitRowsChanged(rows, Name, Name);
}

void PodTableModel::emitRowsChanged(const QList<int>& rows, int firstColumn, int lastColumn)
{
    if (rows.isEmpty())
        return;
    // Many rows: one signal for the whole range is cheaper for every view than hundreds.
    if (rows.size() > 32 && rows.size() * 2 > m_rows.size()) {
        Q_EMIT dataChanged(index(0, firstColumn), index(static_cast<int>(m_rows.size()) - 1, lastColumn));
        return;
    }
    for (int row : rows)
        Q_EMIT dataChanged(index(row, firstColumn), index(row, lastColumn));
}

void PodTableModel::tickAges()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, Age), index(static_cast<int>(m_rows.size()) - 1, Age), { Qt::DisplayRole });
}

void PodTableModel::setUsage(const QHash<QString, PodUsage>& usageByPod)
{
    m_usage = usageByPod;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, Cpu), index(static_cast<int>(m_rows.size()) - 1, Memory));
}

int PodTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PodTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PodTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const kube::PodSummary& pod = m_rows[index.row()];
    const PodUsage usage = m_usage.value(pod.name);
    switch (role) {
    case UidRole:
        return pod.uid;
    case StatusRole:
        return pod.status;
    case DeploymentRole:
        return pod.deployment;
    case FilterTextRole:
        return QStringList { pod.name, pod.status, pod.node, pod.deployment, pod.ownerName }.join(QLatin1Char(' '));
    case ProblemRole:
        return m_problems.value(pod.name);
    case Qt::DecorationRole:
        if (index.column() == Status)
            return toneIcon(podStatusTone(pod.status));
        // The Diagnose badge: a shape besides the status colour, next to the name.
        if (index.column() == Name && m_problems.contains(pod.name))
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Status)
            return toneColor(podStatusTone(pod.status));
        if (index.column() == Restarts && pod.restarts > 0)
            return toneColor(StatusTone::Bad);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Restarts || index.column() == Cpu || index.column() == Memory || index.column() == Age)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Name && m_problems.contains(pod.name))
            return tr("%1 — right-click → Diagnose, or open the Problems tab").arg(m_problems.value(pod.name));
        if (index.column() == Status) {
            QStringList lines;
            for (const auto& c : pod.containers)
                lines << QStringLiteral("%1: %2%3")
                             .arg(c.name, c.state.isEmpty() ? QStringLiteral("—") : c.state,
                                  c.reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(c.reason));
            return lines.join(QLatin1Char('\n'));
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Restarts:
            return pod.restarts;
        case Age:
            return QVariant::fromValue<qint64>(pod.ageSeconds(m_clock->now()));
        case Cpu:
            return QVariant::fromValue<qint64>(usage.cpuMillicores);
        case Memory:
            return QVariant::fromValue<qint64>(usage.memoryBytes);
        case Ready:
            return pod.readyContainers * 1000 + pod.totalContainers;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case Name:
            return pod.name;
        case Status:
            return pod.status;
        case Ready:
            return pod.readyText();
        case Restarts:
            return pod.restartsText(m_clock->now());
        case Age:
            return kube::Durations::humanize(pod.ageSeconds(m_clock->now()));
        case Node:
            return pod.node.isEmpty() ? QStringLiteral("—") : pod.node;
        case Cpu:
            return usage.cpuMillicores < 0 ? QStringLiteral("—")
                                           : kube::Quantity::formatMillicores(usage.cpuMillicores);
        case Memory:
            return usage.memoryBytes < 0 ? QStringLiteral("—") : kube::Quantity::formatBytes(usage.memoryBytes);
        case Owner:
            if (!pod.deployment.isEmpty())
                return QString(QStringLiteral("deploy/") + pod.deployment);
            return pod.ownerName.isEmpty() ? QStringLiteral("—")
                                           : QString(pod.ownerKind.toLower() + QLatin1Char('/') + pod.ownerName);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant PodTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Status:
        return tr("Status");
    case Ready:
        return tr("Ready");
    case Restarts:
        return tr("Restarts");
    case Age:
        return tr("Age");
    case Node:
        return tr("Node");
    case Cpu:
        return tr("CPU");
    case Memory:
        return tr("Memory");
    case Owner:
        return tr("Owner");
    default:
        return {};
    }
}

} // namespace quayside::ui
