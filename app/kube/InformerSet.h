#pragma once

#include "kube/ConnectionState.h"
#include "kube/Reflector.h"

#include <QList>
#include <QObject>

namespace quayside::kube {

class Informer;
class KubeClient;
class PodView;

// The informers a namespace view needs: Pods, Deployments, ReplicaSets, Services, Endpoints and Events
// of one namespace, and the cluster's Nodes. One aggregated ConnectionState for the dashboard header: the
// worst of its informers (Error > Reconnecting > Connecting > Connected), with the earliest retry.
class InformerSet : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString nameSpace;
        Reflector::Options reflector; // applied to every informer (its nameSpace is set here)
        int keepEvents = 500; // the events store keeps the newest N
        bool pods = true;
        bool deployments = true;
        bool replicaSets = true;
        bool services = true;
        bool endpoints = true; // which pods each Service sends traffic to (the diagnosis reads them)
        bool events = true;
        bool nodes = true;
    };

    InformerSet(KubeClient* client, Options options, QObject* parent = nullptr);

    void start();
    void stop();
    // Every informer lists again (Informer::relist()); the informers, their stores and the PodView
    // stay, so bound views receive the difference instead of a new source.
    void relist();

    // nullptr for the kinds switched off in Options.
    Informer* pods() const { return m_pods; }
    Informer* deployments() const { return m_deployments; }
    Informer* replicaSets() const { return m_replicaSets; }
    Informer* services() const { return m_services; }
    Informer* endpoints() const { return m_endpoints; }
    Informer* events() const { return m_events; }
    Informer* nodes() const { return m_nodes; }
    PodView* podView() const { return m_podView; }
    const QList<Informer*>& informers() const { return m_all; }

    ConnectionState* connectionState() const { return m_state; }
    bool hasSynced() const;

Q_SIGNALS:
    // Every informer has completed its first list.
    void synced();

private:
    Informer* add(KubeClient* client, bool enabled, const ApiResource& resource, const Options& options, bool events);
    void updateState();

    Informer* m_pods = nullptr;
    Informer* m_deployments = nullptr;
    Informer* m_replicaSets = nullptr;
    Informer* m_services = nullptr;
    Informer* m_endpoints = nullptr;
    Informer* m_events = nullptr;
    Informer* m_nodes = nullptr;
    PodView* m_podView = nullptr;
    QList<Informer*> m_all;
    ConnectionState* m_state;
    bool m_syncedEmitted = false;
};

} // namespace quayside::kube
