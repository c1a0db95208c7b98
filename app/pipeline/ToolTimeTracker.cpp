#include "pipeline/ToolTimeTracker.h"

namespace quayside {

void ToolTimeTracker::toolStarted()
{
    if (m_running++ == 0)
        m_since.start();
}

void ToolTimeTracker::toolFinished()
{
    if (m_running == 0)
        return;
    if (--m_running == 0)
        m_busyMs += m_since.elapsed();
}

qint64 ToolTimeTracker::busyMs() const
{
    return m_busyMs + (m_running > 0 ? m_since.elapsed() : 0);
}

void ToolTimeTracker::reset()
{
    m_busyMs = 0;
    m_running = 0;
}

} // namespace quayside
