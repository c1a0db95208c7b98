#include "FaultInjector.h"

namespace quayside::test {

void FaultInjector::failNext(int count, const Failure& failure)
{
    if (count > 0)
        m_pending.append({ failure, count });
}

std::optional<FaultInjector::Failure> FaultInjector::take(const QString& path)
{
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        Pending& pending = m_pending[i];
        if (!pending.failure.pathContains.isEmpty() && !path.contains(pending.failure.pathContains))
            continue;
        const Failure failure = pending.failure;
        if (--pending.remaining <= 0)
            m_pending.removeAt(i);
        return failure;
    }
    return std::nullopt;
}

void FaultInjector::clear()
{
    m_pending.clear();
    m_latencyMs = 0;
}

} // namespace quayside::test
