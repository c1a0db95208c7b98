#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QRandomGenerator>

#include <deque>
#include <functional>
#include <optional>

namespace quayside::test {

// One change to the store, as watches see it.
struct StoredEvent
{
    qint64 resourceVersion = 0;
    QString type; // ADDED, MODIFIED, DELETED
    QString resource; // plural: "pods"
    QString ns; // "" for cluster-scoped kinds
    QString name;
    QJsonObject object; // the object after the change (for DELETED: its last state, at the deletion's RV)
    QJsonObject previous; // before the change (MODIFIED, DELETED), to tell selector enter/leave
};

// The etcd of the fake cluster: objects by resource/namespace/name, one global resourceVersion
// counter, and a bounded history of changes that watches resume from (older than the window = 410).
// It owns the metadata the API server owns: uid, resourceVersion, creationTimestamp, generation.
class ObjectStore : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    explicit ObjectStore(QObject* parent = nullptr);

    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setSeed(quint64 seed) { m_random.seed(static_cast<quint32>(seed)); }

    std::optional<QJsonObject> get(const QString& resource, const QString& ns, const QString& name) const;
    // Sorted by namespace then name; ns "" = every namespace.
    QList<QJsonObject> list(const QString& resource, const QString& ns = QString()) const;
    int count(const QString& resource) const { return m_objects.value(resource).size(); }

    // Assigns uid, creationTimestamp, generation 1 and a new resourceVersion. The caller checked
    // that the object does not exist.
    QJsonObject create(const QString& resource, QJsonObject object);
    // Stores `object` (its metadata.namespace/name name it) with a new resourceVersion; keeps uid and
    // creationTimestamp; bumps generation when anything but metadata and status changed.
    QJsonObject update(const QString& resource, QJsonObject object);
    std::optional<QJsonObject> remove(const QString& resource, const QString& ns, const QString& name);

    qint64 resourceVersion() const { return m_resourceVersion; }
    // A watch may resume from any resourceVersion >= this; older ones get 410.
    qint64 oldestWatchable() const { return m_oldestWatchable; }
    std::deque<StoredEvent> eventsAfter(qint64 resourceVersion) const;
    void setHistoryWindow(int events);
    int historyWindow() const { return m_window; }
    void compact(); // forget every event: only the current resourceVersion remains watchable
    QString newUid(); // deterministic for a given seed

    QString now() const;
    QDateTime nowDateTime() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }

Q_SIGNALS:
    void changed(const quayside::test::StoredEvent& event);

private:
    static QString key(const QString& ns, const QString& name) { return ns + QLatin1Char('/') + name; }
    void record(StoredEvent event);

    QHash<QString, QMap<QString, QJsonObject>> m_objects;
    qint64 m_resourceVersion = 1000; // real clusters never start at 0; clients must not assume small RVs
    qint64 m_oldestWatchable = 1000;
    std::deque<StoredEvent> m_history;
    int m_window = 10000;
    Clock m_clock;
    QRandomGenerator m_random { 1 };
};

} // namespace quayside::test
