#include "ObjectStore.h"

namespace quayside::test {

namespace {

QJsonObject metadataOf(const QJsonObject& object)
{
    return object.value(QStringLiteral("metadata")).toObject();
}

// What counts for metadata.generation: everything a user changes except metadata and status.
QJsonObject specPart(QJsonObject object)
{
    object.remove(QStringLiteral("metadata"));
    object.remove(QStringLiteral("status"));
    return object;
}

} // namespace

ObjectStore::ObjectStore(QObject* parent)
    : QObject(parent)
{ }

QString ObjectStore::now() const
{
    return nowDateTime().toString(Qt::ISODate);
}

QString ObjectStore::newUid()
{
    const auto hex = [this](int digits) {
        QString out;
        for (int i = 0; i < digits; ++i)
            out += QLatin1Char("0123456789abcdef"[m_random.bounded(16)]);
        return out;
    };
    return hex(8) + QLatin1Char('-') + hex(4) + QStringLiteral("-4") + hex(3) + QLatin1Char('-')
        + QLatin1Char("89ab"[m_random.bounded(4)]) + hex(3) + QLatin1Char('-') + hex(12);
}

std::optional<QJsonObject> ObjectStore::get(const QString& resource, const QString& ns, const QString& name) const
{
    const auto byResource = m_objects.constFind(resource);
    if (byResource == m_objects.constEnd())
        return std::nullopt;
    const auto it = byResource->constFind(key(ns, name));
    if (it == byResource->constEnd())
        return std::nullopt;
    return *it;
}

QList<QJsonObject> ObjectStore::list(const QString& resource, const QString& ns) const
{
    QList<QJsonObject> result;
    const auto byResource = m_objects.constFind(resource);
    if (byResource == m_objects.constEnd())
        return result;
    if (ns.isEmpty()) {
        result.reserve(byResource->size());
        for (const QJsonObject& object : *byResource)
            result.append(object);
        return result;
    }
    // Keys sort by namespace first, so one namespace is a contiguous range.
    const QString prefix = ns + QLatin1Char('/');
    for (auto it = byResource->lowerBound(prefix); it != byResource->constEnd() && it.key().startsWith(prefix); ++it)
        result.append(*it);
    return result;
}

QJsonObject ObjectStore::create(const QString& resource, QJsonObject object)
{
    QJsonObject metadata = metadataOf(object);
    metadata.insert(QStringLiteral("uid"), newUid());
    metadata.insert(QStringLiteral("resourceVersion"), QString::number(++m_resourceVersion));
    if (!metadata.contains(QStringLiteral("creationTimestamp"))
        || metadata.value(QStringLiteral("creationTimestamp")).isNull())
        metadata.insert(QStringLiteral("creationTimestamp"), now());
    if (object.contains(QStringLiteral("spec")))
        metadata.insert(QStringLiteral("generation"), 1);
    object.insert(QStringLiteral("metadata"), metadata);
    const QString ns = metadata.value(QStringLiteral("namespace")).toString();
    const QString name = metadata.value(QStringLiteral("name")).toString();
    m_objects[resource].insert(key(ns, name), object);
    record({ m_resourceVersion, QStringLiteral("ADDED"), resource, ns, name, object, {} });
    return object;
}

QJsonObject ObjectStore::update(const QString& resource, QJsonObject object)
{
    QJsonObject metadata = metadataOf(object);
    const QString ns = metadata.value(QStringLiteral("namespace")).toString();
    const QString name = metadata.value(QStringLiteral("name")).toString();
    const QJsonObject previous = m_objects.value(resource).value(key(ns, name));
    const QJsonObject previousMetadata = metadataOf(previous);
    for (const char* owned : { "uid", "creationTimestamp" }) {
        const QString field = QString::fromLatin1(owned);
        if (previousMetadata.contains(field))
            metadata.insert(field, previousMetadata.value(field));
    }
    qint64 generation = previousMetadata.value(QStringLiteral("generation")).toInteger();
    if (specPart(previous) != specPart(object))
        ++generation;
    if (generation > 0)
        metadata.insert(QStringLiteral("generation"), generation);
    metadata.insert(QStringLiteral("resourceVersion"), QString::number(++m_resourceVersion));
    object.insert(QStringLiteral("metadata"), metadata);
    m_objects[resource].insert(key(ns, name), object);
    record({ m_resourceVersion, QStringLiteral("MODIFIED"), resource, ns, name, object, previous });
    return object;
}

std::optional<QJsonObject> ObjectStore::remove(const QString& resource, const QString& ns, const QString& name)
{
    auto byResource = m_objects.find(resource);
    if (byResource == m_objects.end())
        return std::nullopt;
    const auto it = byResource->find(key(ns, name));
    if (it == byResource->end())
        return std::nullopt;
    const QJsonObject previous = *it;
    byResource->erase(it);
    // The DELETED event carries the object at the deletion's resourceVersion, as etcd3's watcher does.
    QJsonObject object = previous;
    QJsonObject metadata = metadataOf(object);
    metadata.insert(QStringLiteral("resourceVersion"), QString::number(++m_resourceVersion));
    object.insert(QStringLiteral("metadata"), metadata);
    record({ m_resourceVersion, QStringLiteral("DELETED"), resource, ns, name, object, previous });
    return object;
}

void ObjectStore::record(StoredEvent event)
{
    m_history.push_back(event);
    while (static_cast<int>(m_history.size()) > m_window) {
        m_oldestWatchable = m_history.front().resourceVersion;
        m_history.pop_front();
    }
    if (m_window == 0)
        m_oldestWatchable = m_resourceVersion;
    Q_EMIT changed(event);
}

std::deque<StoredEvent> ObjectStore::eventsAfter(qint64 resourceVersion) const
{
    std::deque<StoredEvent> result;
    for (const StoredEvent& event : m_history) {
        if (event.resourceVersion > resourceVersion)
            result.push_back(event);
    }
    return result;
}

void ObjectStore::setHistoryWindow(int events)
{
    m_window = std::max(0, events);
    while (static_cast<int>(m_history.size()) > m_window) {
        m_oldestWatchable = m_history.front().resourceVersion;
        m_history.pop_front();
    }
    if (m_window == 0)
        m_oldestWatchable = m_resourceVersion;
}

void ObjectStore::compact()
{
    m_history.clear();
    m_oldestWatchable = m_resourceVersion;
}

} // namespace quayside::test
