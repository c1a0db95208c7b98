#include "ServerCore.h"

#include "ApiListener.h"
#include "CertificateAuthority.h"
#include "HttpConnection.h"
#include "KubeconfigWriter.h"

#include <QDir>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QTimer>

namespace quayside::test {

namespace {

constexpr qsizetype maxRecordedRequests = 100000;

QString patchVersionFor(int minor)
{
    // The newest patch releases at the time of writing, so /version looks like a real cluster's.
    switch (minor) {
    case 27:
        return QStringLiteral("v1.27.16");
    case 28:
        return QStringLiteral("v1.28.15");
    case 29:
        return QStringLiteral("v1.29.14");
    case 30:
        return QStringLiteral("v1.30.13");
    case 31:
        return QStringLiteral("v1.31.9");
    case 32:
        return QStringLiteral("v1.32.5");
    case 33:
        return QStringLiteral("v1.33.1");
    default:
        return QStringLiteral("v1.%1.0").arg(minor);
    }
}

bool isPublicPath(const QString& path)
{
    return path == QLatin1String("/version") || path == QLatin1String("/healthz") || path == QLatin1String("/livez")
        || path == QLatin1String("/readyz");
}

} // namespace

ServerCore::ServerCore(FakeApiServer* owner)
    : m_owner(owner)
{
    m_epoch.start();
    m_epochNs = QDateTime::currentMSecsSinceEpoch() * 1000000LL;
    store.setClock([this] { return now(); });
    connect(&store, &ObjectStore::changed, &hub, &WatchHub::dispatch);
    connect(&store, &ObjectStore::changed, this, [this](const StoredEvent& event) {
        Q_EMIT m_owner->objectChanged(event.resource, event.ns, event.name, event.type);
    });
    hub.settings().clock = [this] { return now(); };
    hub.settings().eventsSent = &m_counters.watchEventsSent;
    hub.settings().bookmarksSent = &m_counters.bookmarksSent;
    hub.setBookmarkInterval(60000, [this] { return store.resourceVersion(); });
    m_logSettings.nowNs = [this] { return nowNs(); };
    m_logSettings.linesSent = &m_counters.logLinesSent;
    setLogOptions(m_logOptions);
}

ServerCore::~ServerCore()
{
    stop();
}

QDateTime ServerCore::now() const
{
    return QDateTime::fromMSecsSinceEpoch(nowNs() / 1000000LL, Qt::UTC);
}

qint64 ServerCore::nowNs() const
{
    // A monotonic clock anchored at the wall clock once: log line timestamps never go backwards.
    return m_epochNs + m_epoch.nsecsElapsed() + m_clockOffsetMs * 1000000LL;
}

QString ServerCore::gitVersion() const
{
    return patchVersionFor(m_options.kubernetesMinor);
}

QUrl ServerCore::url() const
{
    QUrl url;
    url.setScheme(m_options.tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

bool ServerCore::isListening() const
{
    return m_listener && m_listener->isListening();
}

bool ServerCore::start(const FakeApiServer::Options& options)
{
    if (isListening()) {
        m_error = QStringLiteral("already started");
        return false;
    }
    m_options = options;
    m_error.clear();
    if (options.workDirectory.isEmpty()) {
        m_workDir
            = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/quayside-fake-apiserver-XXXXXX"));
        if (!m_workDir->isValid()) {
            m_error = QStringLiteral("cannot create a temporary directory: %1").arg(m_workDir->errorString());
            return false;
        }
        m_workDirectory = m_workDir->path();
    } else {
        m_workDirectory = QDir(options.workDirectory).absolutePath();
        QDir().mkpath(m_workDirectory);
    }
    if (options.reuseCertificates) {
        m_ca = CertificateAuthority::shared(&m_error);
    } else {
        m_ownCa = std::make_unique<CertificateAuthority>();
        m_ca = m_ownCa->generate(m_workDirectory + QStringLiteral("/pki"), &m_error) ? m_ownCa.get() : nullptr;
    }
    if (!m_ca)
        return false;

    auto* listener = new ApiListener(this);
    if (options.tls) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(m_ca->serverCertificate());
        tls.setPrivateKey(m_ca->serverKey());
        tls.setCaCertificates({ m_ca->caCertificate() });
        tls.setPeerVerifyMode(QSslSocket::QueryPeer);
        tls.setProtocol(QSsl::TlsV1_2OrLater);
        listener->setTls(tls);
    }
    connect(listener, &QTcpServer::newConnection, this, &ServerCore::onNewConnection);
    if (!listener->listen(QHostAddress::LocalHost, options.port)) {
        m_error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(options.port).arg(listener->errorString());
        delete listener;
        return false;
    }
    m_listener = listener;
    m_port = listener->serverPort();

    store.setSeed(options.randomSeed);
    admission.setSeed(options.randomSeed + 1);
    simulator.setSeed(options.randomSeed + 2);
    simulator.setKubeletVersion(gitVersion());
    m_clockOffsetMs -= options.scenarioAgeSeconds * 1000LL;
    simulator.loadScenario(options.scenario);
    m_clockOffsetMs += options.scenarioAgeSeconds * 1000LL;
    store.compact();

    m_kubeconfigPath
        = options.kubeconfigPath.isEmpty() ? m_workDirectory + QStringLiteral("/kubeconfig") : options.kubeconfigPath;
    if (!writeKubeconfig(m_kubeconfigPath, FakeApiServer::KubeconfigOptions())) {
        m_error = QStringLiteral("cannot write the kubeconfig %1").arg(m_kubeconfigPath);
        stop();
        return false;
    }
    return true;
}

void ServerCore::stop()
{
    hub.closeAll();
    const QList<QPointer<LogStream>> streams = m_logStreams;
    for (const QPointer<LogStream>& stream : streams) {
        if (stream)
            stream->stop();
    }
    if (m_listener) {
        m_listener->close();
        delete m_listener;
    }
    const QList<QPointer<HttpConnection>> connections = m_connections;
    for (const QPointer<HttpConnection>& connection : connections) {
        if (connection)
            connection->abort();
    }
    for (const QPointer<HttpConnection>& connection : connections)
        delete connection.data();
    m_connections.clear();
}

bool ServerCore::writeKubeconfig(const QString& path, const FakeApiServer::KubeconfigOptions& options)
{
    if (!m_ca)
        return false;
    KubeconfigWriter::Content content;
    content.server = url().toString();
    content.certificateAuthorityPath
        = options.wrongCertificateAuthority ? m_ca->foreignCaCertificatePath() : m_ca->caCertificatePath();
    content.contextNamespace
        = options.contextNamespace.isEmpty() ? m_options.contextNamespace : options.contextNamespace;
    content.embedData = options.embedData;
    switch (options.credentials) {
    case FakeApiServer::KubeconfigCredentials::ClientCertificate:
        content.clientCertificatePath = m_ca->clientCertificatePath();
        content.clientKeyPath = m_ca->clientKeyPath();
        break;
    case FakeApiServer::KubeconfigCredentials::ExpiredClientCertificate:
        content.clientCertificatePath = m_ca->expiredClientCertificatePath();
        content.clientKeyPath = m_ca->expiredClientKeyPath();
        break;
    case FakeApiServer::KubeconfigCredentials::ForeignClientCertificate:
        content.clientCertificatePath = m_ca->foreignClientCertificatePath();
        content.clientKeyPath = m_ca->foreignClientKeyPath();
        break;
    case FakeApiServer::KubeconfigCredentials::BearerToken: {
        QString token = options.token;
        if (token.isEmpty()) {
            token = QStringLiteral("quayside-test-token-%1")
                        .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
        }
        addBearerToken(token, QStringLiteral("test-user"), { QStringLiteral("system:masters") });
        content.token = token;
        break;
    }
    case FakeApiServer::KubeconfigCredentials::None:
        break;
    }
    return KubeconfigWriter::write(path, content);
}

void ServerCore::addBearerToken(const QString& token, const QString& user, const QStringList& groups)
{
    m_tokens.insert(token, { user, groups });
}

FakeApiServer::Counters ServerCore::counters() const
{
    FakeApiServer::Counters counters = m_counters;
    counters.openWatches = hub.openCount();
    counters.openLogStreams = 0;
    for (const QPointer<LogStream>& stream : m_logStreams) {
        if (stream)
            ++counters.openLogStreams;
    }
    counters.openConnections = 0;
    for (const QPointer<HttpConnection>& connection : m_connections) {
        if (connection && connection->isOpen())
            ++counters.openConnections;
    }
    return counters;
}

void ServerCore::setBookmarkInterval(int milliseconds)
{
    hub.setBookmarkInterval(milliseconds, [this] { return store.resourceVersion(); });
}

void ServerCore::setSplitLines(bool split)
{
    hub.settings().splitLines = split;
    m_logSettings.splitLines = split;
}

void ServerCore::setLogOptions(const FakeApiServer::LogOptions& options)
{
    m_logOptions = options;
    LogGenerator::Options generatorOptions;
    generatorOptions.historyLines = options.historyLines;
    generatorOptions.linesPerSecond = options.linesPerSecond;
    generatorOptions.historyLineSpacingMs = options.historyLineSpacingMs;
    logs.setOptions(generatorOptions, nowNs());
}

void ServerCore::onNewConnection()
{
    while (m_listener && m_listener->hasPendingConnections()) {
        QTcpSocket* socket = m_listener->nextPendingConnection();
        auto* connection = new HttpConnection(socket, this);
        ++m_counters.connectionsAccepted;
        m_connections.append(connection);
        connect(connection, &HttpConnection::requestReceived, this,
                [this, connection](const HttpRequest& request) { onRequest(connection, request); });
        connect(connection, &HttpConnection::closed, this, [this, connection] {
            m_connections.removeAll(connection);
            connection->deleteLater();
        });
    }
}

RecordedRequest* ServerCore::recorded(qint64 sequence)
{
    for (qsizetype i = m_requests.size() - 1; i >= 0; --i) {
        if (m_requests[i].sequence == sequence)
            return &m_requests[i];
    }
    return nullptr;
}

void ServerCore::onRequest(HttpConnection* connection, const HttpRequest& request)
{
    ++m_counters.requests;
    RecordedRequest record;
    record.sequence = ++m_sequence;
    record.receivedAt = now();
    record.method = QString::fromLatin1(request.method);
    record.path = request.path;
    record.query = request.query;
    record.rawQuery = request.rawQuery;
    record.contentType = request.header("content-type");
    record.accept = request.header("accept");
    record.userAgent = request.header("user-agent");
    if (m_recordBodies)
        record.body = request.body;
    record.headers = request.headers;
    record.watch = request.queryFlag(QStringLiteral("watch"));

    // Authentication as kube-apiserver chains it: a valid client certificate wins, then a bearer
    // token; presented-but-invalid credentials are a 401 even where anonymous access would do.
    const QSslCertificate certificate = connection->peerCertificate();
    const QByteArray authorization = request.header("authorization");
    if (authorization.startsWith("Bearer "))
        record.bearerToken = authorization.mid(7).trimmed();
    QString reason;
    if (!certificate.isNull()) {
        record.clientCertificateCommonName = certificate.subjectInfo(QSslCertificate::CommonName).value(0);
        if (m_ca && m_ca->isTrustedClientCertificate(certificate, &reason)) {
            record.auth = RecordedRequest::Auth::ClientCertificate;
            record.user = record.clientCertificateCommonName;
            record.groups = certificate.subjectInfo(QSslCertificate::Organization);
        }
    }
    if (record.auth == RecordedRequest::Auth::None && !record.bearerToken.isEmpty()) {
        const auto token = m_tokens.constFind(QString::fromUtf8(record.bearerToken));
        if (token != m_tokens.constEnd()) {
            record.auth = RecordedRequest::Auth::BearerToken;
            record.user = token->user;
            record.groups = token->groups;
        }
    }
    if (record.auth == RecordedRequest::Auth::None && (!certificate.isNull() || !record.bearerToken.isEmpty()))
        record.auth = RecordedRequest::Auth::Rejected;
    m_requests.append(record);
    if (m_requests.size() > maxRecordedRequests)
        m_requests.removeFirst();

    const qint64 sequence = record.sequence;
    const int latency = faults.latency();
    if (latency > 0) {
        QTimer::singleShot(latency, connection,
                           [this, connection, request, sequence] { serve(connection, request, sequence); });
        return;
    }
    serve(connection, request, sequence);
}

void ServerCore::serve(HttpConnection* connection, const HttpRequest& request, qint64 sequence)
{
    RecordedRequest* record = recorded(sequence);
    const RecordedRequest::Auth auth = record ? record->auth : RecordedRequest::Auth::None;
    int status = 0;
    const bool anonymousAllowed = !m_options.requireAuthentication || isPublicPath(request.path);
    if (auth == RecordedRequest::Auth::Rejected || (auth == RecordedRequest::Auth::None && !anonymousAllowed)) {
        status = ApiHandler::send(connection, ApiStatus::unauthorized());
    } else if (const auto failure = faults.take(request.path)) {
        ++m_counters.faultsInjected;
        if (record)
            record->injectedFault = true;
        ApiStatus injected = failure->httpStatus == 429 ? ApiStatus::tooManyRequests(failure->retryAfterSeconds)
            : failure->httpStatus == 500
            ? ApiStatus::internalError(QStringLiteral("injected by the test"))
            : ApiStatus(failure->httpStatus, QStringLiteral("ServiceUnavailable"),
                        QStringLiteral("the server is currently unable to handle the request"));
        HttpConnection::Headers headers;
        if (failure->httpStatus == 429 || failure->httpStatus == 503)
            headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(failure->retryAfterSeconds)));
        connection->sendResponse(injected.code(), "application/json", injected.toBytes(), headers);
        status = injected.code();
    } else {
        status = api.handle(connection, request);
    }
    if ((record = recorded(sequence)))
        record->status = status;
    Q_EMIT m_owner->requestServed(QString::fromLatin1(request.method), request.path, status);
}

void ServerCore::startWatch(HttpConnection* connection, WatchStream* stream)
{
    Q_UNUSED(connection)
    ++m_counters.watchesStarted;
    hub.add(stream);
    stream->begin();
}

void ServerCore::startLogStream(HttpConnection* connection, const LogStream::Request& request)
{
    ++m_counters.logStreamsStarted;
    auto* stream = new LogStream(connection, logs, request, &m_logSettings, this);
    m_logStreams.append(stream);
    connect(stream, &LogStream::finished, this, [this, stream] {
        m_logStreams.removeAll(stream);
        stream->deleteLater();
    });
    stream->start();
}

} // namespace quayside::test
