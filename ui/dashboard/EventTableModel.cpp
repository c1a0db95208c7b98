#include "dashboard/EventTableModel.h"

#include "Theme.h"
#include "core/Clock.h"
#include "dashboard/StatusTone.h"
#include "kube/Durations.h"
#include "kube/EventSummary.h"
#include "kube/Informer.h"

#include <QJsonObject>

#include <algorithm>

namespace quayside::ui {

EventTableModel::EventTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock(&Clock::instance())
{
    // The Warning tint and mark come from the theme: repaint them when it changes.
    connect(Theme::instance(), &Theme::changed, this, [this] {
        if (rowCount({}) > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount({}) - 1, columnCount({}) - 1),
                               { Qt::BackgroundRole, Qt::ForegroundRole, Qt::DecorationRole });
    });
}

void EventTableModel::setClock(const Clock* clock)
{
    m_clock = clock ? clock : &Clock::instance();
}

EventTableModel::Event EventTableModel::fromJson(const QJsonObject& json)
{
    Event e;
    const QJsonObject meta = json.value(QLatin1String("metadata")).toObject();
    e.uid = meta.value(QLatin1String("uid")).toString();
    // LAST SEEN and COUNT as kubectl works them out (series, lastTimestamp, eventTime ...): EventSummary.
    e.lastSeen = kube::EventSummary::timeOf(json);
    e.type = json.value(QLatin1String("type")).toString(QStringLiteral("Normal"));
    e.reason = json.value(QLatin1String("reason")).toString();
    const QJsonObject involved = json.value(QLatin1String("involvedObject")).toObject();
    e.object = involved.value(QLatin1String("kind")).toString().toLower() + QLatin1Char('/')
        + involved.value(QLatin1String("name")).toString();
    e.message = json.value(QLatin1String("message")).toString().trimmed();
    e.count = kube::EventSummary::countOf(json);
    return e;
}

void EventTableModel::setSource(const kube::Informer* events)
{
    if (m_connection)
        disconnect(m_connection);
    m_events = events;
    beginResetModel();
    m_rows.clear();
    if (m_events) {
        for (const QJsonObject& json : m_events->store().objects())
            m_rows.append(fromJson(json));
        std::stable_sort(m_rows.begin(), m_rows.end(),
                         [](const Event& a, const Event& b) { return a.lastSeen > b.lastSeen; });
        m_connection = connect(m_events, &kube::Informer::objectsChanged, this, &EventTableModel::applyChanges);
    }
    endResetModel();
}

void EventTableModel::removeUid(const QString& uid)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].uid == uid) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
            return;
        }
    }
}

void EventTableModel::insertSorted(Event event)
{
    const auto it = std::upper_bound(m_rows.begin(), m_rows.end(), event,
                                     [](const Event& a, const Event& b) { return a.lastSeen > b.lastSeen; });
    const int row = static_cast<int>(it - m_rows.begin());
    beginInsertRows({}, row, row);
    m_rows.insert(row, std::move(event));
    endInsertRows();
}

void EventTableModel::applyChanges(const QStringList& added, const QStringList& modified, const QStringList& removed)
{
    if (!m_events)
        return;
    for (const QString& uid : removed)
        removeUid(uid);
    for (const QString& uid : modified) {
        Event updated = fromJson(m_events->store().object(uid));
        int row = -1;
        for (int i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].uid == uid) {
                row = i;
                break;
            }
        }
        // Same place in time order: update in place; otherwise (seen again, count++) move it.
        if (row >= 0 && m_rows[row].lastSeen == updated.lastSeen) {
            m_rows[row] = std::move(updated);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            if (row >= 0)
                removeUid(uid);
            insertSorted(std::move(updated));
        }
    }
    for (const QString& uid : added)
        insertSorted(fromJson(m_events->store().object(uid)));
}

const EventTableModel::Event* EventTableModel::eventAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int EventTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EventTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const
{
    const Event* e = eventAt(index.row());
    if (!e)
        return {};
    const bool warning = e->type == QLatin1String("Warning");
    switch (role) {
    case ObjectRole:
        return e->object;
    case WarningRole:
        return warning;
    case Qt::BackgroundRole:
        return warning ? QVariant(Theme::color(Theme::Role::ErrorBanner)) : QVariant();
    case Qt::ForegroundRole:
        if (index.column() == Type && warning)
            return Theme::color(Theme::Role::ErrorBannerText);
        return {};
    case Qt::DecorationRole: {
        // A "!" mark besides the tint, so a Warning row reads without telling red from white.
        static const QIcon mark
            = StatusBadge::icon(StatusBadge::Kind::Warning, [] { return Theme::color(Theme::Role::Error); });
        return index.column() == Type && warning ? QVariant(mark) : QVariant();
    }
    case Qt::ToolTipRole:
        return e->message;
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case LastSeen:
            return e->lastSeen.isValid() ? kube::Durations::humanize(e->lastSeen.secsTo(m_clock->now()))
                                         : QStringLiteral("—");
        case Type:
            return e->type;
        case Reason:
            return e->reason;
        case Object:
            return e->object;
        case Message:
            return e->message;
        case Count:
            return e->count;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LastSeen:
        return tr("Last seen");
    case Type:
        return tr("Type");
    case Reason:
        return tr("Reason");
    case Object:
        return tr("Object");
    case Message:
        return tr("Message");
    case Count:
        return tr("Count");
    default:
        return {};
    }
}

} // namespace quayside::ui
