#include "dashboard/LogModel.h"

#include "Theme.h"

#include <algorithm>
#include <iterator>

namespace quayside::ui {

LogModel::LogModel(QObject* parent)
    : QAbstractListModel(parent)
{
    // A source keeps its series index; its colour is the theme's for that index, read on paint.
    connect(Theme::instance(), &Theme::changed, this, [this] {
        if (size() > 0)
            Q_EMIT dataChanged(index(0), index(size() - 1), { SourceColorRole });
    });
}

void LogModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    if (size() > m_capacity)
        dropOldest(size() - m_capacity);
}

void LogModel::dropOldest(int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_entries.erase(m_entries.begin(), m_entries.begin() + count);
    endRemoveRows();
    m_dropped += count;
}

void LogModel::append(QList<Entry> batch)
{
    if (batch.isEmpty())
        return;
    // A batch larger than the whole capacity: only its tail can ever be seen.
    if (batch.size() > m_capacity) {
        const qsizetype skip = batch.size() - m_capacity;
        m_dropped += skip;
        batch.remove(0, skip);
    }
    const int overflow = size() + static_cast<int>(batch.size()) - m_capacity;
    dropOldest(std::min(overflow, size()));
    const int first = size();
    beginInsertRows({}, first, first + static_cast<int>(batch.size()) - 1);
    std::move(batch.begin(), batch.end(), std::back_inserter(m_entries));
    endInsertRows();
}

void LogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_dropped = 0;
    endResetModel();
}

QColor LogModel::colorOf(const QString& source) const
{
    auto it = m_colors.constFind(source);
    if (it == m_colors.constEnd())
        it = m_colors.insert(source, static_cast<int>(m_colors.size()));
    return Theme::series(*it);
}

int LogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : size();
}

QVariant LogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= size())
        return {};
    const Entry& e = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return e.source.isEmpty() ? e.text : QString(QLatin1Char('[') + e.source + QStringLiteral("] ") + e.text);
    case SourceRole:
        return e.source;
    case TextRole:
        return e.text;
    case SourceColorRole:
        return e.source.isEmpty() ? QVariant() : QVariant(colorOf(e.source));
    default:
        return {};
    }
}

} // namespace quayside::ui
