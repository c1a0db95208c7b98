#include "cli/CliApplication.h"

#include "cli/Command.h"
#include "cli/DoctorCommand.h"
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
