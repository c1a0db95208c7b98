#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace quayside::kube {

// The parts of a kubeconfig file Quayside uses, as written (paths already made absolute against the
// file that defined them). Several files merge into one Kubeconfig with the rules of client-go's
// ClientConfigLoadingRules: the first file to define a name wins, the first non-empty current-context wins.
class Kubeconfig
{
public:
    struct Cluster
    {
        QString name;
        QString server;
        QString certificateAuthority; // absolute path, or empty
        QByteArray certificateAuthorityData; // PEM (already base64-decoded)
        bool insecureSkipTlsVerify = false;
        QString tlsServerName;
        QString sourceFile; // the kubeconfig that defined it, for error messages
    };

    // client.authentication.k8s.io ExecConfig.
    struct ExecConfig
    {
        QString apiVersion;
        QString command; // absolute when it was a relative path with a separator
        QStringList args;
        QList<QPair<QString, QString>> env;
        QString installHint;
        bool provideClusterInfo = false;
        QString interactiveMode;
    };

    struct User
    {
        QString name;
        QString clientCertificate; // absolute path
        QByteArray clientCertificateData; // PEM
        QString clientKey; // absolute path
        QByteArray clientKeyData; // PEM
        QString token;
        QString tokenFile; // absolute path
        std::optional<ExecConfig> exec;
        QString authProvider; // name of a legacy auth-provider (gcp, oidc...), unsupported
        bool hasBasicAuth = false; // username/password, unsupported
        QString sourceFile;
    };

    struct Context
    {
        QString name;
        QString cluster;
        QString user;
        QString nameSpace;
        QString sourceFile;
    };

    // Parses one file's contents. `filePath` resolves relative paths and names the file in errors.
    static std::optional<Kubeconfig> parse(const QByteArray& yaml, const QString& filePath, QString* error);

    // Adds what `other` defines and this one does not (first wins).
    void merge(const Kubeconfig& other);

    QStringList files; // in merge order
    QString currentContext;
    QString currentContextSource;
    QMap<QString, Cluster> clusters;
    QMap<QString, User> users;
    QMap<QString, Context> contexts;
};

} // namespace quayside::kube
