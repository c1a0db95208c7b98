#pragma once

#include "process/ToolCommand.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace quayside {

struct ToolResult
{
    enum class Outcome {
        Finished, // ran and exited by itself; see exitCode
        NotFound, // the program is not installed (not on the search path)
        FailedToStart, // found but could not be executed (permissions, bad interpreter)
        TimedOut, // killed at the command's timeout
        Cancelled, // killed because cancel() was called
        Crashed, // ended by a signal it did not get from us
    };

    Outcome outcome = Outcome::FailedToStart;
    int exitCode = -1;
    QString program; // resolved absolute path, when found
    QString errorString;
    QByteArray standardOutput; // captured when ToolCommand::captureOutput
    QByteArray standardError;
    bool outputTruncated = false;
    qint64 elapsedMs = 0;

    bool ok() const { return outcome == Outcome::Finished && exitCode == 0; }
    bool finished() const { return outcome == Outcome::Finished; }
    QString stdoutText() const { return QString::fromUtf8(standardOutput); }
    QString stderrText() const { return QString::fromUtf8(standardError); }
    // A one-line human description of what went wrong ("timed out after 10 s", "exit code 1: ...").
    QString describeFailure() const;
};

QString outcomeName(ToolResult::Outcome outcome);

} // namespace quayside

Q_DECLARE_METATYPE(quayside::ToolResult)
