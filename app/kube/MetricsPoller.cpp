#include "kube/MetricsPoller.h"

#include "kube/KubeClient.h"
#include "kube/KubeReply.h"
#include "kube/PodSummary.h"
#include "kube/Quantity.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace quayside::kube {

MetricsPoller::MetricsPoller(KubeClient* client, QString nameSpace, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_nameSpace(std::move(nameSpace))
{
    m_timer.setInterval(kDefaultInterval);
    connect(&m_timer, &QTimer::timeout, this, &MetricsPoller::pollNow);
}

MetricsPoller::~MetricsPoller()
{
    stop();
}

QString MetricsPoller::notEnabledMessage()
{
    return QStringLiteral("metrics-server is not enabled: minikube addons enable metrics-server");
}

void MetricsPoller::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void MetricsPoller::start()
{
    m_timer.start();
    pollNow();
}

void MetricsPoller::stop()
{
    m_timer.stop();
    if (m_podsReply)
        m_podsReply->abort();
    if (m_nodesReply)
        m_nodesReply->abort();
}

void MetricsPoller::pollNow()
{
    if (m_podsReply || m_nodesReply)
        return; // the previous poll is still out: never pile requests up
    m_pollOk = true;
    KubeReply* pods = m_client->get(QStringLiteral("/apis/metrics.k8s.io/v1beta1/namespaces/%1/pods").arg(m_nameSpace));
    m_podsReply = pods;
    connect(pods, &KubeReply::finished, this, [this, pods] { onPodsFinished(pods); });
    if (m_pollNodes) {
        KubeReply* nodes = m_client->get(QStringLiteral("/apis/metrics.k8s.io/v1beta1/nodes"));
        m_nodesReply = nodes;
        connect(nodes, &KubeReply::finished, this, [this, nodes] { onNodesFinished(nodes); });
    }
}

KubeError MetricsPoller::describeError(const KubeError& error)
{
    if (error.httpStatus() == 404)
        return KubeError(KubeError::Kind::Status, notEnabledMessage(), 404, error.reason());
    if (error.httpStatus() == 503)
        return KubeError(
            KubeError::Kind::Status,
            QStringLiteral("metrics-server is not ready yet (the metrics API answered 503); it reports after its first "
                           "scrape, within a minute"),
            503, error.reason());
    return error;
}

void MetricsPoller::onPodsFinished(KubeReply* reply)
{
    m_podsReply = nullptr;
    if (reply->ok()) {
        m_pods = parse(reply->body());
    } else {
        m_pollOk = false;
        const KubeError error = describeError(reply->error());
        const bool changed = m_unavailable != error.message();
        m_unavailable = error.message();
        m_pods.clear();
        if (changed)
            Q_EMIT unavailable(m_unavailable);
    }
    finishPoll();
}

void MetricsPoller::onNodesFinished(KubeReply* reply)
{
    m_nodesReply = nullptr;
    // Node metrics may be forbidden to a namespaced user while pod metrics work: not an outage.
    if (reply->ok())
        m_nodes = parse(reply->body());
    else
        m_nodes.clear();
    finishPoll();
}

void MetricsPoller::finishPoll()
{
    if (m_podsReply || m_nodesReply)
        return;
    if (!m_pollOk)
        return;
    m_unavailable.clear();
    m_hasData = true;
    Q_EMIT updated();
}

std::optional<MetricsPoller::Usage> MetricsPoller::pod(const QString& name) const
{
    const auto it = m_pods.constFind(name);
    if (it == m_pods.cend())
        return std::nullopt;
    return *it;
}

std::optional<MetricsPoller::Usage> MetricsPoller::node(const QString& name) const
{
    const auto it = m_nodes.constFind(name);
    if (it == m_nodes.cend())
        return std::nullopt;
    return *it;
}

QHash<QString, MetricsPoller::Usage> MetricsPoller::parse(const QByteArray& body)
{
    QHash<QString, Usage> result;
    const QJsonArray items = QJsonDocument::fromJson(body).object().value(QLatin1String("items")).toArray();
    for (const QJsonValue& v : items) {
        const QJsonObject item = v.toObject();
        const QString name = item.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
        Usage usage;
        usage.timestamp = PodSummary::parseTime(item.value(QLatin1String("timestamp")).toString());
        const auto add = [&usage](const QJsonObject& values, const QString& container) {
            const std::int64_t cpu = Quantity::parseOrZero(values.value(QLatin1String("cpu")).toString()).milliValue();
            const std::int64_t memory = Quantity::parseOrZero(values.value(QLatin1String("memory")).toString()).value();
            usage.cpuMillicores = Quantity::add(usage.cpuMillicores, cpu); // saturating, never wrapping
            usage.memoryBytes = Quantity::add(usage.memoryBytes, memory);
            if (!container.isEmpty())
                usage.containers.insert(container, { cpu, memory });
        };
        if (item.contains(QLatin1String("containers"))) {
            for (const QJsonValue& c : item.value(QLatin1String("containers")).toArray()) {
                const QJsonObject container = c.toObject();
                add(container.value(QLatin1String("usage")).toObject(),
                    container.value(QLatin1String("name")).toString());
            }
        } else {
            add(item.value(QLatin1String("usage")).toObject(), {}); // NodeMetrics
        }
        result.insert(name, usage);
    }
    return result;
}

} // namespace quayside::kube
