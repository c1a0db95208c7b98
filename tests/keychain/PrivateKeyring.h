#pragma once

#include <QDBusConnection>
#include <QProcess>
#include <QString>

namespace quayside::test {

class PrivateBus;

// A real gnome-keyring-daemon (secrets component) on a PrivateBus, with its own HOME and keyring files
// and an unlocked "login" keyring, that the test may lock without affecting anything else.
class PrivateKeyring
{
public:
    explicit PrivateKeyring(const PrivateBus& bus);
    ~PrivateKeyring();
    PrivateKeyring(const PrivateKeyring&) = delete;
    PrivateKeyring& operator=(const PrivateKeyring&) = delete;

    // Starts the daemon and waits until the login keyring is the default collection.
    bool start(QString* error);
    void stop();
    // org.freedesktop.Secret.Service.Lock on the login collection: gnome-keyring locks without a prompt.
    bool lockLogin(QString* error);
    bool isLoginLocked(QString* error);

    static QString loginCollectionPath() { return QStringLiteral("/org/freedesktop/secrets/collection/login"); }

private:
    const PrivateBus& m_bus;
    QProcess m_daemon;
    QDBusConnection m_connection;
};

} // namespace quayside::test
