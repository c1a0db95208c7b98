#pragma once

#include "core/Clock.h"

#include <QObject>
#include <QString>

#include <chrono>

namespace quayside::kube {

// How a watch (or a set of them) is doing, for the dashboard header and `status --watch`:
//   Connecting            the first list is on its way;
//   Connected             listed and watching;
//   Reconnecting{N s}     a transient failure (network, 5xx, 429, dropped stream); retrying at retryAt;
//   Error{message}        a failure retrying will not fix by itself (401/403, TLS, a bad kubeconfig);
//                         still retried with backoff, so fixing the cause outside Quayside recovers.
// changed() is emitted when the state, message or retry time changes, not every second: a view that
// shows the "reconnecting in N s" countdown refreshes its text itself (text() with the clock).
class ConnectionState : public QObject
{
    Q_OBJECT
public:
    enum class Status { Connecting, Connected, Reconnecting, Error };
    Q_ENUM(Status)

    explicit ConnectionState(QObject* parent = nullptr);

    Status status() const { return m_status; }
    const QString& message() const { return m_message; }
    // When the next attempt is due (Reconnecting and Error), on the injected clock's steady timeline.
    std::chrono::steady_clock::time_point retryAt() const { return m_retryAt; }
    // Whole seconds until retryAt, rounded up, never negative.
    int secondsUntilRetry(const Clock& clock) const;
    // "connected", "connecting", "reconnecting in 4 s (connection refused ...)", "error: Forbidden ... ".
    QString text(const Clock& clock) const;
    bool isConnected() const { return m_status == Status::Connected; }

    // Emits changed() only when something differs.
    void set(Status status, const QString& message = {}, std::chrono::steady_clock::time_point retryAt = {});

Q_SIGNALS:
    void changed();

private:
    Status m_status = Status::Connecting;
    QString m_message;
    std::chrono::steady_clock::time_point m_retryAt {};
};

} // namespace quayside::kube
