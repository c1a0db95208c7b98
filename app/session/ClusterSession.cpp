#include "session/ClusterSession.h"

#include "core/Log.h"
#include "kube/InformerSet.h"
#include "kube/KubeClient.h"
#include "kube/KubeOperations.h"
#include "kube/KubeReply.h"
#include "kube/MetricsPoller.h"

#include <QJsonArray>
#include <QJsonObject>

namespace quayside {

ClusterSession::ClusterSession(kube::KubeconfigLoader::Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{ }

ClusterSession::~ClusterSession()
{
    // Informers hold streams of the client: stop them before the client goes.
    delete m_informers;
    delete m_metrics;
    delete m_operations;
}

bool ClusterSession::open(QString* error)
{
    auto config = kube::KubeconfigLoader::load(m_options, error);
    if (!config)
        return false;
    if (m_nameSpace.isEmpty())
        m_nameSpace = config->nameSpace;
    m_client = std::make_unique<kube::KubeClient>(*config);
    m_operations = new kube::KubeOperations(m_client.get(), this);
    spdlog::info("session: context {} at {}, namespace {}", log::str(config->contextName),
                 log::str(config->serverDisplay()), log::str(m_nameSpace));
    startWatching();
    return true;
}

void ClusterSession::setNamespace(const QString& nameSpace)
{
    if (nameSpace.isEmpty() || nameSpace == m_nameSpace)
        return;
    m_nameSpace = nameSpace;
    if (m_client)
        startWatching();
}

void ClusterSession::relist()
{
    if (m_client)
        startWatching();
}

void ClusterSession::startWatching()
{
    // Views unbind in sourcesChanged() before the old informers are deleted (deleteLater).
    kube::InformerSet* oldInformers = m_informers;
    kube::MetricsPoller* oldMetrics = m_metrics;
    kube::InformerSet::Options options;
    options.nameSpace = m_nameSpace;
    m_informers = new kube::InformerSet(m_client.get(), options, this);
    m_metrics = new kube::MetricsPoller(m_client.get(), m_nameSpace, this);
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

void ClusterSession::listNamespaces()
{
    if (!m_client)
        return;
    kube::KubeReply* reply = m_client->get(QStringLiteral("/api/v1/namespaces"));
    connect(reply, &kube::KubeReply::finished, this, [this, reply] {
        QStringList names;
        if (reply->ok()) {
            for (const QJsonValue& item : reply->json().value(QLatin1String("items")).toArray())
                names << item[QLatin1String("metadata")][QLatin1String("name")].toString();
        }
        // Without permission to list namespaces, the current one is still a valid choice.
        if (!names.contains(m_nameSpace))
            names << m_nameSpace;
        names.sort();
        Q_EMIT namespacesListed(names);
    });
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
