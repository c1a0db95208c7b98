#pragma once

#include "RecordedRequest.h"
#include "Scenario.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace quayside::test {

class ServerCore;

// A Kubernetes API server for tests, benchmarks and manual runs: HTTPS with client-certificate (or
// bearer-token) authentication, discovery, list/get/watch/create/replace/patch/delete of the core and
// apps kinds, the scale subresource, rollout restart, pod logs with follow, metrics.k8s.io, Table
// output for kubectl, and a simulated controller manager and kubelet (Deployment -> ReplicaSet ->
// Pods going Pending -> ContainerCreating -> Running). The real kubectl drives it (see
// KubectlAgainstFakeServerTest).
//
// Threading: the server lives on the thread that created it (or the thread it was moved to before
// its first use). Every public method may be called from any thread: called from another thread it
// runs on the server's thread and blocks until done (a blocking queued invocation). So a test can run
// the server on its own thread (FakeApiServerThread) and still call server->setDeploymentReplicas(...)
// from the test thread; that thread's event loop must keep running meanwhile. Signals are emitted on the server's
// thread: connect with a queued connection when the receiver lives elsewhere.
//
// Names: `resource` is the lower-case plural the URL uses ("pods", "deployments", "secrets",
// "persistentvolumeclaims"...); a namespace of "" means all namespaces (or a cluster-scoped kind).
class FakeApiServer : public QObject
{
    Q_OBJECT
public:
    // How a watch from a resourceVersion older than the history window fails. Both happen with a real
    // API server (HTTP 410 from the watch cache, an ERROR event from etcd); clients must handle both.
    enum class ExpiredWatchMode {
        ErrorEvent, // 200, then {"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired",...}}
        HttpStatus, // HTTP 410 Gone with a Status body before any event
    };

    // How dropWatchStreams() cuts the streams.
    enum class DropMode {
        BetweenEvents, // close the connection after a complete event line (no terminating chunk)
        MidChunk, // write half of a chunk (its size line announces more), then close
        MidLine, // write a complete chunk holding the first half of an event line, then close
    };

    struct Options
    {
        quint16 port = 0; // 0 = an ephemeral port; port() tells which
        bool tls = true; // false = plain HTTP (no client certificates; bearer tokens still work)
        bool requireAuthentication = true; // false = anonymous requests are served as system:anonymous
        QString workDirectory; // certificates and kubeconfig; empty = a private temporary directory
        QString kubeconfigPath; // empty = <workDirectory>/kubeconfig
        QString contextNamespace = QStringLiteral("default"); // the kubeconfig context's namespace
        // /version answers this; the kubectl dispatcher picks kubectl.1.<minor> from it (1.27-1.33).
        int kubernetesMinor = 33;
        // Reuse the CA and certificates made by an earlier server in this process (RSA key generation
        // with the openssl CLI costs ~1 s): every server still gets its own kubeconfig.
        bool reuseCertificates = true;
        Scenario scenario = Scenario::todoApp();
        quint64 randomSeed = 1; // pod name suffixes, uids and metrics are derived from it
        // How long ago the scenario was deployed (ages in `kubectl get`, for screenshots). Running
        // containers have logged LogOptions::linesPerSecond lines per second since then.
        int scenarioAgeSeconds = 0;
    };

    // Delays of the simulated kubelet and controllers, in milliseconds. 0 = the transition happens
    // within the same call (still as separate watch events: ADDED Pending, MODIFIED ContainerCreating,
    // MODIFIED Running), so a test sees a settled cluster right after scaleDeployment() returns.
    struct Timing
    {
        int scheduleMs = 0; // Pending (unscheduled) -> scheduled, ContainerCreating
        int startMs = 0; // ContainerCreating -> Running (and Ready)
        int terminationMs = 0; // Terminating (deletionTimestamp set) -> gone
        int crashLoopRestartMs = 10000; // a CrashLoop pod's container restarts this often
        // true = nothing moves by itself: transitions wait for advance() / settle().
        bool manual = false;
    };

    struct LogOptions
    {
        qint64 historyLines = 20; // lines a container has written when it becomes Running
        double linesPerSecond = 2; // further lines while running (follow streams see them); 0 = none
        int historyLineSpacingMs = 100; // timestamps of history lines, counted back from the start time
        // A follow stream writes lines as they are due; 0 here writes every due line at once.
        int followBatchMs = 20;
    };

    enum class KubeconfigCredentials {
        ClientCertificate, // client-certificate / client-key file paths, as minikube writes
        ExpiredClientCertificate, // a certificate from the server's CA whose validity ended in 2020
        ForeignClientCertificate, // a certificate from another CA: 401 Unauthorized
        BearerToken, // `token:` (addBearerToken is called for it)
        None, // no user credentials: 401 Unauthorized
    };

    struct KubeconfigOptions
    {
        KubeconfigCredentials credentials = KubeconfigCredentials::ClientCertificate;
        bool wrongCertificateAuthority = false; // certificate-authority: a CA that did not sign the server
        bool embedData = false; // *-data fields (base64 PEM) instead of file paths
        QString contextNamespace; // empty = Options::contextNamespace
        QString token; // for BearerToken; empty = a fresh token
    };

    explicit FakeApiServer(QObject* parent = nullptr);
    ~FakeApiServer() override;

    FakeApiServer(const FakeApiServer&) = delete;
    FakeApiServer& operator=(const FakeApiServer&) = delete;

    // Makes the certificates, writes the kubeconfig, loads the scenario and listens on 127.0.0.1.
    // False with errorString() on failure (openssl missing, port taken...).
    bool start(const Options& options);
    bool start(); // default Options: the todo-app scenario on an ephemeral port
    void stop(); // closes every connection; the store is kept until destruction
    bool isListening() const;
    QString errorString() const;

    // --- Where it is -------------------------------------------------------------------------
    quint16 port() const;
    QUrl url() const; // https://127.0.0.1:<port>
    QString kubeconfigPath() const; // the kubeconfig start() wrote
    QString caCertificatePath() const;
    QString clientCertificatePath() const; // CN minikube-user, O system:masters
    QString clientKeyPath() const; // PKCS#1 RSA, mode 0600
    QString expiredClientCertificatePath() const; // same CA, notAfter in 2020; key: expiredClientKeyPath()
    QString expiredClientKeyPath() const;
    QString foreignCaCertificatePath() const; // a CA that signed nothing this server trusts
    QString foreignClientCertificatePath() const; // signed by the foreign CA
    QString foreignClientKeyPath() const;
    QSslCertificate caCertificate() const;
    QString gitVersion() const; // "v1.33.1"
    // Writes another kubeconfig (minikube's shape) with the given credentials; returns false on I/O error.
    bool writeKubeconfig(const QString& path, const KubeconfigOptions& options) const;
    bool writeKubeconfig(const QString& path) const; // client certificate, like start() writes

    // --- Authentication ----------------------------------------------------------------------
    void addBearerToken(const QString& token, const QString& user = QStringLiteral("test-user"),
                        const QStringList& groups = { QStringLiteral("system:masters") });
    void removeBearerToken(const QString& token);

    // --- Truth, for assertions ---------------------------------------------------------------
    // Current objects, as the API would serve them, sorted by namespace then name.
    QList<QJsonObject> objects(const QString& resource, const QString& ns = QString()) const;
    std::optional<QJsonObject> object(const QString& resource, const QString& ns, const QString& name) const;
    QList<QJsonObject> pods(const QString& ns = QString()) const;
    // Pods of a namespace matching a label selector ("app=backend"), optionally only those Running
    // and not Terminating.
    QList<QJsonObject> podsMatching(const QString& ns, const QString& labelSelector, bool runningOnly = false) const;
    QString resourceVersion() const; // the latest resourceVersion handed out
    QString oldestWatchableResourceVersion() const; // a watch from an older one gets 410

    QList<RecordedRequest> requests() const;
    // Requests whose method matches (empty = any) and whose path contains pathContains.
    QList<RecordedRequest> requestsMatching(const QString& method, const QString& pathContains) const;
    void clearRequests();
    void setRecordRequestBodies(bool record); // default true; benchmarks turn it off

    struct Counters
    {
        qint64 connectionsAccepted = 0;
        qint64 requests = 0;
        qint64 watchesStarted = 0;
        qint64 watchEventsSent = 0;
        qint64 bookmarksSent = 0;
        qint64 logStreamsStarted = 0;
        qint64 logLinesSent = 0;
        qint64 faultsInjected = 0;
        int openWatches = 0;
        int openLogStreams = 0;
        int openConnections = 0;
    };
    Counters counters() const;

    // --- Changing the truth directly ---------------------------------------------------------
    // Creates or replaces; the JSON needs kind, apiVersion, metadata.name (and namespace if namespaced).
    // Controllers react (a Deployment gets its ReplicaSet and pods). Returns the stored object.
    QJsonObject applyObject(const QJsonObject& manifest);
    bool deleteObject(const QString& resource, const QString& ns, const QString& name);
    QJsonObject addPod(const QJsonObject& pod); // a bare pod; scheduled and started like any other
    // graceful = Terminating for Timing::terminationMs first (the ReplicaSet replaces it at once).
    bool deletePod(const QString& ns, const QString& name, bool graceful = true);
    // Each top-level key of `status` replaces the pod's (a null value removes it); the kubelet
    // simulation leaves a pod whose status was set this way alone until setPodBehaviour() is called.
    bool setPodStatus(const QString& ns, const QString& name, const QJsonObject& status);
    bool setPodBehaviour(const QString& ns, const QString& name, PodBehaviour behaviour);
    // Pods created from now on with this image behave so (e.g. ErrImageNeverPull for an image that
    // was never loaded into minikube). PodBehaviour::Normal removes the rule.
    void setImageBehaviour(const QString& image, PodBehaviour behaviour);
    bool setDeploymentReplicas(const QString& ns, const QString& name, int replicas);
    // What `kubectl rollout restart` causes: the restartedAt annotation, a new ReplicaSet and pods.
    bool restartDeployment(const QString& ns, const QString& name);

    // --- Time and the simulation -------------------------------------------------------------
    void setTiming(const Timing& timing);
    Timing timing() const;
    // Performs every scheduled transition that is due now; with Timing::manual, every scheduled
    // transition regardless of its delay, one step each (a pod moves Pending -> ContainerCreating).
    // Returns how many transitions happened.
    int advance();
    // advance() until nothing is left to do (bounded); returns the number of transitions.
    int settle();
    // Moves the server's clock (ages, log timestamps, metrics) forward without waiting.
    void advanceClock(qint64 milliseconds);

    // --- Watch controls ----------------------------------------------------------------------
    void setExpiredWatchMode(ExpiredWatchMode mode); // default ErrorEvent
    void setHistoryWindow(int events); // events kept for watches to resume from; default 10,000
    void expireHistory(); // compact: every resourceVersion older than the current one gets 410
    void setBookmarkInterval(int milliseconds); // 0 = never on a timer (default 60,000 like the real one)
    void sendBookmarks(); // a BOOKMARK now on every watch that allowed bookmarks
    void dropWatchStreams(DropMode mode = DropMode::BetweenEvents);
    // true = every watch event and log line is written as two chunks, split inside the line, so a
    // client's carry-over of a partial line is exercised.
    void setSplitLinesAcrossChunks(bool split);

    // --- Faults ------------------------------------------------------------------------------
    // The next `count` requests whose path contains pathContains (empty = any) are answered with
    // `httpStatus` (500 InternalError, 429 TooManyRequests with Retry-After, 503, 504...) and a Status.
    // A trailing '$' in pathContains matches the end of the path only ("/api/v1/namespaces$").
    void failNextRequests(int count, int httpStatus = 500, const QString& pathContains = QString(),
                          int retryAfterSeconds = 1);
    void setLatency(int milliseconds); // added before every answer (streams: before the headers)
    void clearFaults(); // failures, latency, splitting

    // --- Logs and metrics --------------------------------------------------------------------
    void setLogOptions(const LogOptions& options);
    LogOptions logOptions() const;
    // The exact text of line `index` (0-based) of a container's current log, without timestamp, so
    // tests can compare what a client shows with what was served.
    QString logLine(const QString& ns, const QString& pod, const QString& container, qint64 index) const;
    void setMetricsEnabled(bool enabled); // false: metrics.k8s.io absent from /apis and 404
    bool metricsEnabled() const;

    // --- Load --------------------------------------------------------------------------------
    // A timer modifies pods round-robin (annotation quayside.test/heartbeat) so watchers receive
    // `perSecond` MODIFIED events per second; 0 stops it. ns empty = all namespaces.
    void setModifiedEventsPerSecond(double perSecond, const QString& ns = QString());
    // Emits `count` MODIFIED pod events right now (one resourceVersion each).
    void generateModifiedEvents(int count, const QString& ns = QString());

Q_SIGNALS:
    // Emitted on the server's thread after every answered request (after the headers for streams).
    void requestServed(const QString& method, const QString& path, int status);
    // Something in the store changed (resource like "pods", type ADDED/MODIFIED/DELETED).
    void objectChanged(const QString& resource, const QString& ns, const QString& name, const QString& type);

private:
    template<typename F> auto onServerThread(F&& function) const;

    std::unique_ptr<ServerCore> m_core;
};

} // namespace quayside::test
