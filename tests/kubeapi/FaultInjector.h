#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace quayside::test {

// One-shot failures and latency for the next requests (FakeApiServer::failNextRequests, setLatency).
class FaultInjector
{
public:
    struct Failure
    {
        int httpStatus = 500;
        QString pathContains;
        int retryAfterSeconds = 1;
    };

    void failNext(int count, const Failure& failure);
    // The failure the request to `path` gets, if any (consumed).
    std::optional<Failure> take(const QString& path);
    void setLatency(int milliseconds) { m_latencyMs = std::max(0, milliseconds); }
    int latency() const { return m_latencyMs; }
    void clear();

private:
    struct Pending
    {
        Failure failure;
        int remaining = 0;
    };
    QList<Pending> m_pending;
    int m_latencyMs = 0;
};

} // namespace quayside::test
