#include "kube/ExecCredentialProvider.h"

#include "core/Log.h"
#include "core/Redactor.h"
#include "kube/RestConfig.h"
#include "process/ToolJob.h"
#include "process/ToolRunner.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace quayside::kube {

namespace {

QByteArray execInfo(const RestConfig& config)
{
    // KUBERNETES_EXEC_INFO: what client-go hands the plugin. We never give it a terminal.
    QJsonObject spec { { QStringLiteral("interactive"), false } };
    if (config.exec && config.exec->provideClusterInfo) {
        QByteArray caPem;
        for (const QSslCertificate& cert : config.caCertificates)
            caPem += cert.toPem();
        QJsonObject cluster { { QStringLiteral("server"), config.server.toString() } };
        if (!caPem.isEmpty())
            cluster.insert(QStringLiteral("certificate-authority-data"), QString::fromLatin1(caPem.toBase64()));
        if (config.insecureSkipTlsVerify)
            cluster.insert(QStringLiteral("insecure-skip-tls-verify"), true);
        if (!config.tlsServerName.isEmpty())
            cluster.insert(QStringLiteral("tls-server-name"), config.tlsServerName);
        spec.insert(QStringLiteral("cluster"), cluster);
    }
    const QJsonObject info {
        { QStringLiteral("apiVersion"), config.exec ? config.exec->apiVersion : QString() },
        { QStringLiteral("kind"), QStringLiteral("ExecCredential") },
        { QStringLiteral("spec"), spec },
    };
    return QJsonDocument(info).toJson(QJsonDocument::Compact);
}

// Registers every credential value in whatever the plugin printed, valid ExecCredential or not, so
// that none of it can reach a log line or an error message later.
void registerOutputSecrets(const QByteArray& output)
{
    const QJsonDocument doc = QJsonDocument::fromJson(output);
    if (!doc.isObject())
        return;
    const QJsonObject status = doc.object().value(QLatin1String("status")).toObject();
    for (const char* key : { "token", "clientKeyData" }) {
        const QString value = status.value(QLatin1String(key)).toString();
        if (!value.isEmpty())
            Redactor::instance().registerSecret(value);
    }
}

// Why the plugin failed, from its stderr only: stdout carries the ExecCredential, i.e. the token.
// The last few lines, bounded, redacted.
QString failureReason(const ToolResult& result)
{
    if (result.outcome != ToolResult::Outcome::Finished)
        return result.describeFailure();
    QStringList lines = QString::fromUtf8(result.standardError.right(4096)).split(QLatin1Char('\n'));
    QStringList kept;
    for (auto it = lines.crbegin(); it != lines.crend() && kept.size() < 3; ++it) {
        const QString line = it->trimmed();
        if (!line.isEmpty())
            kept.prepend(line);
    }
    QString reason = QStringLiteral("exit code %1").arg(result.exitCode);
    if (!kept.isEmpty()) {
        QString text = kept.join(QStringLiteral(" / "));
        if (text.size() > 500)
            text = QStringLiteral("…") + text.right(500);
        reason += QStringLiteral(": ") + Redactor::instance().redact(text);
    }
    return reason;
}

} // namespace

ExecCredentialProvider::ExecCredentialProvider(const RestConfig& config, ToolRunner* runner, const Clock* clock,
                                               QObject* parent)
    : QObject(parent)
    , m_exec(config.exec.value_or(Kubeconfig::ExecConfig()))
    , m_execInfo(execInfo(config))
    , m_runner(runner)
    , m_clock(clock ? clock : &Clock::instance())
{ }

ExecCredentialProvider::~ExecCredentialProvider()
{
    if (m_job)
        m_job->cancel();
}

std::optional<ExecCredentialProvider::Credential> ExecCredentialProvider::cached() const
{
    if (!m_cached)
        return std::nullopt;
    if (m_cached->expiration.isValid() && m_clock->now() >= m_cached->expiration)
        return std::nullopt;
    return m_cached;
}

void ExecCredentialProvider::invalidate()
{
    m_cached.reset();
}

void ExecCredentialProvider::obtain(QObject* context, Callback callback)
{
    m_waiters.append({ QPointer<QObject>(context), std::move(callback) });
    if (cached()) {
        QTimer::singleShot(0, this, [this] { deliver({}); });
        return;
    }
    if (!m_job)
        run();
}

void ExecCredentialProvider::run()
{
    ToolCommand command;
    command.program = m_exec.command;
    command.arguments = m_exec.args;
    for (const auto& [name, value] : m_exec.env)
        command.environment.insert(name, value);
    command.environment.insert(QStringLiteral("KUBERNETES_EXEC_INFO"), QString::fromUtf8(m_execInfo));
    command.timeout = m_timeout;
    command.maxCapturedBytes = 1024 * 1024;
    ++m_runCount;
    m_job = m_runner->start(command, this);
    // The plugin's output carries the token: never log its lines.
    connect(m_job, &ToolJob::finished, this, [this](const ToolResult& result) {
        m_job = nullptr;
        const QString name = QFileInfo(m_exec.command).fileName();
        // Before anything is logged or put in an error, even when the plugin then exits non-zero.
        registerOutputSecrets(result.standardOutput);
        if (!result.ok()) {
            QString message;
            if (result.outcome == ToolResult::Outcome::NotFound) {
                message = QStringLiteral("exec credential plugin \"%1\" not found").arg(m_exec.command);
                if (!m_exec.installHint.isEmpty())
                    message += QStringLiteral(": ") + m_exec.installHint.trimmed();
            } else {
                message = QStringLiteral("exec credential plugin %1 failed: %2").arg(name, failureReason(result));
            }
            deliver(KubeError(KubeError::Kind::Config, message));
            return;
        }
        QString error;
        auto credential = parseOutput(result.standardOutput, m_exec.apiVersion, &error);
        if (!credential) {
            deliver(KubeError(
                KubeError::Kind::Config,
                QStringLiteral("exec credential plugin %1 returned an invalid ExecCredential: %2").arg(name, error)));
            return;
        }
        if (!credential->token.isEmpty())
            Redactor::instance().registerSecret(credential->token);
        spdlog::debug("exec credential from {} (expires {})", log::str(name),
                      log::str(credential->expiration.isValid() ? credential->expiration.toString(Qt::ISODate)
                                                                : QStringLiteral("never")));
        m_cached = std::move(*credential);
        deliver({});
    });
}

void ExecCredentialProvider::deliver(const KubeError& error)
{
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    const Credential credential = (!error.isError() && m_cached) ? *m_cached : Credential();
    for (const Waiter& waiter : waiters) {
        if (waiter.context)
            waiter.callback(credential, error);
    }
}

std::optional<ExecCredentialProvider::Credential>
ExecCredentialProvider::parseOutput(const QByteArray& output, const QString& expectedApiVersion, QString* error)
{
    const auto failWith = [error](const QString& message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(output, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return failWith(QStringLiteral("stdout is not a JSON object (%1)").arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("kind")).toString() != QLatin1String("ExecCredential"))
        return failWith(QStringLiteral("kind is not ExecCredential"));
    const QString apiVersion = root.value(QLatin1String("apiVersion")).toString();
    if (!expectedApiVersion.isEmpty() && apiVersion != expectedApiVersion)
        return failWith(
            QStringLiteral("apiVersion %1 does not match the kubeconfig's %2").arg(apiVersion, expectedApiVersion));
    const QJsonObject status = root.value(QLatin1String("status")).toObject();
    Credential credential;
    credential.token = status.value(QLatin1String("token")).toString();
    const QString certPem = status.value(QLatin1String("clientCertificateData")).toString();
    const QString keyPem = status.value(QLatin1String("clientKeyData")).toString();
    if (!certPem.isEmpty() || !keyPem.isEmpty()) {
        if (certPem.isEmpty() || keyPem.isEmpty())
            return failWith(QStringLiteral("clientCertificateData and clientKeyData must be given together"));
        const auto certs = QSslCertificate::fromData(certPem.toUtf8(), QSsl::Pem);
        if (certs.isEmpty())
            return failWith(QStringLiteral("clientCertificateData is not a PEM certificate"));
        credential.clientCertificate = certs.first();
        for (const QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec }) {
            QSslKey key(keyPem.toUtf8(), algorithm, QSsl::Pem, QSsl::PrivateKey);
            if (!key.isNull()) {
                credential.clientKey = key;
                break;
            }
        }
        if (credential.clientKey.isNull())
            return failWith(QStringLiteral("clientKeyData is not a PEM private key"));
    }
    if (credential.token.isEmpty() && credential.clientCertificate.isNull())
        return failWith(QStringLiteral("status has neither a token nor a client certificate"));
    const QString expiration = status.value(QLatin1String("expirationTimestamp")).toString();
    if (!expiration.isEmpty()) {
        credential.expiration = QDateTime::fromString(expiration, Qt::ISODateWithMs);
        if (!credential.expiration.isValid())
            return failWith(QStringLiteral("expirationTimestamp \"%1\" is not RFC 3339").arg(expiration));
    }
    return credential;
}

} // namespace quayside::kube
