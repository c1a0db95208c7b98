#include "kube/ObjectStore.h"

#include <QJsonDocument>
#include <QSet>

namespace quayside::kube {

const QJsonObject& ObjectStore::Entry::object() const
{
    if (!m_json.isEmpty()) {
        m_object = QJsonDocument::fromJson(m_json).object();
        m_json.clear();
    }
    return m_object;
}

void ObjectStore::setCapacity(int capacity, SortKey sortKey)
{
    m_capacity = capacity;
    m_sortKey = std::move(sortKey);
}

QString ObjectStore::nameKey(const QString& nameSpace, const QString& name)
{
    return nameSpace + QLatin1Char('/') + name;
}

QString ObjectStore::keyOf(const ObjectMeta& meta)
{
    return meta.uid.isEmpty() ? nameKey(meta.nameSpace, meta.name) : meta.uid;
}

QString ObjectStore::uidOf(const QJsonObject& object)
{
    return keyOf(RawObject::fromObject(object).meta);
}

const ObjectStore::Entry* ObjectStore::find(const QString& uid) const
{
    const auto it = m_entries.constFind(uid);
    return it == m_entries.cend() ? nullptr : &it.value();
}

QJsonObject ObjectStore::object(const QString& uid) const
{
    const Entry* entry = find(uid);
    return entry ? entry->object() : QJsonObject();
}

QString ObjectStore::uidOf(const QString& nameSpace, const QString& name) const
{
    return m_byName.value(nameKey(nameSpace, name));
}

QList<QJsonObject> ObjectStore::objects() const
{
    QList<QJsonObject> result;
    result.reserve(m_entries.size());
    for (const Entry& entry : m_entries)
        result.append(entry.object());
    return result;
}

void ObjectStore::upsert(const RawObject& object, ChangeSet* changes)
{
    const QString uid = keyOf(object.meta);
    const QString& resourceVersion = object.meta.resourceVersion;
    auto it = m_entries.find(uid);
    if (it != m_entries.end()) {
        if (!resourceVersion.isEmpty() && it->resourceVersion == resourceVersion)
            return;
        it->m_object = object.object;
        it->m_json = object.json;
        it->resourceVersion = resourceVersion;
        if (m_capacity > 0) {
            const QString key = m_sortKey(it->object());
            if (key != it->sortKey) {
                m_order.erase({ it->sortKey, uid });
                it->sortKey = key;
                m_order.insert({ key, uid });
            }
        }
        if (changes)
            changes->modified(uid);
        return;
    }
    // A recreated object under the same name with a new uid: the name index follows the newest.
    Entry entry;
    entry.resourceVersion = resourceVersion;
    entry.nameSpace = object.meta.nameSpace;
    entry.name = object.meta.name;
    entry.m_object = object.object;
    entry.m_json = object.json;
    if (m_capacity > 0) {
        entry.sortKey = m_sortKey(entry.object());
        m_order.insert({ entry.sortKey, uid });
    }
    m_byName.insert(nameKey(entry.nameSpace, entry.name), uid);
    m_entries.insert(uid, std::move(entry));
    if (changes)
        changes->added(uid);
    if (m_capacity > 0 && m_entries.size() > m_capacity)
        evict(changes);
}

void ObjectStore::erase(const QString& uid)
{
    const auto it = m_entries.find(uid);
    if (it == m_entries.end())
        return;
    const QString key = nameKey(it->nameSpace, it->name);
    if (m_byName.value(key) == uid)
        m_byName.remove(key);
    if (m_capacity > 0)
        m_order.erase({ it->sortKey, uid });
    m_entries.erase(it);
}

void ObjectStore::remove(const ObjectMeta& meta, ChangeSet* changes)
{
    const QString uid = keyOf(meta);
    if (!m_entries.contains(uid))
        return;
    erase(uid);
    if (changes)
        changes->removed(uid);
}

void ObjectStore::evict(ChangeSet* changes)
{
    while (m_entries.size() > m_capacity && !m_order.empty()) {
        const QString uid = m_order.begin()->second;
        erase(uid);
        if (changes)
            changes->removed(uid);
    }
}

void ObjectStore::replace(const QList<RawObject>& items, ChangeSet* changes)
{
    QSet<QString> seen;
    seen.reserve(items.size());
    for (const RawObject& item : items) {
        seen.insert(keyOf(item.meta));
        upsert(item, changes);
    }
    QStringList vanished;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (!seen.contains(it.key()))
            vanished.append(it.key());
    }
    for (const QString& uid : vanished) {
        erase(uid);
        if (changes)
            changes->removed(uid);
    }
}

void ObjectStore::replace(const QList<QJsonObject>& items, ChangeSet* changes)
{
    QList<RawObject> raw;
    raw.reserve(items.size());
    for (const QJsonObject& item : items)
        raw.append(RawObject::fromObject(item));
    replace(raw, changes);
}

void ObjectStore::clear(ChangeSet* changes)
{
    if (changes) {
        for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
            changes->removed(it.key());
    }
    m_entries.clear();
    m_byName.clear();
    m_order.clear();
}

} // namespace quayside::kube
