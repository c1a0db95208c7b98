#include "cli/CliApplication.h"

#include "cli/AskCommand.h"
#include "cli/Command.h"
#include "cli/CommandLine.h"
#include "cli/DeployCommand.h"
#include "cli/DiagnoseCommand.h"
#include "cli/DoctorCommand.h"
#include "cli/InitCommand.h"
#include "cli/LogsCommand.h"
#include "cli/McpCommand.h"
#include "cli/PromptsCommand.h"
#include "cli/RestartCommand.h"
#include "cli/RollbackCommand.h"
#include "cli/ScaleCommand.h"
#include "cli/SecretsCommand.h"
#include "cli/StatusCommand.h"
#include "core/Log.h"
#include "core/SecureMemory.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace quayside::cli {

namespace {

template<typename T> CliApplication::Entry entry(const char* name, const char* summary)
{
    return { QString::fromLatin1(name), QString::fromLatin1(summary), [] { return std::make_unique<T>(); } };
}

} // namespace

const QList<CliApplication::Entry>& CliApplication::commands()
{
    static const QList<Entry> list = {
        entry<DoctorCommand>("doctor", "Check the prerequisites (Docker, Minikube, Helm, kubectl, host, keychain)"),
        entry<StatusCommand>("status", "Show the Deployments and Pods of a namespace (--watch to follow)"),
        entry<LogsCommand>("logs", "Print the logs of a pod or of every pod of a Deployment"),
        entry<ScaleCommand>("scale", "Set the number of replicas of a Deployment"),
        entry<RestartCommand>("restart", "Restart a Deployment's pods with a rolling update"),
        entry<DiagnoseCommand>("diagnose", "Say why pods and deployments are unhealthy: evidence and fixes"),
        entry<McpCommand>("mcp", "Serve status, logs, events and diagnosis to AI assistants (MCP over stdio)"),
        entry<SecretsCommand>("secrets",
                              "Keep the app's secrets in the OS keychain and apply them as a Kubernetes Secret"),
        entry<InitCommand>("init", "Write a commented deployment profile (quayside.yaml) to edit"),
        entry<DeployCommand>("deploy",
                             "Build the images and install the app on Minikube (--dry-run shows the commands)"),
        entry<RollbackCommand>("rollback", "Show the release's revisions, or roll back to one (rollback REVISION)"),
        entry<AskCommand>("ask",
                          "Ask kubectl-ai or kagent about the cluster (read-only; proposed commands are listed)"),
        entry<PromptsCommand>("prompts", "List the AI prompt library, or print one prompt filled with your names"),
    };
    return list;
}

QStringList CliApplication::commandNames()
{
    QStringList names;
    for (const Entry& e : commands())
        names << e.name;
    return names;
}

QString CliApplication::usage()
{
    QString text
        = QStringLiteral("Usage: quayside [options] [command] [command options]\n\n"
                         "Without a command, Quayside opens its window (or runs `doctor` without a display).\n\n"
                         "Commands:\n");
    for (const Entry& e : commands())
        text += QStringLiteral("  %1  %2\n").arg(e.name, -10).arg(e.summary);
    text += QStringLiteral("  %1  %2\n")
                .arg(QStringLiteral("help"), -10)
                .arg(QStringLiteral("Show a command's options"));
    text += QLatin1Char('\n') + CommandLine::globalOptionsHelp();
    text += QLatin1Char('\n') + CommandLine::windowOptionsHelp();
    text += QStringLiteral("\nRun `quayside help <command>` (or `quayside <command> --help`) for a command's options.");
    return text;
}

int CliApplication::run(int argc, char* argv[], const CommandLine& line)
{
    // Secrets pass through this process: never let the kernel write them into a core file.
    disableCoreDumps();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quayside"));
    QCoreApplication::setOrganizationName(QStringLiteral("Quayside"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUAYSIDE_VERSION));
    QTextStream out(stdout);
    switch (line.action) {
    case CommandLine::Action::Version:
        out << "quayside " << QCoreApplication::applicationVersion() << Qt::endl;
        return ExitOk;
    case CommandLine::Action::Help:
        out << usage() << Qt::endl;
        return ExitOk;
    case CommandLine::Action::UsageError:
    case CommandLine::Action::Window:
        QTextStream(stderr) << "error: " << (line.error.isEmpty() ? QStringLiteral("no command") : line.error) << "\n\n"
                            << usage() << Qt::endl;
        return ExitUsage;
    case CommandLine::Action::Command:
        break;
    }

    log::initialize({ .directory = {}, .verbose = line.verbose, .toStderr = true, .stderrLevel = spdlog::level::off });

    // The same settings the window uses (kubeconfig paths, defaults, the profile file, tool paths).
    Preferences preferences;
    Workspace workspace(&preferences, line.overrides);
    workspace.load();
    if (line.verbose && !preferences.problem().isEmpty())
        QTextStream(stderr) << "warning: " << preferences.problem() << Qt::endl;

    for (const Entry& e : commands()) {
        if (e.name != line.command)
            continue;
        std::unique_ptr<Command> command = e.create();
        command->setWorkspace(&workspace);
        command->setVerbose(line.verbose);
        int exitCode = ExitError;
        QObject::connect(command.get(), &Command::finished, &app, [&exitCode](int code) {
            exitCode = code;
            QCoreApplication::exit(code);
        });
        command->start(line.commandArguments);
        app.exec();
        log::flush();
        return exitCode;
    }
    QTextStream(stderr) << "error: unknown command \"" << line.command << "\"\n" << usage() << Qt::endl;
    return ExitUsage;
}

} // namespace quayside::cli
