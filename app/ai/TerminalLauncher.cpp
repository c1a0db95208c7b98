#include "ai/TerminalLauncher.h"

#include "core/ExecutableFinder.h"

#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

namespace quayside::ai {

namespace {

// How each emulator takes the command to run after its own options. Debian's x-terminal-emulator
// alternative must accept `-e command args...` (Debian Policy 11.8.3); gnome-terminal deprecated -e
// in favour of `--`; xfce4-terminal's -x takes the rest of the line as argv (its -e takes one string).
QStringList commandPrefix(const QString& terminal)
{
    const QString name = QFileInfo(terminal).fileName();
    if (name == QLatin1String("gnome-terminal") || name == QLatin1String("kgx") || name == QLatin1String("ptyxis")
        || name == QLatin1String("tilix") || name == QLatin1String("mate-terminal"))
        return { QStringLiteral("--") };
    if (name == QLatin1String("xfce4-terminal") || name == QLatin1String("lxterminal"))
        return { QStringLiteral("-x") };
    if (name == QLatin1String("kitty") || name == QLatin1String("wezterm"))
        return name == QLatin1String("wezterm") ? QStringList { QStringLiteral("start"), QStringLiteral("--") }
                                                : QStringList {};
    // xterm, konsole, alacritty, urxvt, x-terminal-emulator
    return { QStringLiteral("-e") };
}

} // namespace

std::optional<TerminalLauncher::Launch> TerminalLauncher::plan(const QString& preferred, const QStringList& command,
                                                               QString* error)
{
    QStringList candidates;
    if (!preferred.trimmed().isEmpty())
        candidates << preferred.trimmed();
    const QString fromEnvironment = QProcessEnvironment::systemEnvironment().value(QStringLiteral("TERMINAL"));
    if (!fromEnvironment.isEmpty())
        candidates << fromEnvironment;
    candidates << QStringLiteral("x-terminal-emulator") << QStringLiteral("gnome-terminal") << QStringLiteral("konsole")
               << QStringLiteral("xfce4-terminal") << QStringLiteral("kitty") << QStringLiteral("alacritty")
               << QStringLiteral("xterm");
    for (const QString& candidate : std::as_const(candidates)) {
        const QString path = ExecutableFinder::find(candidate);
        if (path.isEmpty())
            continue;
        Launch launch;
        launch.program = path;
        launch.arguments = commandPrefix(path) + command;
        return launch;
    }
    if (error) {
        *error = preferred.trimmed().isEmpty()
            ? QStringLiteral("No terminal emulator was found (tried $TERMINAL, x-terminal-emulator, gnome-terminal, "
                             "konsole, xfce4-terminal, kitty, alacritty, xterm). Set one in Settings → AI, or use "
                             "Copy prompt.")
            : QStringLiteral("The terminal \"%1\" from Settings → AI was not found, nor any other. Use Copy prompt.")
                  .arg(preferred);
    }
    return std::nullopt;
}

bool TerminalLauncher::launch(const Launch& launch, QString* error)
{
    QProcess process;
    process.setProgram(launch.program);
    process.setArguments(launch.arguments);
    // Detached: the terminal belongs to the user's session from now on, not to Quayside.
    if (!process.startDetached()) {
        if (error)
            *error = QStringLiteral("Could not start %1: %2").arg(launch.program, process.errorString());
        return false;
    }
    return true;
}

} // namespace quayside::ai
