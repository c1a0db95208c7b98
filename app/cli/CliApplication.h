#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace quayside::cli {

class Command;
struct CommandLine;

// Dispatches `quayside <command> ...` to its Command, with the Workspace built from the global options
// and the saved settings, and runs the event loop until it finishes.
class CliApplication
{
public:
    struct Entry
    {
        QString name;
        QString summary;
        std::function<std::unique_ptr<Command>()> create;
    };

    static const QList<Entry>& commands();
    static QStringList commandNames();
    // Runs the parsed command line (action Command, Help, Version or UsageError). Returns the exit code.
    static int run(int argc, char* argv[], const CommandLine& line);
    static QString usage();
};

} // namespace quayside::cli
