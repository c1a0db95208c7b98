#pragma once

#include "kube/Kubeconfig.h"

#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>
#include <QUrl>

#include <optional>

namespace quayside::kube {

// Everything needed to talk to one cluster as one user, resolved from a kubeconfig context: files
// read, base64 decoded, PEM parsed (client-go's rest.Config). Built by KubeconfigLoader; tests can
// also fill one in directly.
struct RestConfig
{
    QUrl server; // https://192.168.49.2:8443
    QString contextName;
    QString clusterName;
    QString userName;
    QString nameSpace; // the context's namespace or the -n override, never empty

    // The kubeconfig file that defined the cluster / the user: error messages name it.
    QString clusterSource;
    QString userSource;

    QList<QSslCertificate> caCertificates; // empty: the system's trust store
    QString caDescription; // "certificate-authority in /home/u/.kube/config"
    bool insecureSkipTlsVerify = false;
    QString tlsServerName;

    QSslCertificate clientCertificate;
    QSslKey clientKey;
    QString clientCertificateDescription; // "client-certificate /home/u/.minikube/.../client.crt"

    QString bearerToken; // never logged; registered with the Redactor
    QString tokenFile; // re-read periodically, as client-go does (projected tokens rotate)
    std::optional<Kubeconfig::ExecConfig> exec;

    bool hasClientCertificate() const { return !clientCertificate.isNull() && !clientKey.isNull(); }
    // The TLS settings for every request to this cluster. Peer verification is on unless the
    // kubeconfig says insecure-skip-tls-verify.
    QSslConfiguration sslConfiguration() const;
    // "https://192.168.49.2:8443": for "cannot reach the API server at ..." messages.
    QString serverDisplay() const;
};

} // namespace quayside::kube
