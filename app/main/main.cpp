#include "GuiApplication.h"
#include "cli/CliApplication.h"

#include <QByteArray>
#include <QString>
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

// A subcommand (or --help/--version) runs the command line face; no subcommand starts the window.
int main(int argc, char* argv[])
{
    // Anything that is not an option is a command, so a typo gets "unknown command" rather than a window.
    if (argc > 1 && (argv[1][0] != '-' || quayside::cli::CliApplication::isCommand(QString::fromLocal8Bit(argv[1]))))
        return quayside::cli::CliApplication::run(argc, argv);
    if (!hasDisplay()) {
        char doctor[] = "doctor";
        char* doctorArgv[] = { argv[0], doctor, nullptr };
        return quayside::cli::CliApplication::run(2, doctorArgv);
    }
    return quayside::GuiApplication::run(argc, argv);
}
