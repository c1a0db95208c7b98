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
        const QString& wanted = pending.failure.pathContains;
        // A trailing '$' anchors at the end, as in a regular expression: "/api/v1/namespaces$" is the
        // namespace list only, not every namespaced path under it.
        const bool matches = wanted.endsWith(QLatin1Char('$')) ? path.endsWith(wanted.chopped(1)) : path.contains(wanted);
        if (!wanted.isEmpty() && !matches)
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
