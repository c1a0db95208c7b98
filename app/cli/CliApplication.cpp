#include "cli/CliApplication.h"

#include "cli/Command.h"
#include "cli/DoctorCommand.h"
#ifdef HAVE_QUAYSIDE_KUBE
#include "cli/LogsCommand.h"
#include "cli/RestartCommand.h"
#include "cli/ScaleCommand.h"
#include "cli/StatusCommand.h"
#endif
#ifdef HAVE_QUAYSIDE_SECRETS
#include "cli/SecretsCommand.h"
#endif
#ifdef HAVE_QUAYSIDE_PIPELINE
#include "cli/DeployCommand.h"
#include "cli/InitCommand.h"
#include "cli/RollbackCommand.h"
#endif
#include "core/Log.h"
#include "core/SecureMemory.h"

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
#ifdef HAVE_QUAYSIDE_KUBE
        entry<StatusCommand>("status", "Show the Deployments and Pods of a namespace (--watch to follow)"),
        entry<LogsCommand>("logs", "Print the logs of a pod or of every pod of a Deployment"),
        entry<ScaleCommand>("scale", "Set the number of replicas of a Deployment"),
        entry<RestartCommand>("restart", "Restart a Deployment's pods with a rolling update"),
#endif
#ifdef HAVE_QUAYSIDE_SECRETS
        entry<SecretsCommand>("secrets", "Keep the app's secrets in the OS keychain and apply them as a Kubernetes Secret"),
#endif
#ifdef HAVE_QUAYSIDE_PIPELINE
        entry<InitCommand>("init", "Write a commented deployment profile (quayside.yaml) to edit"),
        entry<DeployCommand>("deploy", "Build the images and install the app on Minikube (--dry-run shows the commands)"),
        entry<RollbackCommand>("rollback", "Show the release's revisions, or roll back to one (rollback REVISION)"),
#endif
    };
    return list;
}

bool CliApplication::isCommand(const QString& name)
{
    for (const Entry& e : commands()) {
        if (e.name == name)
            return true;
    }
    return name == QLatin1String("help") || name == QLatin1String("--help") || name == QLatin1String("-h")
        || name == QLatin1String("--version");
}

QString CliApplication::usage()
{
    QString text
        = QStringLiteral("Usage: quayside [command] [options]\n\n"
                         "Without a command, Quayside opens its window (or runs `doctor` without a display).\n\n"
                         "Commands:\n");
    for (const Entry& e : commands())
        text += QStringLiteral("  %1  %2\n").arg(e.name, -10).arg(e.summary);
    text += QStringLiteral("\nRun `quayside <command> --help` for a command's options.");
    return text;
}

int CliApplication::run(int argc, char* argv[])
{
    // Secrets pass through this process: never let the kernel write them into a core file.
    disableCoreDumps();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quayside"));
    QCoreApplication::setOrganizationName(QStringLiteral("Quayside"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUAYSIDE_VERSION));
    const QStringList arguments = QCoreApplication::arguments();
    const QString name = arguments.value(1);
    QTextStream out(stdout);
    if (name == QLatin1String("--version")) {
        out << "quayside " << QCoreApplication::applicationVersion() << Qt::endl;
        return ExitOk;
    }
    if (name.isEmpty() || name == QLatin1String("help") || name == QLatin1String("--help")
        || name == QLatin1String("-h")) {
        out << usage() << Qt::endl;
        return name.isEmpty() ? ExitUsage : ExitOk;
    }

    const bool verbose = arguments.contains(QLatin1String("--verbose")) || arguments.contains(QLatin1String("-v"));
    log::initialize({ .directory = {}, .verbose = verbose, .toStderr = true, .stderrLevel = spdlog::level::off });

    for (const Entry& e : commands()) {
        if (e.name != name)
            continue;
        std::unique_ptr<Command> command = e.create();
        int exitCode = ExitError;
        QObject::connect(command.get(), &Command::finished, &app, [&exitCode](int code) {
            exitCode = code;
            QCoreApplication::exit(code);
        });
        command->start(arguments);
        app.exec();
        log::flush();
        return exitCode;
    }
    QTextStream(stderr) << "error: unknown command \"" << name << "\"\n" << usage() << Qt::endl;
    return ExitUsage;
}

} // namespace quayside::cli
