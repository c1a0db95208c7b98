#include "process/ToolResult.h"

#include <QRegularExpression>
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
    auto quote = [](const QString& arg) -> QString {
        if (!arg.isEmpty() && !arg.contains(QRegularExpression(QStringLiteral("[^A-Za-z0-9_./:=,@%+-]"))))
            return arg;
        QString escaped = arg;
        escaped.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
        return QLatin1Char('\'') + escaped + QLatin1Char('\'');
    };
    QStringList parts;
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + quote(it.value());
    parts << quote(program);
    for (const QString& arg : arguments)
        parts << quote(arg);
    return parts.join(QLatin1Char(' '));
}

} // namespace quayside
