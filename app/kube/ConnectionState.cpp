#include "kube/ConnectionState.h"

namespace quayside::kube {

ConnectionState::ConnectionState(QObject* parent)
    : QObject(parent)
{ }

int ConnectionState::secondsUntilRetry(const Clock& clock) const
{
    const auto remaining = m_retryAt - clock.steadyNow();
    if (remaining.count() <= 0)
        return 0;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(remaining).count();
    return static_cast<int>((ms + 999) / 1000);
}

QString ConnectionState::text(const Clock& clock) const
{
    switch (m_status) {
    case Status::Connecting:
        return QStringLiteral("connecting");
    case Status::Connected:
        return QStringLiteral("connected");
    case Status::Reconnecting:
        return QStringLiteral("reconnecting in %1 s (%2)").arg(secondsUntilRetry(clock)).arg(m_message);
    case Status::Error:
        return QStringLiteral("error: %1").arg(m_message);
    }
    return {};
}

void ConnectionState::set(Status status, const QString& message, std::chrono::steady_clock::time_point retryAt)
{
    if (status == m_status && message == m_message && retryAt == m_retryAt)
        return;
    m_status = status;
    m_message = message;
    m_retryAt = retryAt;
    Q_EMIT changed();
}

} // namespace quayside::kube
