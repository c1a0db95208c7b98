#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace quayside::test {

// The certificates of a fake cluster, made with the openssl CLI the way minikube lays them out: a CA
// (CN minikubeCA), a server certificate for 127.0.0.1/localhost, a client certificate CN minikube-user
// O system:masters, plus the bad ones a client must report clearly: an expired client certificate from
// the same CA, and a foreign CA with a client certificate of its own. Keys are PKCS#1 RSA, mode 0600.
class CertificateAuthority
{
public:
    // Generates everything into `directory` (created if missing). Takes about a second (RSA keys).
    bool generate(const QString& directory, QString* error);

    // One set per process, in a temporary directory removed at exit: servers reuse it.
    static const CertificateAuthority* shared(QString* error);

    QString directory() const { return m_directory; }
    QString caCertificatePath() const { return path(QStringLiteral("ca.crt")); }
    QString caKeyPath() const { return path(QStringLiteral("ca.key")); }
    QString serverCertificatePath() const { return path(QStringLiteral("apiserver.crt")); }
    QString serverKeyPath() const { return path(QStringLiteral("apiserver.key")); }
    QString clientCertificatePath() const { return path(QStringLiteral("client.crt")); }
    QString clientKeyPath() const { return path(QStringLiteral("client.key")); }
    QString expiredClientCertificatePath() const { return path(QStringLiteral("expired-client.crt")); }
    QString expiredClientKeyPath() const { return clientKeyPath(); }
    QString foreignCaCertificatePath() const { return path(QStringLiteral("foreign-ca.crt")); }
    QString foreignClientCertificatePath() const { return path(QStringLiteral("foreign-client.crt")); }
    QString foreignClientKeyPath() const { return path(QStringLiteral("foreign-client.key")); }

    QSslCertificate caCertificate() const { return m_ca; }
    QSslCertificate serverCertificate() const { return m_serverCertificate; }
    QSslKey serverKey() const { return m_serverKey; }

    // A client certificate is accepted when this CA issued it (it is one of the certificates made
    // here, compared by digest: QSslCertificate cannot check a signature against an arbitrary CA)
    // and `now` is within its validity. `reason` says why not.
    bool isTrustedClientCertificate(const QSslCertificate& certificate, QString* reason) const;

private:
    QString path(const QString& name) const;
    bool run(const QStringList& arguments, QString* error) const;
    bool issue(const QString& caName, const QString& csr, const QString& out, const QString& extensions,
               const QStringList& validity, QString* error) const;

    QString m_directory;
    QSslCertificate m_ca;
    QSslCertificate m_serverCertificate;
    QSslKey m_serverKey;
    QList<QByteArray> m_issuedDigests;
};

} // namespace quayside::test
