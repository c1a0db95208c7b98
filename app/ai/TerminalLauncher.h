#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace quayside::ai {

// Opens a program in the system's terminal emulator, for tools that have only an interactive terminal
// UI (Gordon: `docker ai "PROMPT"`). The terminal is found the way Debian's policy and desktop
// environments expect: the setting, $TERMINAL, x-terminal-emulator, then the usual emulators; each has
// its own way of taking the command after it (`--`, `-e`, `-x`).
class TerminalLauncher
{
public:
    struct Launch
    {
        QString program; // absolute path of the terminal
        QStringList arguments; // the terminal's own arguments followed by the command's argv
    };

    // `preferred` is Settings → AI → terminal (a program name or path, may be empty).
    static std::optional<Launch> plan(const QString& preferred, const QStringList& command, QString* error);
    // Starts it detached (the terminal outlives nothing of ours and we never wait on it).
    static bool launch(const Launch& launch, QString* error);
};

} // namespace quayside::ai
