#pragma once

#include "workspace/Workspace.h"

#include <QString>
#include <QStringList>

namespace quayside::cli {

// The command line as kubectl, helm and docker read theirs: global options (--kubeconfig, --context,
// -n/--namespace, -p/--profile, -v/--verbose) anywhere, before or after the subcommand, as `--name value`,
// `--name=value`, `-n value`, `-n=value` or `-nvalue`. What is left goes to the subcommand's own parser.
// Without a subcommand the window opens with the global options (and the window's own: --page,
// --logs, --metrics-interval, --new-instance). An unknown option before the subcommand is a usage error naming it,
// never a silent window or doctor.
struct CommandLine
{
    enum class Action {
        Window, // no subcommand
        Command, // run `command` with `commandArguments`
        Help, // the general usage
        Version,
        UsageError, // `error` says what; exit 2
    };

    Action action = Action::Window;
    QString command;
    // argv[0], the command, then its own arguments with the global options taken out, as
    // QCoreApplication::arguments() would be for `quayside <command> ...`.
    QStringList commandArguments;
    // argv[0] and the window's own options, for the window's parser.
    QStringList windowArguments;
    WorkspaceOverrides overrides;
    bool verbose = false;
    QString error;

    // `arguments` as QCoreApplication::arguments() (argv[0] first); `commands` the known subcommands.
    static CommandLine parse(const QStringList& arguments, const QStringList& commands);
    // The global options' help lines, for every command's --help.
    static QString globalOptionsHelp();
    // The window's options (--page, --logs, --metrics-interval, --new-instance), for `quayside --help`.
    static QString windowOptionsHelp();
};

} // namespace quayside::cli
