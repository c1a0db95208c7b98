#include "keychain/SecretServiceLockCheck.h"

#include <QFileInfo>
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
    // Only with a session bus that is really there: without one, connecting could autolaunch a bus
    // (synchronously, and with DISPLAY set into the prompt hang), which a check like this must never do.
    const QString runtimeBus = qEnvironmentVariable("XDG_RUNTIME_DIR") + QStringLiteral("/bus");
    const bool haveBus = !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")
        || (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR") && QFileInfo::exists(runtimeBus));
    QDBusConnection bus = haveBus ? QDBusConnection::sessionBus() : QDBusConnection(QStringLiteral("none"));
    if (haveBus && bus.isConnected()) {
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
