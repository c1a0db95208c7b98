#include "pipeline/InterruptWatcher.h"

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace quayside {

#ifdef Q_OS_UNIX
namespace {
int g_fds[2] = { -1, -1 };
struct sigaction g_oldInt
{
};
struct sigaction g_oldTerm
{
};

void handler(int signalNumber)
{
    const char byte = static_cast<char>(signalNumber);
    // write(2) is async-signal-safe; the event loop reads the byte.
    [[maybe_unused]] const auto written = ::write(g_fds[0], &byte, 1);
}
} // namespace
#endif

InterruptWatcher::InterruptWatcher(QObject* parent)
    : QObject(parent)
{
#ifdef Q_OS_UNIX
    if (g_fds[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_fds) != 0)
        return;
    m_notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &InterruptWatcher::onActivated);
    struct sigaction action
    {
    };
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &g_oldInt);
    ::sigaction(SIGTERM, &action, &g_oldTerm);
#endif
}

InterruptWatcher::~InterruptWatcher()
{
#ifdef Q_OS_UNIX
    if (!m_notifier)
        return;
    ::sigaction(SIGINT, &g_oldInt, nullptr);
    ::sigaction(SIGTERM, &g_oldTerm, nullptr);
    delete m_notifier;
    m_notifier = nullptr;
    ::close(g_fds[0]);
    ::close(g_fds[1]);
    g_fds[0] = g_fds[1] = -1;
#endif
}

void InterruptWatcher::onActivated()
{
#ifdef Q_OS_UNIX
    char byte = 0;
    if (::read(g_fds[1], &byte, 1) != 1)
        return;
    if (++m_count > 1) {
        // The user insists: restore the default action and let the signal end us.
        ::sigaction(SIGINT, &g_oldInt, nullptr);
        ::sigaction(SIGTERM, &g_oldTerm, nullptr);
        ::raise(byte);
        return;
    }
    Q_EMIT interrupted(byte);
#endif
}

} // namespace quayside
