#include "kube/KubeClient.h"

#include "core/Log.h"
#include "core/Redactor.h"
#include "kube/ExecCredentialProvider.h"
#include "process/ProcessToolRunner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSysInfo>
#include <QTimer>

namespace quayside::kube {

namespace {

constexpr int kStreamsPerManager = 6; // QNetworkAccessManager's HTTP/1.1 connections per host
// client-go's cachingTokenSource re-reads a tokenFile at most once a minute (projected tokens rotate).
constexpr std::chrono::minutes kTokenFileRefresh { 1 };

QByteArray userAgent()
{
    static const QByteArray agent = QByteArrayLiteral("quayside/") + QCoreApplication::applicationVersion().toLatin1()
        + QByteArrayLiteral(" (") + QSysInfo::kernelType().toLatin1() + QByteArrayLiteral("/")
        + QSysInfo::currentCpuArchitecture().toLatin1() + QByteArrayLiteral(")");
    return agent;
}

QString dateText(const QDateTime& when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

} // namespace

KubeClient::KubeClient(RestConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(&Clock::instance())
{
    m_requests = newManager();
    if (!m_config.bearerToken.isEmpty())
        Redactor::instance().registerSecret(m_config.bearerToken);
}

KubeClient::~KubeClient() = default;

void KubeClient::setToolRunner(ToolRunner* runner)
{
    m_runner = runner;
    delete m_exec;
    m_exec = nullptr;
}

void KubeClient::setClock(const Clock* clock)
{
    m_clock = clock ? clock : &Clock::instance();
    delete m_exec;
    m_exec = nullptr;
}

QNetworkAccessManager* KubeClient::newManager()
{
    auto* manager = new QNetworkAccessManager(this);
    manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    return manager;
}

QNetworkAccessManager* KubeClient::acquireStreamManager()
{
    for (auto it = m_streamManagers.begin(); it != m_streamManagers.end(); ++it) {
        if (it.value() < kStreamsPerManager) {
            ++it.value();
            return it.key();
        }
    }
    QNetworkAccessManager* manager = newManager();
    m_streamManagers.insert(manager, 1);
    return manager;
}

int KubeClient::activeStreams() const
{
    int total = 0;
    for (const int count : m_streamManagers)
        total += count;
    return total;
}

KubeError KubeClient::checkClientCertificate(const QSslCertificate& certificate, const QString& description) const
{
    // The server's TLS alert for an expired client certificate reaches Qt as a bare handshake failure;
    // checking first lets us say what is wrong and what to do.
    if (certificate.isNull())
        return {};
    const QDateTime now = m_clock->now();
    QString where = description;
    if (!m_config.userSource.isEmpty())
        where += QStringLiteral(" in ") + m_config.userSource;
    if (certificate.expiryDate().isValid() && now > certificate.expiryDate())
        return KubeError(KubeError::Kind::Tls,
                         QStringLiteral("client certificate expired on %1 (%2); minikube renews it on `minikube start`")
                             .arg(dateText(certificate.expiryDate()), where));
    if (certificate.effectiveDate().isValid() && now < certificate.effectiveDate())
        return KubeError(
            KubeError::Kind::Tls,
            QStringLiteral("client certificate is not valid before %1 (%2); is this computer's clock right?")
                .arg(dateText(certificate.effectiveDate()), where));
    return {};
}

QString KubeClient::readTokenFile(KubeError* error)
{
    const auto now = m_clock->steadyNow();
    if (m_fileTokenRead && now - m_fileTokenReadAt < kTokenFileRefresh)
        return m_fileToken;
    QFile file(m_config.tokenFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = KubeError(KubeError::Kind::Config,
                           QStringLiteral("%1: user \"%2\": tokenFile: cannot read %3: %4")
                               .arg(m_config.userSource, m_config.userName, m_config.tokenFile, file.errorString()));
        return {};
    }
    m_fileToken = QString::fromUtf8(file.read(64 * 1024)).trimmed();
    m_fileTokenRead = true;
    m_fileTokenReadAt = now;
    Redactor::instance().registerSecret(m_fileToken);
    return m_fileToken;
}

void KubeClient::prepare(const KubeRequest& request, QObject* context, Prepared then)
{
    QSslConfiguration ssl = m_config.sslConfiguration();
    if (KubeError error = checkClientCertificate(m_config.clientCertificate, m_config.clientCertificateDescription);
        error.isError()) {
        then({}, error);
        return;
    }
    if (m_config.exec) {
        if (!m_exec) {
            if (!m_runner) {
                m_ownRunner = std::make_unique<ProcessToolRunner>();
                m_runner = m_ownRunner.get();
            }
            m_exec = new ExecCredentialProvider(m_config, m_runner, m_clock, this);
        }
        m_exec->obtain(context,
                       [this, request, ssl, then = std::move(then)](
                           const ExecCredentialProvider::Credential& credential, const KubeError& error) mutable {
                           if (error.isError()) {
                               then({}, error);
                               return;
                           }
                           if (!credential.clientCertificate.isNull()) {
                               if (KubeError certError
                                   = checkClientCertificate(credential.clientCertificate,
                                                            QStringLiteral("client certificate from the exec plugin"));
                                   certError.isError()) {
                                   then({}, certError);
                                   return;
                               }
                               ssl.setLocalCertificate(credential.clientCertificate);
                               ssl.setPrivateKey(credential.clientKey);
                           }
                           then(buildRequest(request, credential.token, ssl), {});
                       });
        return;
    }
    QString token = m_config.bearerToken;
    if (token.isEmpty() && !m_config.tokenFile.isEmpty()) {
        KubeError error;
        token = readTokenFile(&error);
        if (error.isError()) {
            then({}, error);
            return;
        }
    }
    then(buildRequest(request, token, ssl), {});
}

QNetworkRequest KubeClient::buildRequest(const KubeRequest& request, const QString& token,
                                         const QSslConfiguration& ssl) const
{
    QUrl url = m_config.server;
    QString base = url.path(QUrl::FullyEncoded);
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + request.path, QUrl::TolerantMode);
    url.setQuery(request.query);
    QNetworkRequest qrequest(url);
    if (url.scheme() == QLatin1String("https"))
        qrequest.setSslConfiguration(ssl);
    qrequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    qrequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    qrequest.setRawHeader("Accept", request.accept);
    qrequest.setRawHeader("User-Agent", userAgent());
    if (!request.contentType.isEmpty())
        qrequest.setRawHeader("Content-Type", request.contentType);
    if (!token.isEmpty())
        qrequest.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + token.toUtf8());
    return qrequest;
}

QNetworkReply* KubeClient::dispatch(QNetworkAccessManager* manager, const KubeRequest& request,
                                    const QNetworkRequest& qrequest)
{
    if (request.method == "GET")
        return manager->get(qrequest);
    if (request.method == "DELETE" && request.body.isEmpty())
        return manager->deleteResource(qrequest);
    return manager->sendCustomRequest(qrequest, request.method, request.body);
}

KubeReply* KubeClient::send(KubeRequest request)
{
    if (request.timeout.count() == 0)
        request.timeout = m_defaultTimeout;
    auto* reply = new KubeReply(this);
    QPointer<KubeReply> guard(reply);
    prepare(request, reply, [this, request, guard](const QNetworkRequest& qrequest, const KubeError& prepareError) {
        if (!guard || guard->isAborted())
            return;
        if (prepareError.isError()) {
            // Always from the event loop, as promised.
            QTimer::singleShot(0, guard, [guard, prepareError] {
                if (guard)
                    guard->completeWithError(prepareError);
            });
            return;
        }
        QNetworkReply* network = dispatch(m_requests, request, qrequest);
        network->setParent(guard);
        auto sslErrors = std::make_shared<QList<QSslError>>();
        auto timedOut = std::make_shared<bool>(false);
        auto* timer = new QTimer(network);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, network, [network, timedOut] {
            *timedOut = true;
            network->abort();
        });
        timer->start(request.timeout);
        QElapsedTimer elapsed;
        elapsed.start();
        connect(network, &QNetworkReply::sslErrors, network,
                [sslErrors](const QList<QSslError>& errors) { sslErrors->append(errors); });
        guard->setCanceller([network] {
            network->disconnect();
            network->abort();
        });
        connect(
            network, &QNetworkReply::finished, guard, [this, guard, network, request, sslErrors, timedOut, elapsed] {
                if (!guard)
                    return;
                const int status = network->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                QByteArray body = network->isOpen() ? network->readAll() : QByteArray();
                KubeError error;
                if (status == 0 || (network->error() != QNetworkReply::NoError && status < 400))
                    error = describeNetworkError(network, *sslErrors, *timedOut, request.timeout);
                else if (status >= 400)
                    error = KubeError::fromStatus(status, body);
                if (status == 401) {
                    if (m_exec)
                        m_exec->invalidate();
                    QString who = m_config.userName.isEmpty() ? QStringLiteral("anonymous")
                                                              : QStringLiteral("user \"%1\"").arg(m_config.userName);
                    if (!m_config.userSource.isEmpty())
                        who += QStringLiteral(" in ") + m_config.userSource;
                    error = KubeError(
                        KubeError::Kind::Status,
                        QStringLiteral("Unauthorized: the API server rejected the credentials of %1").arg(who), 401,
                        QStringLiteral("Unauthorized"));
                }
                spdlog::debug("{} {} -> {} ({} ms)", request.method.toStdString(), log::str(request.displayPath()),
                              status, elapsed.elapsed());
                network->deleteLater();
                guard->complete(status, std::move(body), error);
            });
    });
    return reply;
}

StreamReader* KubeClient::openStream(KubeRequest request)
{
    auto* reader = new StreamReader(this);
    QPointer<StreamReader> guard(reader);
    auto cancelled = std::make_shared<bool>(false);
    reader->setCanceller([cancelled] { *cancelled = true; });
    prepare(
        request, reader, [this, request, guard, cancelled](const QNetworkRequest& qrequest, const KubeError& error) {
            if (!guard || *cancelled)
                return;
            if (error.isError()) {
                guard->failBeforeStart(error);
                return;
            }
            QNetworkAccessManager* manager = acquireStreamManager();
            QNetworkReply* network = dispatch(manager, request, qrequest);
            auto sslErrors = std::make_shared<QList<QSslError>>();
            connect(network, &QNetworkReply::sslErrors, network,
                    [sslErrors](const QList<QSslError>& errors) { sslErrors->append(errors); });
            QElapsedTimer elapsed;
            elapsed.start();
            const QPointer<QNetworkAccessManager> managerGuard(manager);
            // Give the connection slot back however the stream ends (finished, aborted, reader deleted).
            connect(network, &QObject::destroyed, this, [this, managerGuard] {
                if (managerGuard && m_streamManagers.contains(managerGuard))
                    --m_streamManagers[managerGuard];
            });
            connect(network, &QNetworkReply::finished, this, [network, request, elapsed] {
                spdlog::debug("{} {} -> {} stream ended ({} ms)", request.method.toStdString(),
                              log::str(request.displayPath()),
                              network->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), elapsed.elapsed());
            });
            guard->attach(network, request.timeout, [this, sslErrors](QNetworkReply* r) {
                return describeNetworkError(r, *sslErrors, false, {});
            });
        });
    return reader;
}

KubeError KubeClient::describeTlsErrors(const QList<QSslError>& errors) const
{
    const QString kubeconfig
        = m_config.clusterSource.isEmpty() ? QStringLiteral("the kubeconfig") : m_config.clusterSource;
    for (const QSslError& e : errors) {
        switch (e.error()) {
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::CertificateUntrusted:
        case QSslError::CertificateSignatureFailed:
        case QSslError::UnableToDecryptCertificateSignature:
            if (m_config.caCertificates.isEmpty())
                return KubeError(
                    KubeError::Kind::Tls,
                    QStringLiteral("the server's certificate is not trusted by this system, and %1 names no "
                                   "certificate-authority for cluster \"%2\"")
                        .arg(kubeconfig, m_config.clusterName));
            return KubeError(KubeError::Kind::Tls,
                             QStringLiteral("the server's certificate is not signed by the certificate-authority in %1")
                                 .arg(kubeconfig));
        case QSslError::HostNameMismatch:
            return KubeError(KubeError::Kind::Tls,
                             QStringLiteral("the server's certificate is not valid for %1 (it names %2)")
                                 .arg(m_config.server.host(),
                                      e.certificate().subjectAlternativeNames().values().join(QStringLiteral(", "))));
        case QSslError::CertificateExpired:
            return KubeError(
                KubeError::Kind::Tls,
                QStringLiteral("the server's certificate expired on %1").arg(dateText(e.certificate().expiryDate())));
        case QSslError::CertificateNotYetValid:
            return KubeError(
                KubeError::Kind::Tls,
                QStringLiteral("the server's certificate is not valid before %1 (is this computer's clock right?)")
                    .arg(dateText(e.certificate().effectiveDate())));
        default:
            break;
        }
    }
    QStringList texts;
    for (const QSslError& e : errors)
        texts.append(e.errorString());
    return KubeError(
        KubeError::Kind::Tls,
        QStringLiteral("TLS error talking to %1: %2").arg(m_config.serverDisplay(), texts.join(QStringLiteral("; "))));
}

KubeError KubeClient::describeNetworkError(QNetworkReply* reply, const QList<QSslError>& sslErrors, bool timedOut,
                                           std::chrono::milliseconds timeout) const
{
    const QString server = m_config.serverDisplay();
    if (!sslErrors.isEmpty())
        return describeTlsErrors(sslErrors);
    if (timedOut)
        return KubeError(KubeError::Kind::Timeout,
                         QStringLiteral("the API server at %1 did not answer within %2 s")
                             .arg(server)
                             .arg(std::chrono::duration_cast<std::chrono::seconds>(timeout).count()));
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return KubeError(
            KubeError::Kind::Unreachable,
            QStringLiteral(
                "cannot reach the API server at %1: connection refused (is minikube running? minikube start)")
                .arg(server));
    case QNetworkReply::HostNotFoundError:
        return KubeError(
            KubeError::Kind::Unreachable,
            QStringLiteral("cannot reach the API server at %1: host %2 not found").arg(server, m_config.server.host()));
    case QNetworkReply::TimeoutError:
        return KubeError(KubeError::Kind::Timeout,
                         QStringLiteral("the connection to the API server at %1 timed out").arg(server));
    case QNetworkReply::RemoteHostClosedError:
        // With TLS 1.3 a server that refuses our client certificate does so after the handshake:
        // all we see is the connection closing before any answer.
        if (m_config.hasClientCertificate() && !reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
            return KubeError(
                KubeError::Kind::Unreachable,
                QStringLiteral("the API server at %1 closed the connection before answering; did it reject the %2 "
                               "of user \"%3\" (%4)?")
                    .arg(server, m_config.clientCertificateDescription, m_config.userName, m_config.userSource));
        return KubeError(KubeError::Kind::Unreachable,
                         QStringLiteral("the API server at %1 closed the connection").arg(server));
    case QNetworkReply::OperationCanceledError:
        return KubeError(KubeError::Kind::Cancelled, QStringLiteral("cancelled"));
    case QNetworkReply::SslHandshakeFailedError:
        return KubeError(
            KubeError::Kind::Tls,
            QStringLiteral("TLS handshake with the API server at %1 failed (%2): the server may have rejected the "
                           "client certificate of user \"%3\"")
                .arg(server, reply->errorString(), m_config.userName));
    default:
        return KubeError(KubeError::Kind::Unreachable,
                         QStringLiteral("cannot reach the API server at %1: %2").arg(server, reply->errorString()));
    }
}

KubeReply* KubeClient::get(const QString& path, const QUrlQuery& query)
{
    return send(KubeRequest::get(path, query));
}

KubeReply* KubeClient::create(const QString& collectionPath, const QJsonObject& object)
{
    KubeRequest request;
    request.method = "POST";
    request.path = collectionPath;
    request.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    request.contentType = "application/json";
    return send(std::move(request));
}

KubeReply* KubeClient::replace(const QString& path, const QJsonObject& object)
{
    KubeRequest request;
    request.method = "PUT";
    request.path = path;
    request.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    request.contentType = "application/json";
    return send(std::move(request));
}

KubeReply* KubeClient::patch(const QString& path, const QByteArray& body, PatchType type)
{
    KubeRequest request;
    request.method = "PATCH";
    request.path = path;
    request.body = body;
    switch (type) {
    case PatchType::Merge:
        request.contentType = "application/merge-patch+json";
        break;
    case PatchType::StrategicMerge:
        request.contentType = "application/strategic-merge-patch+json";
        break;
    case PatchType::Json:
        request.contentType = "application/json-patch+json";
        break;
    }
    return send(std::move(request));
}

KubeReply* KubeClient::patch(const QString& path, const QJsonObject& body, PatchType type)
{
    return patch(path, QJsonDocument(body).toJson(QJsonDocument::Compact), type);
}

KubeReply* KubeClient::remove(const QString& path, const QJsonObject& deleteOptions)
{
    KubeRequest request;
    request.method = "DELETE";
    request.path = path;
    if (!deleteOptions.isEmpty()) {
        request.body = QJsonDocument(deleteOptions).toJson(QJsonDocument::Compact);
        request.contentType = "application/json";
    }
    return send(std::move(request));
}

} // namespace quayside::kube
