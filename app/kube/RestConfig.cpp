#include "kube/RestConfig.h"

namespace quayside::kube {

QSslConfiguration RestConfig::sslConfiguration() const
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!caCertificates.isEmpty())
        ssl.setCaCertificates(caCertificates); // only the cluster's CA, as client-go does with a CA set
    ssl.setPeerVerifyMode(insecureSkipTlsVerify ? QSslSocket::VerifyNone : QSslSocket::VerifyPeer);
    if (hasClientCertificate()) {
        ssl.setLocalCertificate(clientCertificate);
        ssl.setPrivateKey(clientKey);
    }
    // HTTP/1.1 only (KubeClient also disables HTTP/2 per request): watches and logs are read as
    // HTTP/1.1 chunked streams, one connection each.
    ssl.setAllowedNextProtocols({ QSslConfiguration::NextProtocolHttp1_1 });
    return ssl;
}

QString RestConfig::serverDisplay() const
{
    return server.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::StripTrailingSlash);
}

} // namespace quayside::kube
