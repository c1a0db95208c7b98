#pragma once

#include "kube/ApiResource.h"
#include "kube/ChangeSet.h"
#include "kube/ObjectStore.h"
#include "kube/RawObject.h"
#include "kube/Reflector.h"
#include "kube/WatchEvent.h"

#include <QObject>
#include <QStringList>

namespace quayside::kube {

class KubeClient;

// A Reflector feeding an ObjectStore (client-go's SharedIndexInformer without the sharing), for one
// resource in one namespace.
//
// Change notification: one objectsChanged(added, modified, removed) per batch, a batch being what one
// read of the watch stream delivered (at most a 64 KiB slice) or one full list. Each uid is in at most one of the three
// lists, with the net effect over the batch (see ChangeSet). A relist after a 410 is a minimal diff against the store:
// unchanged objects are not reported, vanished ones are removed. A view keyed by uid can therefore insert, update and
// remove rows and never needs a reset. The signal is emitted after the store has applied the whole batch, so store() is
// consistent inside the slot. Objects stay JSON bytes until read (store().object(uid)); PodView caches the typed
// PodSummary per resourceVersion.
class Informer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        Reflector::Options reflector;
        // Bounded store: keep the newest maxObjects by sortKey (events). 0: unbounded.
        int maxObjects = 0;
        ObjectStore::SortKey sortKey;
    };

    Informer(KubeClient* client, ApiResource resource, Options options, QObject* parent = nullptr);

    // Events: newest 500 by the time they were last seen (EventSummary::timeOf).
    static Options eventOptions(Reflector::Options reflector, int keepNewest = 500);
    static QString eventSortKey(const QJsonObject& event);

    void start();
    void stop();
    // Lists again from a consistent read on the same store (Reflector::relist()): what changed is
    // reported as one objectsChanged() batch, then relisted(). Views bound to this informer stay bound.
    void relist();

    const ApiResource& resource() const { return m_resource; }
    const ObjectStore& store() const { return m_store; }
    Reflector* reflector() const { return m_reflector; }
    ConnectionState* connectionState() const { return m_reflector->connectionState(); }
    // The first list has been applied (client-go's HasSynced).
    bool hasSynced() const { return m_synced; }

    // Feed without a network, for benchmarks and unit tests (the reflector's signals land here too).
    void applyList(const QList<QJsonObject>& items);
    void applyList(const QList<quayside::kube::RawObject>& items);
    void applyEvents(const QList<quayside::kube::WatchEvent>& events);

Q_SIGNALS:
    void objectsChanged(const QStringList& added, const QStringList& modified, const QStringList& removed);
    // Emitted once, after the first list is in the store and its objectsChanged was emitted.
    void synced();
    // Every completed list, the first one included (relist(), a relist after 410 or an error).
    void relisted();

private:
    void flush();

    ApiResource m_resource;
    ObjectStore m_store;
    ChangeSet m_changes;
    Reflector* m_reflector;
    bool m_synced = false;
};

} // namespace quayside::kube
