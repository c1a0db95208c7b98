#pragma once

#include "kube/ChangeSet.h"
#include "kube/RawObject.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <set>
#include <utility>

namespace quayside::kube {

// The informer's cache (client-go's thread_safe_store, keyed by uid instead of namespace/name so a
// pod deleted and recreated under the same name is two different rows). O(1) lookup by uid and by
// namespace/name. Every change is recorded into a ChangeSet so the informer can tell views exactly
// what moved.
//
// Objects that arrive as bytes (RawObject from the JsonScanner) are parsed the first time someone
// reads them: a pod that changes a hundred times while off screen is parsed zero times.
//
// Bounded mode (events): with a capacity, the store keeps the newest `capacity` objects by sortKey
// and evicts the oldest, reporting the eviction as a removal.
class ObjectStore
{
public:
    using SortKey = std::function<QString(const QJsonObject&)>;

    class Entry
    {
    public:
        QString resourceVersion;
        QString nameSpace;
        QString name;
        QString sortKey; // bounded mode only

        // The object, parsed from its bytes on first use.
        const QJsonObject& object() const;

    private:
        friend class ObjectStore;
        mutable QJsonObject m_object;
        mutable QByteArray m_json;
    };

    ObjectStore() = default;
    void setCapacity(int capacity, SortKey sortKey);
    int capacity() const { return m_capacity; }

    int size() const { return static_cast<int>(m_entries.size()); }
    bool contains(const QString& uid) const { return m_entries.contains(uid); }
    // nullptr when absent. The pointer is valid until the next change to the store.
    const Entry* find(const QString& uid) const;
    QJsonObject object(const QString& uid) const;
    QString uidOf(const QString& nameSpace, const QString& name) const;
    QStringList uids() const { return m_entries.keys(); }
    QList<QJsonObject> objects() const;

    // ADDED / MODIFIED: inserts or replaces. An update carrying the same resourceVersion as what is
    // stored is not a change (relists and re-watches repeat objects).
    void upsert(const RawObject& object, ChangeSet* changes);
    void upsert(const QJsonObject& object, ChangeSet* changes) { upsert(RawObject::fromObject(object), changes); }
    void remove(const ObjectMeta& meta, ChangeSet* changes);
    void remove(const QJsonObject& object, ChangeSet* changes) { remove(RawObject::fromObject(object).meta, changes); }
    // A full list: the minimal diff against what is stored. Objects not in `items` are removed (they
    // vanished while we were not watching: client-go's DeletedFinalStateUnknown), changed ones
    // modified, new ones added. Never a clear-and-refill.
    void replace(const QList<RawObject>& items, ChangeSet* changes);
    void replace(const QList<QJsonObject>& items, ChangeSet* changes);
    void clear(ChangeSet* changes);

    // The store key: metadata.uid, or namespace/name for objects without one (hand-made in tests).
    static QString keyOf(const ObjectMeta& meta);
    static QString uidOf(const QJsonObject& object);

private:
    void evict(ChangeSet* changes);
    void erase(const QString& uid);
    static QString nameKey(const QString& nameSpace, const QString& name);

    QHash<QString, Entry> m_entries; // uid -> entry
    QHash<QString, QString> m_byName; // "ns/name" -> uid
    int m_capacity = 0;
    SortKey m_sortKey;
    std::set<std::pair<QString, QString>> m_order; // (sortKey, uid), bounded mode only
};

} // namespace quayside::kube
