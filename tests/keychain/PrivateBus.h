#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

namespace quayside::test {

// A D-Bus session bus of the test's own (dbus-daemon --nofork), so a test can put the keychain in a
// state the shared test session must not be in (no Secret Service at all, a locked keyring, a fake
// service that never answers) without disturbing tests that run next to it.
//
// The bus has no activatable services: nothing appears on it unless the test starts it, which is what
// makes "no keychain service" reproducible (the stock session config would activate gnome-keyring).
class PrivateBus
{
public:
    PrivateBus();
    ~PrivateBus();
    PrivateBus(const PrivateBus&) = delete;
    PrivateBus& operator=(const PrivateBus&) = delete;

    bool start(QString* error);
    void stop();
    QString address() const { return m_address; }
    // A scratch directory that lives as long as the bus (HOME, XDG_* for daemons started on it).
    QString scratchPath() const { return m_dir.path(); }
    // The system environment with DBUS_SESSION_BUS_ADDRESS pointing here and DISPLAY removed (with a
    // display, a keyring prompt could open a window and wait for ever).
    QProcessEnvironment environment() const;

    // Points this process at the bus: must run before the first keychain job, because GDBus (libsecret)
    // reads DBUS_SESSION_BUS_ADDRESS once and keeps that connection for the life of the process.
    void exportToThisProcess() const;

private:
    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_address;
};

} // namespace quayside::test
