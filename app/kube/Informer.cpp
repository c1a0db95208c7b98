#include "kube/Informer.h"

#include "kube/EventSummary.h"

#include <QPointer>

namespace quayside::kube {

Informer::Informer(KubeClient* client, ApiResource resource, Options options, QObject* parent)
    : QObject(parent)
    , m_resource(resource)
    , m_reflector(new Reflector(client, std::move(resource), std::move(options.reflector), this))
{
    if (options.maxObjects > 0)
        m_store.setCapacity(options.maxObjects, options.sortKey ? options.sortKey : &eventSortKey);
    connect(m_reflector, &Reflector::listed, this,
            [this](const QList<RawObject>& items, const QString&) { applyList(items); });
    connect(m_reflector, &Reflector::eventsReceived, this, &Informer::applyEvents);
}

Informer::Options Informer::eventOptions(Reflector::Options reflector, int keepNewest)
{
    Options options;
    options.reflector = std::move(reflector);
    options.maxObjects = keepNewest;
    options.sortKey = &eventSortKey;
    return options;
}

QString Informer::eventSortKey(const QJsonObject& event)
{
    // The time `kubectl get events` shows as LAST SEEN (EventSummary), at one precision so the text
    // sorts as the time does: "2025-06-18T14:17:46".
    return EventSummary::timeOf(event).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss"));
}

void Informer::start()
{
    m_reflector->start();
}

void Informer::stop()
{
    m_reflector->stop();
}

void Informer::relist()
{
    m_reflector->relist();
}

void Informer::applyList(const QList<QJsonObject>& items)
{
    QList<RawObject> raw;
    raw.reserve(items.size());
    for (const QJsonObject& item : items)
        raw.append(RawObject::fromObject(item));
    applyList(raw);
}

void Informer::applyList(const QList<RawObject>& items)
{
    m_store.replace(items, &m_changes);
    // Synced as soon as the list is in the store, so slots of the signals below see hasSynced().
    const bool first = !m_synced;
    m_synced = true;
    const QPointer<Informer> self(this);
    flush();
    if (!self)
        return;
    Q_EMIT relisted();
    if (!self)
        return;
    if (first)
        Q_EMIT synced();
}

void Informer::applyEvents(const QList<WatchEvent>& events)
{
    for (const WatchEvent& event : events) {
        switch (event.type) {
        case WatchEvent::Type::Added:
        case WatchEvent::Type::Modified:
            m_store.upsert(event.toRawObject(), &m_changes);
            break;
        case WatchEvent::Type::Deleted:
            m_store.remove(event.toRawObject().meta, &m_changes);
            break;
        case WatchEvent::Type::Bookmark:
        case WatchEvent::Type::Error:
            break;
        }
    }
    flush();
}

void Informer::flush()
{
    if (m_changes.isEmpty())
        return;
    const QStringList added = m_changes.addedUids();
    const QStringList modified = m_changes.modifiedUids();
    const QStringList removed = m_changes.removedUids();
    m_changes.clear();
    Q_EMIT objectsChanged(added, modified, removed);
}

} // namespace quayside::kube
