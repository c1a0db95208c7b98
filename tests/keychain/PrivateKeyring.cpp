#include "PrivateKeyring.h"

#include "PrivateBus.h"

#include <QDBusInterface>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDeadlineTimer>
#include <QDir>
#include <QThread>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace quayside::test {

namespace {

const QString kService = QStringLiteral("org.freedesktop.secrets");
const QString kServicePath = QStringLiteral("/org/freedesktop/secrets");

} // namespace

PrivateKeyring::PrivateKeyring(const PrivateBus& bus)
    : m_bus(bus)
    , m_connection(QStringLiteral("none"))
{ }

PrivateKeyring::~PrivateKeyring()
{
    stop();
}

bool PrivateKeyring::start(QString* error)
{
    const QString root = m_bus.scratchPath() + QStringLiteral("/keyring-home");
    for (const char* sub : { "run", "data", "config", "cache" })
        QDir().mkpath(root + QLatin1Char('/') + QLatin1String(sub));
    QFile::setPermissions(root + QStringLiteral("/run"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcessEnvironment env = m_bus.environment();
    env.insert(QStringLiteral("HOME"), root);
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), root + QStringLiteral("/run"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), root + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), root + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), root + QStringLiteral("/cache"));

    // --foreground keeps the daemon our child, so the test can stop it by its own handle; --unlock reads
    // the login password from stdin and creates the login keyring on first use.
    m_daemon.setProgram(QStringLiteral("gnome-keyring-daemon"));
    m_daemon.setArguments(
        { QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets") });
    m_daemon.setProcessEnvironment(env);
    m_daemon.setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
    // If the test dies without cleaning up (a crash, a timeout, a closed pipe), the daemon goes with it
    // instead of lingering: PID 1 here does not reap orphans.
    m_daemon.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_daemon.start();
    if (!m_daemon.waitForStarted(5000)) {
        *error = QStringLiteral("gnome-keyring-daemon did not start: %1").arg(m_daemon.errorString());
        return false;
    }
    // QProcess writes from the event loop, which this helper does not run: flush by hand.
    m_daemon.write("quayside-test");
    m_daemon.waitForBytesWritten(5000);
    m_daemon.closeWriteChannel();

    m_connection = QDBusConnection::connectToBus(m_bus.address(), QStringLiteral("private-keyring"));
    if (!m_connection.isConnected()) {
        *error = QStringLiteral("cannot connect to the private bus: %1").arg(m_connection.lastError().message());
        return false;
    }
    const QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        QDBusInterface service(kService, kServicePath, QStringLiteral("org.freedesktop.Secret.Service"), m_connection);
        if (service.isValid()) {
            const QDBusReply<QDBusObjectPath> alias
                = service.call(QStringLiteral("ReadAlias"), QStringLiteral("default"));
            if (alias.isValid() && alias.value().path() == loginCollectionPath())
                return true;
        }
        if (m_daemon.state() == QProcess::NotRunning) {
            *error = QStringLiteral("gnome-keyring-daemon exited with %1").arg(m_daemon.exitCode());
            return false;
        }
        QThread::msleep(50);
    }
    *error = QStringLiteral("the login keyring did not appear within 15 s; gnome-keyring-daemon said: %1")
                 .arg(QString::fromLocal8Bit(m_daemon.readAll()));
    return false;
}

void PrivateKeyring::stop()
{
    if (m_connection.isConnected())
        QDBusConnection::disconnectFromBus(m_connection.name());
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        if (!m_daemon.waitForFinished(3000)) {
            m_daemon.kill();
            m_daemon.waitForFinished(3000);
        }
    }
}

bool PrivateKeyring::lockLogin(QString* error)
{
    QDBusInterface service(kService, kServicePath, QStringLiteral("org.freedesktop.Secret.Service"), m_connection);
    const QList<QDBusObjectPath> objects { QDBusObjectPath(loginCollectionPath()) };
    const QDBusMessage reply = service.call(QStringLiteral("Lock"), QVariant::fromValue(objects));
    if (reply.type() != QDBusMessage::ReplyMessage) {
        *error = reply.errorMessage();
        return false;
    }
    return isLoginLocked(error);
}

bool PrivateKeyring::isLoginLocked(QString* error)
{
    QDBusInterface collection(kService, loginCollectionPath(), QStringLiteral("org.freedesktop.Secret.Collection"),
                              m_connection);
    const QVariant locked = collection.property("Locked");
    if (!locked.isValid()) {
        *error = collection.lastError().message();
        return false;
    }
    return locked.toBool();
}

} // namespace quayside::test
