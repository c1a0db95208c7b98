#include "keychain/KeychainError.h"

#include <qt6keychain/keychain.h>

namespace quayside {

namespace {

bool mentions(const QString& text, QLatin1String needle)
{
    return text.contains(needle, Qt::CaseInsensitive);
}

// The exact texts come from libsecret/GDBus and QtKeychain's D-Bus backends (see README, "Testing"):
//   no bus        "Cannot autolaunch D-Bus without X11 $DISPLAY", "D-Bus is not running"
//   no service    "The name org.freedesktop.secrets was not provided by any .service files"
//   no keyring    "Object does not exist at path “/org/freedesktop/secrets/collection/login”"
//   locked        "Cannot create an item in a locked collection" (AccessDenied)
KeychainError noBus(const QString& detail)
{
#ifdef Q_OS_LINUX
    return { KeychainError::Code::NoService,
             QStringLiteral("No D-Bus session bus, so no keychain can be reached: run Quayside in a desktop session "
                            "(or inside dbus-run-session) with gnome-keyring or KWallet running."),
             detail };
#else
    return { KeychainError::Code::NoService, QStringLiteral("The system keychain cannot be reached."), detail };
#endif
}

KeychainError noService(const QString& detail)
{
#if defined(Q_OS_LINUX)
    return { KeychainError::Code::NoService,
             QStringLiteral("No keychain service is running: install and start gnome-keyring (or KWallet) so Quayside "
                            "can keep secrets in the system keychain."),
             detail };
#elif defined(Q_OS_MACOS)
    return { KeychainError::Code::NoService,
             QStringLiteral("The macOS keychain is not available: open Keychain Access and check the login keychain."),
             detail };
#else
    return { KeychainError::Code::NoService,
             QStringLiteral(
                 "The Windows Credential Manager is not available: check that the Credential Manager service runs."),
             detail };
#endif
}

KeychainError noKeyring(const QString& detail)
{
    return { KeychainError::Code::NoService,
             QStringLiteral("The keychain has no default (login) keyring: create one in Passwords and Keys (seahorse), "
                            "or log in to a desktop session that creates it."),
             detail };
}

KeychainError locked(const QString& detail)
{
#ifdef Q_OS_MACOS
    return { KeychainError::Code::Locked,
             QStringLiteral("The login keychain is locked: unlock it in Keychain Access, then retry."), detail };
#else
    return { KeychainError::Code::Locked,
             QStringLiteral("The login keyring is locked: unlock it in Passwords and Keys (seahorse) or log in again, "
                            "then retry."),
             detail };
#endif
}

} // namespace

KeychainError KeychainError::fromBackend(int backendError, const QString& backendText)
{
    switch (static_cast<QKeychain::Error>(backendError)) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return { Code::NotFound, QStringLiteral("Nothing is stored in the keychain under this name."), backendText };
    case QKeychain::AccessDeniedByUser:
        return { Code::AccessDenied,
                 QStringLiteral(
                     "Access to the keychain was refused: allow Quayside when the keychain asks, then retry."),
                 backendText };
    case QKeychain::AccessDenied:
        if (mentions(backendText, QLatin1String("locked")))
            return locked(backendText);
        return { Code::AccessDenied,
                 QStringLiteral(
                     "The keychain refused access: check that Quayside may use it (the keyring may be locked), "
                     "then retry."),
                 backendText };
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return noService(backendText);
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }

    if (mentions(backendText, QLatin1String("autolaunch"))
        || mentions(backendText, QLatin1String("D-Bus is not running"))
        || mentions(backendText, QLatin1String("DBUS_SESSION_BUS_ADDRESS"))
        || mentions(backendText, QLatin1String("Could not connect")))
        return noBus(backendText);
    if (mentions(backendText, QLatin1String("org.freedesktop.secrets"))
        || mentions(backendText, QLatin1String("not provided by any .service files"))
        || mentions(backendText, QLatin1String("No keychain service")))
        return noService(backendText);
    if (mentions(backendText, QLatin1String("Object does not exist"))
        || mentions(backendText, QLatin1String("No such keyring")))
        return noKeyring(backendText);
    if (mentions(backendText, QLatin1String("locked")))
        return locked(backendText);
    return { Code::Other,
             QStringLiteral("The keychain reported an error (%1): check that the keychain service works, then retry.")
                 .arg(backendText.isEmpty() ? QStringLiteral("no details") : backendText),
             backendText };
}

KeychainError KeychainError::timedOut(std::chrono::milliseconds after)
{
    const QString seconds = QString::number(static_cast<double>(after.count()) / 1000.0, 'g', 3);
    return { Code::Timeout,
             QStringLiteral(
                 "The keychain did not answer within %1 s: it may be waiting for an unlock prompt nobody can see, "
                 "or its service is stuck; unlock the login keyring or restart the keychain service, then retry.")
                 .arg(seconds),
             {} };
}

QString KeychainError::fixFor(Code code)
{
    switch (code) {
    case Code::None:
    case Code::NotFound:
        return {};
    case Code::NoService:
#if defined(Q_OS_LINUX)
        return QStringLiteral("sudo apt install gnome-keyring libsecret-tools, then log out and in again "
                              "(or start it: gnome-keyring-daemon --start --components=secrets)");
#elif defined(Q_OS_MACOS)
        return QStringLiteral("Open Keychain Access and check that the login keychain exists");
#else
        return QStringLiteral("Start the Credential Manager service (services.msc)");
#endif
    case Code::Locked:
    case Code::Timeout:
#if defined(Q_OS_MACOS)
        return QStringLiteral("Open Keychain Access and unlock the login keychain");
#else
        return QStringLiteral("Open Passwords and Keys (seahorse) and unlock the \"Login\" keyring");
#endif
    case Code::AccessDenied:
        return QStringLiteral("Allow Quayside when the keychain asks for access");
    case Code::Other:
        return QStringLiteral("Check the keychain service (quayside --verbose shows its own message)");
    }
    return {};
}

QString KeychainError::codeName(Code code)
{
    switch (code) {
    case KeychainError::Code::None:
        return QStringLiteral("none");
    case KeychainError::Code::NotFound:
        return QStringLiteral("not-found");
    case KeychainError::Code::NoService:
        return QStringLiteral("no-service");
    case KeychainError::Code::Locked:
        return QStringLiteral("locked");
    case KeychainError::Code::AccessDenied:
        return QStringLiteral("access-denied");
    case KeychainError::Code::Timeout:
        return QStringLiteral("timeout");
    case KeychainError::Code::Other:
        return QStringLiteral("other");
    }
    return {};
}

} // namespace quayside
