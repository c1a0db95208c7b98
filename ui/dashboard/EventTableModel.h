#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>

namespace quayside {
class Clock;
}
namespace quayside::kube {
class Informer;
}

namespace quayside::ui {

// The namespace's Events, newest first, from the (bounded) events informer. Rows are inserted where
// they belong by time and removed when the informer evicts or deletes them; an event seen again
// (count++) moves to the top. Warnings are highlighted.
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LastSeen, Type, Reason, Object, Message, Count, ColumnCount };
    enum Role { ObjectRole = Qt::UserRole + 1, WarningRole };

    struct Event
    {
        QString uid;
        QDateTime lastSeen;
        QString type; // Normal, Warning
        QString reason; // BackOff, Pulled, Scheduled...
        QString object; // "pod/backend-5d8f7c9b4-x2x7q"
        QString message;
        int count = 1;
    };

    explicit EventTableModel(QObject* parent = nullptr);
    void setSource(const kube::Informer* events);
    void setClock(const Clock* clock);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const Event* eventAt(int row) const;
    void applyChanges(const QStringList& added, const QStringList& modified, const QStringList& removed);
    static Event fromJson(const QJsonObject& event);

private:
    void removeUid(const QString& uid);
    void insertSorted(Event event);

    const kube::Informer* m_events = nullptr;
    const Clock* m_clock;
    QList<Event> m_rows; // newest first
    QMetaObject::Connection m_connection;
};

} // namespace quayside::ui
