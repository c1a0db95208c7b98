#pragma once

#include "pipeline/PipelineStep.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;

namespace quayside::kube {
class KubeReply;
}

namespace quayside {

// How users reach the app: the URL (minikube's IP and the Service's NodePort, or `minikube service
// --url` where the driver needs a tunnel), then the profile's health checks against it, retried for a
// while because a just-ready pod can still be warming up.
class AccessStep final : public PipelineStep
{
    Q_OBJECT
public:
    explicit AccessStep(PipelineContext* context, QObject* parent = nullptr);
    ~AccessStep() override;
    QList<CommandPreview::Line> preview() const override;

    // Whether `minikube service --url` is needed: the docker driver on macOS and Windows runs the node
    // in a VM whose IP the host cannot route to.
    static bool needsTunnel(const QString& driver);

protected:
    void run() override;
    void abort() override;

private:
    void useNodePort();
    void useMinikubeService();
    void onIp(const QString& ip);
    void haveUrl(const QString& url);
    void runHealthCheck(int index);
    void finishChecks();

    QNetworkAccessManager* m_network = nullptr;
    QPointer<QNetworkReply> m_httpReply;
    QPointer<kube::KubeReply> m_serviceReply;
    QTimer m_retryTimer;
    QElapsedTimer m_checkTimer;
    int m_check = 0;
    QStringList m_results;
    QString m_lastProblem;
};

} // namespace quayside
