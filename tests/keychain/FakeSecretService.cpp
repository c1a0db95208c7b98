#include "FakeSecretService.h"

#include <QDBusError>
#include <QTimer>

namespace quayside::test {

FakeSecretService::FakeSecretService(std::chrono::milliseconds delay, QObject* parent)
    : QDBusVirtualObject(parent)
    , m_delay(delay)
    , m_connection(QStringLiteral("none"))
{ }

FakeSecretService::~FakeSecretService()
{
    if (m_connection.isConnected()) {
        m_connection.unregisterObject(QStringLiteral("/"), QDBusConnection::UnregisterTree);
        QDBusConnection::disconnectFromBus(m_connection.name());
    }
}

bool FakeSecretService::start(const QString& busAddress, QString* error)
{
    m_connection = QDBusConnection::connectToBus(busAddress, QStringLiteral("fake-secret-service"));
    if (!m_connection.isConnected()) {
        *error = m_connection.lastError().message();
        return false;
    }
    if (!m_connection.registerVirtualObject(QStringLiteral("/"), this, QDBusConnection::SubPath)) {
        *error = QStringLiteral("cannot register the object tree");
        return false;
    }
    if (!m_connection.registerService(QStringLiteral("org.freedesktop.secrets"))) {
        *error = m_connection.lastError().message();
        return false;
    }
    return true;
}

QString FakeSecretService::introspect(const QString&) const
{
    return {};
}

bool FakeSecretService::handleMessage(const QDBusMessage& message, const QDBusConnection& connection)
{
    if (message.type() != QDBusMessage::MethodCallMessage)
        return false;
    ++m_calls;
    QDBusConnection replyOn = connection;
    QTimer::singleShot(m_delay, this, [this, message, replyOn]() mutable {
        ++m_replies;
        replyOn.send(message.createErrorReply(QDBusError::Failed, QStringLiteral("fake secret service says no")));
    });
    return true;
}

} // namespace quayside::test
