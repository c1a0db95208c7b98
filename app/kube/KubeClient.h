#pragma once

#include "core/Clock.h"
#include "kube/KubeError.h"
#include "kube/KubeReply.h"
#include "kube/KubeRequest.h"
#include "kube/RestConfig.h"
#include "kube/StreamReader.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QSslError>

#include <chrono>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace quayside {
class ToolRunner;
}

namespace quayside::kube {

class ExecCredentialProvider;

// Talks HTTPS to one API server as one user, with QNetworkAccessManager (the role of client-go's
// rest.RESTClient): TLS from the kubeconfig (cluster CA, client certificate, peer verification),
// bearer tokens (static, tokenFile, exec plugin), a deadline on every one-shot request, Status errors
// turned into the server's message and TLS / network failures into sentences a user can act on.
//
// Streams (watch, logs -f) are HTTP/1.1 and each holds a connection for its lifetime, while
// QNetworkAccessManager opens at most six connections per host. Streams are therefore spread over a
// pool of managers, six per manager, and one-shot requests have a manager of their own: a dashboard
// with six watches and a few log streams never starves a scale or a list.
//
// Everything is asynchronous; nothing here blocks or spins an event loop.
class KubeClient : public QObject
{
    Q_OBJECT
public:
    explicit KubeClient(RestConfig config, QObject* parent = nullptr);
    ~KubeClient() override;

    const RestConfig& config() const { return m_config; }
    const QString& nameSpace() const { return m_config.nameSpace; }

    // Exec credential plugins run through this runner (default: a ProcessToolRunner owned here).
    void setToolRunner(ToolRunner* runner);
    void setClock(const Clock* clock);
    const Clock& clock() const { return *m_clock; }
    void setDefaultTimeout(std::chrono::milliseconds timeout) { m_defaultTimeout = timeout; }

    KubeReply* send(KubeRequest request);
    // A streaming GET; request.timeout is the idle guard (zero: none).
    StreamReader* openStream(KubeRequest request);

    // Generic JSON operations (also for issue 5's `secrets apply`). Bodies are never logged.
    enum class PatchType { Merge, StrategicMerge, Json };
    KubeReply* get(const QString& path, const QUrlQuery& query = {});
    KubeReply* create(const QString& collectionPath, const QJsonObject& object);
    KubeReply* replace(const QString& path, const QJsonObject& object);
    KubeReply* patch(const QString& path, const QByteArray& body, PatchType type);
    KubeReply* patch(const QString& path, const QJsonObject& body, PatchType type);
    KubeReply* remove(const QString& path, const QJsonObject& deleteOptions = {});

    // Streams currently holding a connection (for tests and diagnostics).
    int activeStreams() const;

    // The user-facing sentence for a failed QNetworkReply (exposed for tests).
    KubeError describeNetworkError(QNetworkReply* reply, const QList<QSslError>& sslErrors, bool timedOut,
                                   std::chrono::milliseconds timeout) const;

private:
    using Prepared = std::function<void(const QNetworkRequest&, const KubeError&)>;
    void prepare(const KubeRequest& request, QObject* context, Prepared then);
    QNetworkRequest buildRequest(const KubeRequest& request, const QString& token, const QSslConfiguration& ssl) const;
    QNetworkReply* dispatch(QNetworkAccessManager* manager, const KubeRequest& request,
                            const QNetworkRequest& qrequest);
    KubeError checkClientCertificate(const QSslCertificate& certificate, const QString& description) const;
    QString readTokenFile(KubeError* error);
    QNetworkAccessManager* newManager();
    QNetworkAccessManager* acquireStreamManager();
    KubeError describeTlsErrors(const QList<QSslError>& errors) const;

    RestConfig m_config;
    const Clock* m_clock;
    std::unique_ptr<ToolRunner> m_ownRunner;
    ToolRunner* m_runner = nullptr;
    ExecCredentialProvider* m_exec = nullptr;
    QNetworkAccessManager* m_requests = nullptr;
    QHash<QNetworkAccessManager*, int> m_streamManagers; // manager -> streams it carries
    std::chrono::milliseconds m_defaultTimeout { 30'000 };
    QString m_fileToken;
    std::chrono::steady_clock::time_point m_fileTokenReadAt {};
    bool m_fileTokenRead = false;
};

} // namespace quayside::kube
