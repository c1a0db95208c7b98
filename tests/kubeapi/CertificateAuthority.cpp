#include "CertificateAuthority.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

namespace quayside::test {

namespace {

// `openssl ca` rather than `x509 -req`: only `ca` can back-date a certificate (-startdate/-enddate),
// which the expired client certificate needs, and one code path for every certificate is simpler.
const char* const caConfig = R"([ ca ]
default_ca = CA_default
[ CA_default ]
database = %1.index
new_certs_dir = .
certificate = %1.crt
private_key = %1.key
rand_serial = yes
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
[ policy_any ]
organizationName = optional
commonName = supplied
[ server_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost,DNS:minikube,DNS:kubernetes,DNS:kubernetes.default,IP:10.96.0.1
[ client_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
)";

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

QString CertificateAuthority::path(const QString& name) const
{
    return m_directory + QLatin1Char('/') + name;
}

bool CertificateAuthority::run(const QStringList& arguments, QString* error) const
{
    QProcess openssl;
    openssl.setWorkingDirectory(m_directory);
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"), arguments);
    // Test infrastructure, run once per process before any server listens: blocking here is fine.
    if (!openssl.waitForFinished(60000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        if (error) {
            *error = QStringLiteral("openssl %1 failed: %2 %3")
                         .arg(arguments.join(QLatin1Char(' ')), openssl.errorString(),
                              QString::fromLocal8Bit(openssl.readAll()));
        }
        if (openssl.state() != QProcess::NotRunning) {
            openssl.kill();
            openssl.waitForFinished(1000);
        }
        return false;
    }
    return true;
}

bool CertificateAuthority::issue(const QString& caName, const QString& csr, const QString& out,
                                 const QString& extensions, const QStringList& validity, QString* error) const
{
    QStringList arguments { QStringLiteral("ca"),
                            QStringLiteral("-batch"),
                            QStringLiteral("-notext"),
                            QStringLiteral("-config"),
                            caName + QStringLiteral(".cnf"),
                            QStringLiteral("-extensions"),
                            extensions,
                            QStringLiteral("-in"),
                            csr,
                            QStringLiteral("-out"),
                            out };
    arguments += validity;
    return run(arguments, error);
}

bool CertificateAuthority::generate(const QString& directory, QString* error)
{
    m_directory = QDir(directory).absolutePath();
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(m_directory);
        return false;
    }
    const auto key = [this, error](const QString& name) {
        if (!run({ QStringLiteral("genrsa"), QStringLiteral("-traditional"), QStringLiteral("-out"), name,
                   QStringLiteral("2048") },
                 error))
            return false;
        return QFile::setPermissions(path(name), QFile::ReadOwner | QFile::WriteOwner);
    };
    const auto selfSigned = [this, error](const QString& name, const QString& commonName) {
        if (!writeFile(path(name + QStringLiteral(".cnf")), QString::fromLatin1(caConfig).arg(name).toUtf8())
            || !writeFile(path(name + QStringLiteral(".index")), {}))
            return false;
        return run({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"), QStringLiteral("-key"),
                     name + QStringLiteral(".key"), QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName,
                     QStringLiteral("-days"), QStringLiteral("3650"), QStringLiteral("-out"),
                     name + QStringLiteral(".crt") },
                   error);
    };
    const auto request = [this, error](const QString& keyName, const QString& subject, const QString& out) {
        return run({ QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), keyName,
                     QStringLiteral("-subj"), subject, QStringLiteral("-out"), out },
                   error);
    };
    const QStringList tenYears { QStringLiteral("-days"), QStringLiteral("3650") };
    const QStringList longAgo { QStringLiteral("-startdate"), QStringLiteral("20200101000000Z"),
                                QStringLiteral("-enddate"), QStringLiteral("20200201000000Z") };

    const bool ok = key(QStringLiteral("ca.key")) && selfSigned(QStringLiteral("ca"), QStringLiteral("minikubeCA"))
        && key(QStringLiteral("apiserver.key"))
        && request(QStringLiteral("apiserver.key"), QStringLiteral("/O=system:masters/CN=minikube"),
                   QStringLiteral("apiserver.csr"))
        && issue(QStringLiteral("ca"), QStringLiteral("apiserver.csr"), QStringLiteral("apiserver.crt"),
                 QStringLiteral("server_ext"), tenYears, error)
        && key(QStringLiteral("client.key"))
        && request(QStringLiteral("client.key"), QStringLiteral("/O=system:masters/CN=minikube-user"),
                   QStringLiteral("client.csr"))
        && issue(QStringLiteral("ca"), QStringLiteral("client.csr"), QStringLiteral("client.crt"),
                 QStringLiteral("client_ext"), tenYears, error)
        && issue(QStringLiteral("ca"), QStringLiteral("client.csr"), QStringLiteral("expired-client.crt"),
                 QStringLiteral("client_ext"), longAgo, error)
        && key(QStringLiteral("foreign-ca.key"))
        && selfSigned(QStringLiteral("foreign-ca"), QStringLiteral("someOtherCA"))
        && key(QStringLiteral("foreign-client.key"))
        && request(QStringLiteral("foreign-client.key"), QStringLiteral("/O=system:masters/CN=minikube-user"),
                   QStringLiteral("foreign-client.csr"))
        && issue(QStringLiteral("foreign-ca"), QStringLiteral("foreign-client.csr"),
                 QStringLiteral("foreign-client.crt"), QStringLiteral("client_ext"), tenYears, error);
    if (!ok) {
        if (error && error->isEmpty())
            *error = QStringLiteral("cannot write into %1").arg(m_directory);
        return false;
    }

    m_ca = QSslCertificate(readFile(caCertificatePath()), QSsl::Pem);
    m_serverCertificate = QSslCertificate(readFile(serverCertificatePath()), QSsl::Pem);
    m_serverKey = QSslKey(readFile(serverKeyPath()), QSsl::Rsa, QSsl::Pem);
    m_issuedDigests.clear();
    for (const QString& name : { clientCertificatePath(), expiredClientCertificatePath() })
        m_issuedDigests.append(QSslCertificate(readFile(name), QSsl::Pem).digest(QCryptographicHash::Sha256));
    if (m_ca.isNull() || m_serverCertificate.isNull() || m_serverKey.isNull()) {
        if (error)
            *error = QStringLiteral("generated certificates in %1 do not load").arg(m_directory);
        return false;
    }
    return true;
}

bool CertificateAuthority::isTrustedClientCertificate(const QSslCertificate& certificate, QString* reason) const
{
    if (certificate.isNull()) {
        if (reason)
            *reason = QStringLiteral("no client certificate");
        return false;
    }
    if (!m_issuedDigests.contains(certificate.digest(QCryptographicHash::Sha256))) {
        if (reason)
            *reason = QStringLiteral("x509: certificate signed by unknown authority");
        return false;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (now > certificate.expiryDate() || now < certificate.effectiveDate()) {
        if (reason) {
            *reason = QStringLiteral("x509: certificate has expired or is not yet valid: current time %1 is after %2")
                          .arg(now.toString(Qt::ISODate), certificate.expiryDate().toString(Qt::ISODate));
        }
        return false;
    }
    return true;
}

const CertificateAuthority* CertificateAuthority::shared(QString* error)
{
    static QMutex mutex;
    static std::unique_ptr<QTemporaryDir> directory;
    static std::unique_ptr<CertificateAuthority> authority;
    const QMutexLocker lock(&mutex);
    if (authority)
        return authority.get();
    directory = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/quayside-fake-ca-XXXXXX"));
    if (!directory->isValid()) {
        if (error)
            *error = QStringLiteral("cannot create a temporary directory");
        return nullptr;
    }
    auto made = std::make_unique<CertificateAuthority>();
    if (!made->generate(directory->path(), error))
        return nullptr;
    authority = std::move(made);
    return authority.get();
}

} // namespace quayside::test
