#pragma once

#include <QAbstractListModel>
#include <QColor>
#include <QHash>

#include <deque>

namespace quayside::ui {

// The last N log lines, as a list model (qBittorrent's log model is the pattern): appending a batch
// removes the oldest rows first and inserts the new ones in one go, so a view only lays out what is
// visible — 20,000 lines a second cost a handful of row signals, not a document re-layout. Lines pushed
// out are counted, so the view can say older lines were dropped (k9s #1188 is what "unbounded" costs).
class LogModel : public QAbstractListModel
{
    Q_OBJECT
public:
    struct Entry
    {
        QString source; // "pod/container" for multi-pod logs, empty for one stream
        QString text;
    };
    enum Role { SourceRole = Qt::UserRole + 1, TextRole, SourceColorRole };

    static constexpr int kDefaultCapacity = 50'000;

    explicit LogModel(QObject* parent = nullptr);

    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }
    void append(QList<Entry> batch);
    void clear();

    int size() const { return static_cast<int>(m_entries.size()); }
    const Entry& entry(int row) const { return m_entries[static_cast<std::size_t>(row)]; }
    qint64 droppedTotal() const { return m_dropped; }
    QColor colorOf(const QString& source) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    void dropOldest(int count);

    std::deque<Entry> m_entries;
    int m_capacity = kDefaultCapacity;
    qint64 m_dropped = 0;
    mutable QHash<QString, int> m_colors; // source → series index
};

} // namespace quayside::ui
