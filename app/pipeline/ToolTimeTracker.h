#pragma once

#include <QElapsedTimer>

namespace quayside {

// How long at least one external tool was running, for the re-deploy benchmark: a pipeline's wall
// time minus this is Quayside's own time (parallel tools count once, not twice).
class ToolTimeTracker
{
public:
    void toolStarted();
    void toolFinished();
    qint64 busyMs() const;
    void reset();

private:
    QElapsedTimer m_since;
    qint64 m_busyMs = 0;
    int m_running = 0;
};

} // namespace quayside
