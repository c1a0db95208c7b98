#pragma once

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVirtualObject>

#include <chrono>

namespace quayside::test {

// Owns org.freedesktop.secrets on a PrivateBus and answers every call only after `delay`, with an
// error. Stands in for the real hang (a keyring waiting on a prompt nobody sees) so a test can watch a
// keychain job time out and then see the late answer arrive and be ignored.
class FakeSecretService : public QDBusVirtualObject
{
    Q_OBJECT
public:
    explicit FakeSecretService(std::chrono::milliseconds delay, QObject* parent = nullptr);
    ~FakeSecretService() override;

    bool start(const QString& busAddress, QString* error);
    int callsReceived() const { return m_calls; }
    int repliesSent() const { return m_replies; }

    QString introspect(const QString& path) const override;
    bool handleMessage(const QDBusMessage& message, const QDBusConnection& connection) override;

private:
    std::chrono::milliseconds m_delay;
    QDBusConnection m_connection;
    int m_calls = 0;
    int m_replies = 0;
};

} // namespace quayside::test
