#include "session/ClusterSession.h"

#include "core/Log.h"
#include "kube/ApiResource.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "kube/KubeClient.h"
#include "kube/KubeOperations.h"
#include "kube/KubeReply.h"
#include "kube/KubeconfigLoader.h"
#include "kube/MetricsPoller.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

namespace quayside {

ClusterSession::ClusterSession(ClusterTarget target, QObject* parent)
    : QObject(parent)
    , m_target(std::move(target))
{ }

ClusterSession::~ClusterSession()
{
    // Informers hold streams of the client: stop them before the client goes.
    delete m_namespaces;
    delete m_informers;
    delete m_metrics;
    delete m_operations;
}

bool ClusterSession::open(QString* error)
{
    auto config = kube::KubeconfigLoader::load(m_target.loaderOptions(), error);
    if (!config)
        return false;
    if (m_target.nameSpace.isEmpty())
        m_target.nameSpace = config->nameSpace;
    m_client = std::make_unique<kube::KubeClient>(*config);
    m_operations = new kube::KubeOperations(m_client.get(), this);
    spdlog::info("session: context {} at {}, namespace {}", log::str(config->contextName),
                 log::str(config->serverDisplay()), log::str(m_target.nameSpace));
    startWatching();
    return true;
}

void ClusterSession::close()
{
    if (!m_client)
        return;
    delete m_namespaces;
    m_namespaces = nullptr;
    m_namespacesForbidden = false;
    kube::InformerSet* informers = std::exchange(m_informers, nullptr);
    kube::MetricsPoller* metrics = std::exchange(m_metrics, nullptr);
    // Views drop their pointers first (sourcesChanged with no informers), then the old objects go.
    Q_EMIT sourcesChanged();
    delete informers;
    delete metrics;
    delete m_operations;
    m_operations = nullptr;
    m_client.reset();
}

void ClusterSession::setTarget(const ClusterTarget& target)
{
    if (target == m_target)
        return;
    const bool sameCluster = target.kubeconfigFiles == m_target.kubeconfigFiles && target.context == m_target.context;
    if (sameCluster && m_client) {
        m_target.minikubeProfile = target.minikubeProfile;
        setNamespace(target.nameSpace);
        return;
    }
    const bool wasOpen = m_client != nullptr;
    close();
    m_target = target;
    if (!wasOpen)
        return; // whoever opens it opens the new target (after a deploy wrote the kubeconfig)
    QString error;
    if (open(&error))
        watchNamespaces();
    else
        Q_EMIT openFailed(error);
}

void ClusterSession::setNamespace(const QString& nameSpace)
{
    if (nameSpace.isEmpty() || nameSpace == m_target.nameSpace)
        return;
    m_target.nameSpace = nameSpace;
    if (m_client)
        startWatching();
}

void ClusterSession::relist()
{
    // Replacing the informers would reset every view bound to them; listing again on the same ones
    // hands the views a diff instead.
    if (m_informers)
        m_informers->relist();
    if (m_metrics)
        m_metrics->pollNow();
}

void ClusterSession::startWatching()
{
    // Views unbind in sourcesChanged() before the old informers are deleted (deleteLater).
    kube::InformerSet* oldInformers = m_informers;
    kube::MetricsPoller* oldMetrics = m_metrics;
    kube::InformerSet::Options options;
    options.nameSpace = m_target.nameSpace;
    m_informers = new kube::InformerSet(m_client.get(), options, this);
    m_metrics = new kube::MetricsPoller(m_client.get(), m_target.nameSpace, this);
    if (m_metricsInterval.count() > 0)
        m_metrics->setInterval(m_metricsInterval);
    Q_EMIT sourcesChanged();
    if (oldInformers) {
        oldInformers->stop();
        oldInformers->deleteLater();
    }
    if (oldMetrics) {
        oldMetrics->stop();
        oldMetrics->deleteLater();
    }
    m_informers->start();
    m_metrics->start();
}

void ClusterSession::setMetricsInterval(std::chrono::milliseconds interval)
{
    m_metricsInterval = interval;
    if (m_metrics && interval.count() > 0)
        m_metrics->setInterval(interval);
}

void ClusterSession::watchNamespaces()
{
    if (!m_client || m_namespaces)
        return;
    // One list first: a 403 there means RBAC lets this user into some namespaces without listing
    // them (common on shared clusters); an informer would only retry it forever.
    kube::KubeReply* reply = m_client->get(kube::ApiResource::namespaces().path({}),
                                           QUrlQuery { { QStringLiteral("limit"), QStringLiteral("1") } });
    kube::KubeClient* client = m_client.get();
    connect(reply, &kube::KubeReply::finished, this, [this, reply, client] {
        if (client != m_client.get())
            return; // the session moved to another cluster meanwhile
        if (reply->error().httpStatus() == 403) {
            m_namespacesForbidden = true;
            spdlog::info("session: listing namespaces is forbidden: {}", log::str(reply->error().message()));
            Q_EMIT namespacesForbidden(reply->error().message());
            emitNamespaces();
            return;
        }
        if (m_namespaces)
            return;
        m_namespaces = new kube::Informer(m_client.get(), kube::ApiResource::namespaces(), {}, this);
        connect(m_namespaces, &kube::Informer::objectsChanged, this, &ClusterSession::emitNamespaces);
        m_namespaces->start();
    });
}

void ClusterSession::emitNamespaces()
{
    QStringList names;
    if (m_namespaces) {
        for (const QJsonObject& item : m_namespaces->store().objects())
            names << item[QLatin1String("metadata")][QLatin1String("name")].toString();
    }
    // Without permission to list namespaces, the current one is still a valid choice.
    if (!names.contains(m_target.nameSpace))
        names << m_target.nameSpace;
    names.sort();
    Q_EMIT namespacesListed(names);
}

QString ClusterSession::contextName() const
{
    return m_client ? m_client->config().contextName : QString();
}

QString ClusterSession::serverDisplay() const
{
    return m_client ? m_client->config().serverDisplay() : QString();
}

} // namespace quayside
