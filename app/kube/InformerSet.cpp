#include "kube/InformerSet.h"

#include "kube/ApiResource.h"
#include "kube/Informer.h"
#include "kube/PodView.h"

namespace quayside::kube {

InformerSet::InformerSet(KubeClient* client, Options options, QObject* parent)
    : QObject(parent)
    , m_state(new ConnectionState(this))
{
    m_pods = add(client, options.pods, ApiResource::pods(), options, false);
    m_deployments = add(client, options.deployments, ApiResource::deployments(), options, false);
    m_replicaSets = add(client, options.replicaSets, ApiResource::replicaSets(), options, false);
    m_services = add(client, options.services, ApiResource::services(), options, false);
    m_endpoints = add(client, options.endpoints, ApiResource::endpoints(), options, false);
    m_events = add(client, options.events, ApiResource::events(), options, true);
    m_nodes = add(client, options.nodes, ApiResource::nodes(), options, false);
    if (m_pods)
        m_podView = new PodView(m_pods, m_replicaSets, this);
}

Informer* InformerSet::add(KubeClient* client, bool enabled, const ApiResource& resource, const Options& options,
                           bool events)
{
    if (!enabled)
        return nullptr;
    Reflector::Options reflector = options.reflector;
    reflector.nameSpace = resource.namespaced ? options.nameSpace : QString();
    Informer::Options informerOptions;
    if (events)
        informerOptions = Informer::eventOptions(reflector, options.keepEvents);
    else
        informerOptions.reflector = reflector;
    auto* informer = new Informer(client, resource, informerOptions, this);
    m_all.append(informer);
    connect(informer->connectionState(), &ConnectionState::changed, this, &InformerSet::updateState);
    connect(informer, &Informer::synced, this, [this] {
        if (!m_syncedEmitted && hasSynced()) {
            m_syncedEmitted = true;
            Q_EMIT synced();
        }
    });
    return informer;
}

void InformerSet::start()
{
    for (Informer* informer : std::as_const(m_all))
        informer->start();
}

void InformerSet::stop()
{
    for (Informer* informer : std::as_const(m_all))
        informer->stop();
}

void InformerSet::relist()
{
    for (Informer* informer : std::as_const(m_all))
        informer->relist();
}

bool InformerSet::hasSynced() const
{
    for (const Informer* informer : m_all) {
        if (!informer->hasSynced())
            return false;
    }
    return true;
}

void InformerSet::updateState()
{
    const auto rank = [](ConnectionState::Status s) {
        switch (s) {
        case ConnectionState::Status::Connected:
            return 0;
        case ConnectionState::Status::Connecting:
            return 1;
        case ConnectionState::Status::Reconnecting:
            return 2;
        case ConnectionState::Status::Error:
            return 3;
        }
        return 0;
    };
    const ConnectionState* worst = nullptr;
    for (const Informer* informer : std::as_const(m_all)) {
        const ConnectionState* s = informer->connectionState();
        if (!worst || rank(s->status()) > rank(worst->status())
            || (rank(s->status()) == rank(worst->status()) && s->retryAt() < worst->retryAt()))
            worst = s;
    }
    if (worst)
        m_state->set(worst->status(), worst->message(), worst->retryAt());
}

} // namespace quayside::kube
