#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace quayside::cli {

class Command;

// Dispatches `quayside <command> ...` to its Command and runs the event loop until it finishes.
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
    static bool isCommand(const QString& name);
    // argv[1] must name a command (or be --help/--version). Returns the process exit code.
    static int run(int argc, char* argv[]);
    static QString usage();
};

} // namespace quayside::cli
