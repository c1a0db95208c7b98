#pragma once

#include "Admission.h"
#include "ApiHandler.h"
#include "ClusterSimulator.h"
#include "FakeApiServer.h"
#include "FaultInjector.h"
#include "LogGenerator.h"
#include "LogStream.h"
#include "ObjectStore.h"
#include "ResourceRegistry.h"
#include "WatchHub.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTemporaryDir>

#include <memory>

namespace quayside::test {

class ApiListener;
class CertificateAuthority;
class HttpConnection;
struct HttpRequest;

// Everything behind a FakeApiServer, created on the server's thread: the listener and connections,
// authentication, request recording, faults, and the components of the fake cluster. FakeApiServer
// only moves calls onto this thread.
class ServerCore : public QObject
{
    Q_OBJECT
public:
    explicit ServerCore(FakeApiServer* owner);
    ~ServerCore() override;

    bool start(const FakeApiServer::Options& options);
    void stop();
    bool isListening() const;
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }
    QUrl url() const;
    QString gitVersion() const;
    int kubernetesMinor() const { return m_options.kubernetesMinor; }
    const FakeApiServer::Options& options() const { return m_options; }
    const CertificateAuthority* certificates() const { return m_ca; }
    QString kubeconfigPath() const { return m_kubeconfigPath; }
    bool writeKubeconfig(const QString& path, const FakeApiServer::KubeconfigOptions& options);

    QDateTime now() const;
    qint64 nowNs() const;
    void advanceClock(qint64 milliseconds) { m_clockOffsetMs += milliseconds; }

    void addBearerToken(const QString& token, const QString& user, const QStringList& groups);
    void removeBearerToken(const QString& token) { m_tokens.remove(token); }

    QList<RecordedRequest> requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }
    void setRecordRequestBodies(bool record) { m_recordBodies = record; }
    FakeApiServer::Counters counters() const;

    void setExpiredWatchMode(FakeApiServer::ExpiredWatchMode mode) { m_expiredMode = mode; }
    FakeApiServer::ExpiredWatchMode expiredWatchMode() const { return m_expiredMode; }
    void setBookmarkInterval(int milliseconds);
    void setSplitLines(bool split);
    void setLogOptions(const FakeApiServer::LogOptions& options);
    FakeApiServer::LogOptions logOptions() const { return m_logOptions; }
    void setMetricsEnabled(bool enabled) { m_metricsEnabled = enabled; }
    bool metricsEnabled() const { return m_metricsEnabled; }

    // Streams started by ApiHandler.
    void startWatch(HttpConnection* connection, WatchStream* stream);
    void startLogStream(HttpConnection* connection, const LogStream::Request& request);

    FakeApiServer* owner() const { return m_owner; }

    ObjectStore store;
    ResourceRegistry registry;
    Admission admission { store };
    LogGenerator logs;
    ClusterSimulator simulator { store, registry, admission, logs };
    WatchHub hub;
    FaultInjector faults;
    ApiHandler api { *this };

private:
    void onNewConnection();
    void onRequest(HttpConnection* connection, const HttpRequest& request);
    void serve(HttpConnection* connection, const HttpRequest& request, qint64 sequence);
    RecordedRequest* recorded(qint64 sequence);

    FakeApiServer* m_owner;
    FakeApiServer::Options m_options;
    QString m_error;
    QPointer<ApiListener> m_listener;
    quint16 m_port = 0;
    const CertificateAuthority* m_ca = nullptr;
    std::unique_ptr<CertificateAuthority> m_ownCa;
    std::unique_ptr<QTemporaryDir> m_workDir;
    QString m_workDirectory;
    QString m_kubeconfigPath;
    qint64 m_clockOffsetMs = 0;
    QElapsedTimer m_epoch;
    qint64 m_epochNs = 0;
    struct Token
    {
        QString user;
        QStringList groups;
    };
    QHash<QString, Token> m_tokens;
    QList<RecordedRequest> m_requests;
    qint64 m_sequence = 0;
    bool m_recordBodies = true;
    FakeApiServer::Counters m_counters;
    QList<QPointer<HttpConnection>> m_connections;
    QList<QPointer<LogStream>> m_logStreams;
    LogStream::Settings m_logSettings;
    FakeApiServer::ExpiredWatchMode m_expiredMode = FakeApiServer::ExpiredWatchMode::ErrorEvent;
    FakeApiServer::LogOptions m_logOptions;
    bool m_metricsEnabled = true;
};

} // namespace quayside::test
