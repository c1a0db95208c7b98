#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

namespace quayside::test {

// Accepts connections and, for HTTPS, starts the TLS handshake itself (rather than QSslServer) so
// the peer verification mode is ours: QueryPeer asks for a client certificate without failing the
// handshake, as kube-apiserver does (it verifies in its authentication layer and answers 401).
class ApiListener : public QTcpServer
{
    Q_OBJECT
public:
    explicit ApiListener(QObject* parent = nullptr);
    void setTls(const QSslConfiguration& configuration);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    bool m_tls = false;
    QSslConfiguration m_configuration;
};

} // namespace quayside::test
