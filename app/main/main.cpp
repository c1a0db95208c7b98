#include "GuiApplication.h"
#include "cli/CliApplication.h"
#include "cli/CommandLine.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace {

// A window needs a display. On a server, over ssh or in CI there is none: rather than Qt aborting with
// "could not connect to display", show the prerequisites check in the terminal.
bool hasDisplay()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

} // namespace

// The command line is read once, before any QCoreApplication exists (which one depends on it): a
// subcommand runs the command-line face, none opens the window with the same global options.
int main(int argc, char* argv[])
{
    using quayside::cli::CommandLine;
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    CommandLine line = CommandLine::parse(arguments, quayside::cli::CliApplication::commandNames());
    if (line.action != CommandLine::Action::Window)
        return quayside::cli::CliApplication::run(argc, argv, line);
    if (!hasDisplay()) {
        line.action = CommandLine::Action::Command;
        line.command = QStringLiteral("doctor");
        line.commandArguments = { arguments.value(0), line.command };
        return quayside::cli::CliApplication::run(argc, argv, line);
    }
    return quayside::GuiApplication::run(argc, argv, line);
}
