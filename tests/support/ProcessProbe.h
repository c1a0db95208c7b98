#pragma once

#include <QString>

namespace quayside::test {

// Whether a process is still alive. A zombie counts as gone: it no longer runs, and here PID 1 does not
// reap orphans, so killed grandchildren linger as zombies forever.
class ProcessProbe
{
public:
    static bool isRunning(qint64 pid);
    // Reads a pid written to a file by a stand-in; 0 when absent.
    static qint64 pidFromFile(const QString& path);
};

} // namespace quayside::test
