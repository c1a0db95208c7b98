#include "SingleInstance.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>

#include <spdlog/spdlog.h>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace quayside::ui {

namespace {

// A request is one line of JSON; anything longer is not from Quayside.
constexpr qsizetype kMaxRequest = 256 * 1024;
const QByteArray kAck = QByteArrayLiteral("ok\n");

QString userId()
{
#ifdef Q_OS_UNIX
    return QString::number(::getuid());
#else
    return qEnvironmentVariable("USERNAME", QStringLiteral("user"));
#endif
}

} // namespace

SingleInstance::SingleInstance(QString name, QObject* parent)
    : QObject(parent)
    , m_name(std::move(name))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_done)
            return;
        m_done = true;
        if (m_client)
            m_client->abort();
        Q_EMIT failed(tr("the running Quayside window did not answer"));
    });
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverName(const QString& settingsFile)
{
    const QByteArray hash
        = QCryptographicHash::hash(settingsFile.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("quayside-%1-%2").arg(userId(), QString::fromLatin1(hash));
}

void SingleInstance::start(const QStringList& arguments, int timeoutMs)
{
    QJsonObject request { { QStringLiteral("arguments"), QJsonArray::fromStringList(arguments) } };
    m_request = QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n';
    m_client = new QLocalSocket(this);
    connect(m_client, &QLocalSocket::connected, this, [this] { m_client->write(m_request); });
    connect(m_client, &QLocalSocket::readyRead, this, [this] {
        if (m_done || !m_client->canReadLine())
            return;
        if (m_client->readLine() == kAck) {
            m_done = true;
            m_timeout.stop();
            m_client->disconnectFromServer();
            Q_EMIT delivered();
        }
    });
    connect(m_client, &QLocalSocket::errorOccurred, this, &SingleInstance::onClientError);
    m_timeout.start(timeoutMs);
    m_client->connectToServer(m_name);
}

void SingleInstance::onClientError()
{
    if (m_done)
        return;
    const QLocalSocket::LocalSocketError error = m_client->error();
    // Nobody listens (no socket, or a socket file a crashed window left behind): this one is the window.
    if (error == QLocalSocket::ServerNotFoundError || error == QLocalSocket::ConnectionRefusedError) {
        m_done = true;
        m_timeout.stop();
        m_client->deleteLater();
        becomePrimary();
        return;
    }
    // The window closed the connection before acknowledging (it is quitting), or another failure.
    m_done = true;
    m_timeout.stop();
    Q_EMIT failed(m_client->errorString());
}

void SingleInstance::becomePrimary()
{
    m_server = new QLocalServer(this);
    // Only this user may connect (on Unix the socket file is made 0700-like; see
    // https://doc.qt.io/qt-6/qlocalserver.html#SocketOption-enum).
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    if (!m_server->listen(m_name)) {
        // On Unix a window that crashed leaves its socket file, and Qt documents that listen() then
        // fails with AddressInUseError (https://doc.qt.io/qt-6/qlocalserver.html#listen; 6.4 on Linux
        // was seen to replace the file itself). The connect above was refused, so nobody is behind
        // it: remove it and listen again.
        if (m_server->serverError() == QAbstractSocket::AddressInUseError) {
            spdlog::info("single instance: removing the stale socket {}", m_name.toStdString());
            QLocalServer::removeServer(m_name);
        }
        if (!m_server->listen(m_name)) {
            const QString error = m_server->errorString();
            delete m_server;
            m_server = nullptr;
            Q_EMIT failed(error);
            return;
        }
    }
    spdlog::info("single instance: listening on {}", m_server->fullServerName().toStdString());
    Q_EMIT becamePrimary();
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readRequest(socket); });
        if (socket->bytesAvailable() > 0)
            readRequest(socket);
    }
}

void SingleInstance::readRequest(QLocalSocket* socket)
{
    if (!socket->canReadLine()) {
        if (socket->bytesAvailable() > kMaxRequest)
            socket->abort();
        return;
    }
    const QByteArray line = socket->readLine(kMaxRequest);
    const QJsonDocument document = QJsonDocument::fromJson(line);
    if (!document.isObject()) {
        spdlog::warn("single instance: ignoring a request that is not JSON");
        socket->abort();
        return;
    }
    QStringList arguments;
    for (const QJsonValue& value : document.object().value(QStringLiteral("arguments")).toArray())
        arguments << value.toString();
    socket->write(kAck);
    // The launch exits on the acknowledgement and closes its end; disconnected() then deletes this one.
    socket->flush();
    Q_EMIT argumentsReceived(arguments);
}

} // namespace quayside::ui
