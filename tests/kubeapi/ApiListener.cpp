#include "ApiListener.h"

#include <QSslSocket>

namespace quayside::test {

ApiListener::ApiListener(QObject* parent)
    : QTcpServer(parent)
{ }

void ApiListener::setTls(const QSslConfiguration& configuration)
{
    m_tls = true;
    m_configuration = configuration;
}

void ApiListener::incomingConnection(qintptr descriptor)
{
    if (!m_tls) {
        auto* socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        addPendingConnection(socket);
        Q_EMIT newConnection();
        return;
    }
    auto* socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSslConfiguration(m_configuration);
    // Qt reports an unverifiable client certificate (expired, another CA) as an SSL error even in
    // QueryPeer mode; the HTTP layer judges the certificate and answers 401, as kube-apiserver does.
    connect(socket, &QSslSocket::sslErrors, socket, [socket](const QList<QSslError>&) { socket->ignoreSslErrors(); });
    socket->startServerEncryption();
    addPendingConnection(socket);
    Q_EMIT newConnection();
}

} // namespace quayside::test
