#pragma once

#include <QString>

#include <spdlog/spdlog.h>

namespace quayside::log {

struct Options
{
    // Directory for quayside.log (rotating, 5 x 2 MiB). Empty: QStandardPaths::AppLocalDataLocation.
    // The directory is made 0700 and every log file 0600, rotated ones included.
    QString directory;
    bool verbose = false; // debug level on stderr as well as in the file
    bool toStderr = true;
    // The command line keeps stderr for its own `error: ...` lines, so it logs warnings and up there.
    spdlog::level::level_enum stderrLevel = spdlog::level::warn;
    std::size_t maxFileBytes = 2 * 1024 * 1024; // rotate past this size (tests make it small)
    std::size_t maxFiles = 5; // quayside.1.log ... quayside.5.log kept
};

// Sets up the default logger: every sink is wrapped so that values registered with the Redactor are
// written as ***. Also routes qDebug/qWarning through the same sinks. Safe to call again (tests).
void initialize(const Options& options);
// The file the current logger writes to, empty when there is none.
QString logFilePath();
void flush();

// spdlog is fmt-based; these keep Qt strings at the call site readable.
inline std::string str(const QString& s)
{
    return s.toStdString();
}

} // namespace quayside::log
