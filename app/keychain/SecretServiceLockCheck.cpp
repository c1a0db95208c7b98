#include "keychain/SecretServiceLockCheck.h"

#include <QTimer>

#ifdef QUAYSIDE_KEYCHAIN_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#endif

namespace quayside {

void SecretServiceLockCheck::start()
{
#ifdef QUAYSIDE_KEYCHAIN_HAVE_DBUS
    // Only reached after libsecret talked to the bus, so the session bus exists: connecting cannot
    // trigger D-Bus autolaunch (the prompt hang) here.
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        QDBusMessage call = QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets/aliases/default"),
            QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
        call << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
        // Never start a service just to ask it this.
        call.setAutoStartService(false);
        auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, 5000), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
            watcher->deleteLater();
            const QDBusPendingReply<QDBusVariant> reply = *watcher;
            Q_EMIT finished(!reply.isError() && reply.value().variant().toBool());
        });
        return;
    }
#endif
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(false); });
}

} // namespace quayside
