#include "kube/KubeconfigLoader.h"

#include "core/Redactor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>

namespace quayside::kube {

namespace {

QString fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return message;
}

std::optional<QByteArray> readFile(const QString& path, QString* reason)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *reason = file.exists() ? file.errorString() : QStringLiteral("no such file");
        return std::nullopt;
    }
    return file.readAll();
}

QString listSeparator()
{
#ifdef Q_OS_WIN
    return QStringLiteral(";");
#else
    return QStringLiteral(":");
#endif
}

// "cluster "minikube": certificate-authority" style locations.
QString field(const char* section, const QString& name, const QString& what)
{
    return QString::fromLatin1(section) + QStringLiteral(" \"") + name + QStringLiteral("\": ") + what;
}

} // namespace

QStringList KubeconfigLoader::candidateFiles(const Options& options)
{
    if (!options.explicitPath.isEmpty())
        return { options.explicitPath };
    const QString env = options.kubeconfigEnv.has_value()
        ? *options.kubeconfigEnv
        : QProcessEnvironment::systemEnvironment().value(QStringLiteral("KUBECONFIG"));
    QStringList files;
    for (const QString& part : env.split(listSeparator(), Qt::SkipEmptyParts)) {
        const QString path = part.trimmed();
        if (!path.isEmpty() && !files.contains(path))
            files.append(path);
    }
    if (!files.isEmpty())
        return files;
    const QString home = options.homeDirectory.isEmpty() ? QDir::homePath() : options.homeDirectory;
    return { QDir(home).filePath(QStringLiteral(".kube/config")) };
}

std::optional<Kubeconfig> KubeconfigLoader::loadMerged(const Options& options, QString* error)
{
    const QStringList files = candidateFiles(options);
    // Only an explicitly named file must exist: client-go skips missing $KUBECONFIG entries.
    const bool mustExist = !options.explicitPath.isEmpty();
    std::optional<Kubeconfig> merged;
    QStringList missing;
    for (const QString& path : files) {
        QString reason;
        if (!QFileInfo::exists(path) && !mustExist) {
            missing.append(path);
            continue;
        }
        const auto bytes = readFile(path, &reason);
        if (!bytes) {
            fail(error, QStringLiteral("cannot read kubeconfig %1: %2").arg(path, reason));
            return std::nullopt;
        }
        auto config = Kubeconfig::parse(*bytes, path, error);
        if (!config)
            return std::nullopt;
        if (!merged)
            merged = std::move(*config);
        else
            merged->merge(*config);
    }
    if (!merged) {
        fail(error,
             QStringLiteral("no kubeconfig found (looked for %1); start a cluster with `minikube start` or pass "
                            "--kubeconfig")
                 .arg(missing.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    return merged;
}

std::optional<RestConfig> KubeconfigLoader::resolve(const Kubeconfig& config, const Options& options, QString* error)
{
    const QString files = config.files.join(QStringLiteral(", "));
    const QString contextName = options.context.isEmpty() ? config.currentContext : options.context;
    if (contextName.isEmpty()) {
        fail(error,
             QStringLiteral("%1: current-context is not set; pass --context (contexts: %2)")
                 .arg(files, config.contexts.keys().join(QStringLiteral(", "))));
        return std::nullopt;
    }
    const auto contextIt = config.contexts.constFind(contextName);
    if (contextIt == config.contexts.cend()) {
        const QString where = options.context.isEmpty()
            ? config.currentContextSource + QStringLiteral(": current-context")
            : QStringLiteral("--context");
        QString available = config.contexts.keys().join(QStringLiteral(", "));
        if (available.isEmpty())
            available = QStringLiteral("none");
        fail(error,
             QStringLiteral("%1: context \"%2\" not found in %3 (available: %4)")
                 .arg(where, contextName, files, available));
        return std::nullopt;
    }
    const Kubeconfig::Context& context = *contextIt;

    RestConfig rest;
    rest.contextName = context.name;
    rest.nameSpace = !options.nameSpace.isEmpty() ? options.nameSpace
        : !context.nameSpace.isEmpty()            ? context.nameSpace
                                                  : QStringLiteral("default");

    const auto clusterIt = config.clusters.constFind(context.cluster);
    if (context.cluster.isEmpty() || clusterIt == config.clusters.cend()) {
        fail(error,
             QStringLiteral("%1: %2").arg(
                 context.sourceFile,
                 field("context", context.name, QStringLiteral("cluster \"%1\" not found").arg(context.cluster))));
        return std::nullopt;
    }
    const Kubeconfig::Cluster& cluster = *clusterIt;
    rest.clusterName = cluster.name;
    rest.clusterSource = cluster.sourceFile;
    const auto clusterError = [&](const QString& what) {
        fail(error, cluster.sourceFile + QStringLiteral(": ") + field("cluster", cluster.name, what));
        return std::nullopt;
    };
    if (cluster.server.isEmpty())
        return clusterError(QStringLiteral("server is missing"));
    rest.server = QUrl(cluster.server, QUrl::StrictMode);
    if (!rest.server.isValid() || rest.server.host().isEmpty()
        || (rest.server.scheme() != QLatin1String("https") && rest.server.scheme() != QLatin1String("http")))
        return clusterError(QStringLiteral("server \"%1\" is not an http(s) URL").arg(cluster.server));
    rest.insecureSkipTlsVerify = cluster.insecureSkipTlsVerify;
    rest.tlsServerName = cluster.tlsServerName;
    if (!cluster.certificateAuthorityData.isEmpty()) {
        rest.caCertificates = QSslCertificate::fromData(cluster.certificateAuthorityData, QSsl::Pem);
        rest.caDescription = QStringLiteral("certificate-authority-data in %1").arg(cluster.sourceFile);
        if (rest.caCertificates.isEmpty())
            return clusterError(QStringLiteral("certificate-authority-data: not a PEM certificate"));
    } else if (!cluster.certificateAuthority.isEmpty()) {
        QString reason;
        const auto pem = readFile(cluster.certificateAuthority, &reason);
        if (!pem)
            return clusterError(
                QStringLiteral("certificate-authority: cannot read %1: %2").arg(cluster.certificateAuthority, reason));
        rest.caCertificates = QSslCertificate::fromData(*pem, QSsl::Pem);
        if (rest.caCertificates.isEmpty())
            return clusterError(
                QStringLiteral("certificate-authority: %1 is not a PEM certificate").arg(cluster.certificateAuthority));
        rest.caDescription
            = QStringLiteral("certificate-authority %1 (%2)").arg(cluster.certificateAuthority, cluster.sourceFile);
    }

    if (context.user.isEmpty())
        return rest; // anonymous: allowed, the server decides
    const auto userIt = config.users.constFind(context.user);
    if (userIt == config.users.cend()) {
        fail(error,
             QStringLiteral("%1: %2").arg(
                 context.sourceFile,
                 field("context", context.name, QStringLiteral("user \"%1\" not found").arg(context.user))));
        return std::nullopt;
    }
    const Kubeconfig::User& user = *userIt;
    rest.userName = user.name;
    rest.userSource = user.sourceFile;
    const auto userError = [&](const QString& what) {
        fail(error, user.sourceFile + QStringLiteral(": ") + field("user", user.name, what));
        return std::nullopt;
    };

    QByteArray certPem = user.clientCertificateData;
    QByteArray keyPem = user.clientKeyData;
    QString certWhere = QStringLiteral("client-certificate-data");
    QString keyWhere = QStringLiteral("client-key-data");
    if (certPem.isEmpty() && !user.clientCertificate.isEmpty()) {
        QString reason;
        const auto pem = readFile(user.clientCertificate, &reason);
        if (!pem)
            return userError(
                QStringLiteral("client-certificate: cannot read %1: %2").arg(user.clientCertificate, reason));
        certPem = *pem;
        certWhere = QStringLiteral("client-certificate %1").arg(user.clientCertificate);
    }
    if (keyPem.isEmpty() && !user.clientKey.isEmpty()) {
        QString reason;
        const auto pem = readFile(user.clientKey, &reason);
        if (!pem)
            return userError(QStringLiteral("client-key: cannot read %1: %2").arg(user.clientKey, reason));
        keyPem = *pem;
        keyWhere = QStringLiteral("client-key %1").arg(user.clientKey);
    }
    if (!certPem.isEmpty() || !keyPem.isEmpty()) {
        if (certPem.isEmpty())
            return userError(QStringLiteral("client-key is set but client-certificate is missing"));
        if (keyPem.isEmpty())
            return userError(QStringLiteral("client-certificate is set but client-key is missing"));
        const QList<QSslCertificate> certs = QSslCertificate::fromData(certPem, QSsl::Pem);
        if (certs.isEmpty())
            return userError(certWhere + QStringLiteral(": not a PEM certificate"));
        rest.clientCertificate = certs.first();
        rest.clientCertificateDescription = certWhere;
        for (const QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa }) {
            QSslKey key(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
            if (!key.isNull()) {
                rest.clientKey = key;
                break;
            }
        }
        if (rest.clientKey.isNull())
            return userError(keyWhere + QStringLiteral(": not an unencrypted PEM private key (RSA or EC)"));
    }
    if (!user.token.isEmpty()) {
        rest.bearerToken = user.token;
        Redactor::instance().registerSecret(user.token);
    }
    rest.tokenFile = user.tokenFile;
    if (!rest.tokenFile.isEmpty() && rest.bearerToken.isEmpty() && !QFileInfo::exists(rest.tokenFile))
        return userError(QStringLiteral("tokenFile: cannot read %1: no such file").arg(rest.tokenFile));
    rest.exec = user.exec;
    if (!user.authProvider.isEmpty() && !rest.exec && rest.bearerToken.isEmpty() && !rest.hasClientCertificate())
        return userError(QStringLiteral("auth-provider \"%1\" is not supported; use an exec credential plugin")
                             .arg(user.authProvider));
    return rest;
}

std::optional<RestConfig> KubeconfigLoader::load(const Options& options, QString* error)
{
    const auto merged = loadMerged(options, error);
    if (!merged)
        return std::nullopt;
    return resolve(*merged, options, error);
}

} // namespace quayside::kube
