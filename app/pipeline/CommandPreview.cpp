#include "pipeline/CommandPreview.h"

#include "core/Redactor.h"
#include "process/ShellQuote.h"
#include "profile/Profile.h"

#include <QFileInfo>

namespace quayside {

QString CommandPreview::kubectl(const QStringList& clusterArguments)
{
    QString line = QStringLiteral("kubectl");
    for (const QString& argument : clusterArguments)
        line += QLatin1Char(' ') + (argument.startsWith(QLatin1String("--")) ? argument : quote(argument));
    return line;
}

QString CommandPreview::quote(const QString& argument)
{
    // A dry run without sources writes paths under "${SOURCE}", which the shell must expand.
    const QString placeholder = Profile::sourcePlaceholder();
    if (argument.contains(placeholder)) {
        const QStringList parts = argument.split(placeholder);
        QStringList quoted;
        for (const QString& part : parts)
            quoted << (part.isEmpty() ? QString() : quote(part));
        return quoted.join(QLatin1Char('"') + placeholder + QLatin1Char('"'));
    }
    return shellQuote(argument);
}

QString CommandPreview::shellLine(const ToolCommand& command)
{
    // The bare program name reads as the command a user would type.
    QString program = command.program;
    if (program.contains(QLatin1Char('/')))
        program = QFileInfo(program).fileName();
    QStringList parts { quote(program) };
    for (const QString& arg : command.arguments)
        parts << quote(arg);
    return parts.join(QLatin1Char(' '));
}

QString CommandPreview::masked(const QString& text)
{
    return Redactor::instance().redact(text);
}

QString CommandPreview::render(const QList<Line>& lines)
{
    QString out;
    for (const Line& line : lines) {
        if (!line.comment.isEmpty()) {
            const QStringList commentLines = line.comment.split(QLatin1Char('\n'));
            for (const QString& c : commentLines)
                out += QStringLiteral("# ") + c + QLatin1Char('\n');
        }
        if (!line.command.isEmpty())
            out += line.command + QLatin1Char('\n');
    }
    return masked(out);
}

} // namespace quayside
