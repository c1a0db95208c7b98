#include "process/ToolResult.h"

#include "process/ShellQuote.h"
namespace quayside {

QString outcomeName(ToolResult::Outcome outcome)
{
    switch (outcome) {
    case ToolResult::Outcome::Finished:
        return QStringLiteral("finished");
    case ToolResult::Outcome::NotFound:
        return QStringLiteral("not found");
    case ToolResult::Outcome::FailedToStart:
        return QStringLiteral("failed to start");
    case ToolResult::Outcome::TimedOut:
        return QStringLiteral("timed out");
    case ToolResult::Outcome::Cancelled:
        return QStringLiteral("cancelled");
    case ToolResult::Outcome::Crashed:
        return QStringLiteral("crashed");
    }
    return {};
}

QString ToolResult::describeFailure() const
{
    switch (outcome) {
    case Outcome::Finished: {
        if (exitCode == 0)
            return {};
        QString last = stderrText().trimmed();
        if (last.isEmpty())
            last = stdoutText().trimmed();
        last = last.section(QLatin1Char('\n'), -1).trimmed();
        return last.isEmpty() ? QStringLiteral("exit code %1").arg(exitCode)
                              : QStringLiteral("exit code %1: %2").arg(exitCode).arg(last);
    }
    case Outcome::TimedOut:
        return QStringLiteral("timed out after %1 s and was stopped").arg(elapsedMs / 1000.0, 0, 'f', 1);
    default:
        return errorString.isEmpty() ? outcomeName(outcome) : errorString;
    }
}

QString ToolCommand::displayString() const
{
    QStringList parts;
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + shellQuote(it.value());
    parts << shellQuote(program);
    for (const QString& arg : arguments)
        parts << shellQuote(arg);
    return parts.join(QLatin1Char(' '));
}

} // namespace quayside
