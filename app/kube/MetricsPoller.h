#pragma once

#include "kube/KubeError.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <cstdint>
#include <optional>

namespace quayside::kube {

class KubeClient;
class KubeReply;

// CPU and memory from metrics.k8s.io (metrics-server), polled every 15 s: metrics-server itself
// scrapes every 15-60 s, so polling faster only loads the API server. Pod usage is summed over the
// pod's containers; quantities are parsed exactly (Quantity).
//
// Without metrics-server the API answers 404 for the group: the poller reports
// "metrics-server is not enabled: minikube addons enable metrics-server" through unavailable() and
// keeps polling at the same pace, so enabling the addon shows numbers without a restart.
class MetricsPoller : public QObject
{
    Q_OBJECT
public:
    struct Usage
    {
        std::int64_t cpuMillicores = 0;
        std::int64_t memoryBytes = 0;
        QDateTime timestamp;
        QHash<QString, std::pair<std::int64_t, std::int64_t>> containers; // name -> (millicores, bytes)
    };

    static constexpr std::chrono::seconds kDefaultInterval { 15 };

    MetricsPoller(KubeClient* client, QString nameSpace, QObject* parent = nullptr);
    ~MetricsPoller() override;

    void setInterval(std::chrono::milliseconds interval);
    void setPollNodes(bool poll) { m_pollNodes = poll; }
    void start(); // polls now, then every interval
    void stop();
    void pollNow();

    bool hasData() const { return m_hasData; }
    bool isAvailable() const { return m_unavailable.isEmpty(); }
    const QString& unavailableReason() const { return m_unavailable; }
    std::optional<Usage> pod(const QString& name) const;
    std::optional<Usage> node(const QString& name) const;
    const QHash<QString, Usage>& pods() const { return m_pods; }
    const QHash<QString, Usage>& nodes() const { return m_nodes; }

    // Parses a PodMetricsList / NodeMetricsList body (exposed for tests).
    static QHash<QString, Usage> parse(const QByteArray& body);
    static QString notEnabledMessage();
    // A failed metrics.k8s.io request in words: 404 means metrics-server is not installed, 503 that it
    // has not scraped yet (also for one-shot readers such as the diagnosis snapshot).
    static KubeError describeError(const KubeError& error);

Q_SIGNALS:
    // A poll finished with data (pods and, when polled, nodes).
    void updated();
    void unavailable(const QString& message);

private:
    void onPodsFinished(KubeReply* reply);
    void onNodesFinished(KubeReply* reply);
    void finishPoll();

    KubeClient* m_client;
    QString m_nameSpace;
    QTimer m_timer;
    QPointer<KubeReply> m_podsReply;
    QPointer<KubeReply> m_nodesReply;
    QHash<QString, Usage> m_pods;
    QHash<QString, Usage> m_nodes;
    QString m_unavailable;
    bool m_pollNodes = true;
    bool m_hasData = false;
    bool m_pollOk = false;
};

} // namespace quayside::kube
