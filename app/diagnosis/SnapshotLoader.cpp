#include "diagnosis/SnapshotLoader.h"

#include "diagnosis/Diagnoser.h"
#include "diagnosis/PreviousLogFetcher.h"
#include "kube/ApiResource.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"
#include "kube/MetricsPoller.h"

#include <QTimer>

namespace quayside::diagnosis {

SnapshotLoader::SnapshotLoader(kube::KubeClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_logs(new PreviousLogFetcher(client, this))
{
    connect(m_logs, &PreviousLogFetcher::fetched, this,
            [this](const QString& pod, const QString& container, const QStringList& lines, const QString&) {
                // No previous log (it rotated away, the node restarted) is not an error of the snapshot:
                // the rules then go by the exit code alone.
                if (!lines.isEmpty())
                    m_cache.setPreviousLog(pod, container, lines);
                if (m_loading && --m_logsPending == 0)
                    done(true, {});
            });
}

SnapshotLoader::~SnapshotLoader()
{
    abort();
}

void SnapshotLoader::abort()
{
    for (const QPointer<kube::KubeReply>& reply : std::as_const(m_replies)) {
        if (reply)
            reply->abort();
    }
    m_replies.clear();
    m_logs->abortAll();
    m_pending = 0;
    m_logsPending = 0;
    m_loading = false;
}

void SnapshotLoader::load(const QString& nameSpace, const Options& options)
{
    abort();
    m_cache = SnapshotCache(nameSpace);
    m_options = options;
    m_error.clear();
    m_loading = true;
    if (!m_client) {
        QTimer::singleShot(0, this, [this] { done(false, QStringLiteral("no connection to the cluster")); });
        return;
    }
    request(List::Pods, kube::ApiResource::pods().path(nameSpace));
    request(List::Deployments, kube::ApiResource::deployments().path(nameSpace));
    request(List::ReplicaSets, kube::ApiResource::replicaSets().path(nameSpace));
    if (options.services) {
        request(List::Services, kube::ApiResource::services().path(nameSpace));
        request(List::Endpoints, kube::ApiResource::endpoints().path(nameSpace));
    }
    if (options.events)
        request(List::Events, kube::ApiResource::events().path(nameSpace));
    if (options.nodes)
        request(List::Nodes, kube::ApiResource::nodes().path({}));
    if (options.metrics)
        request(List::Metrics, QStringLiteral("/apis/metrics.k8s.io/v1beta1/namespaces/%1/pods").arg(nameSpace));
}

void SnapshotLoader::request(List list, const QString& path)
{
    kube::KubeReply* reply = m_client->get(path);
    m_replies.append(reply);
    ++m_pending;
    connect(reply, &kube::KubeReply::finished, this, [this, list, reply] { onReply(list, reply); });
}

void SnapshotLoader::onReply(List list, kube::KubeReply* reply)
{
    if (reply->ok()) {
        const QList<QJsonObject> items = SnapshotCache::items(reply->json());
        switch (list) {
        case List::Pods:
            m_cache.setPods(items);
            break;
        case List::Deployments:
            m_cache.setDeployments(items);
            break;
        case List::ReplicaSets:
            m_cache.setReplicaSets(items);
            break;
        case List::Services:
            m_cache.setServices(items);
            break;
        case List::Endpoints:
            m_cache.setEndpoints(items);
            break;
        case List::Events:
            m_cache.setEvents(items);
            break;
        case List::Nodes:
            m_cache.setNodes(items);
            break;
        case List::Metrics:
            m_cache.setPodMetricsList(reply->body());
            break;
        }
    } else if (list == List::Metrics) {
        m_cache.setMetricsProblem(kube::MetricsPoller::describeError(reply->error()).message());
    } else if (list != List::Nodes && m_error.isEmpty()) {
        m_error = reply->error().message();
    }
    if (--m_pending > 0)
        return;
    m_replies.clear();
    listsDone();
}

void SnapshotLoader::listsDone()
{
    if (!m_error.isEmpty())
        return done(false, m_error);
    const QList<QPair<QString, QString>> wanted
        = m_options.previousLogs ? Diagnoser::logsWanted(m_cache) : QList<QPair<QString, QString>>();
    if (wanted.isEmpty())
        return done(true, {});
    m_logsPending = static_cast<int>(wanted.size());
    for (const auto& [pod, container] : wanted)
        m_logs->fetch(m_cache.nameSpace(), pod, container);
}

void SnapshotLoader::done(bool ok, const QString& error)
{
    m_loading = false;
    Q_EMIT finished(ok, error);
}

} // namespace quayside::diagnosis
