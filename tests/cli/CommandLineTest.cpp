#include "cli/CommandLine.h"

#include "cli/CliApplication.h"

#include <QTest>

using quayside::cli::CliApplication;
using quayside::cli::CommandLine;

Q_DECLARE_METATYPE(CommandLine::Action)

namespace {

const QString kProgram = QStringLiteral("/usr/bin/quayside");

CommandLine parseLine(const QStringList& arguments)
{
    return CommandLine::parse(QStringList { kProgram } + arguments, CliApplication::commandNames());
}

} // namespace

// The command line as kubectl reads its own: global options before or after the subcommand, in every
// spelling, taken out before the subcommand's parser sees its arguments.
class CommandLineTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void globalOptions_data()
    {
        QTest::addColumn<QStringList>("options"); // put before the command, then after it
        QTest::addColumn<QString>("kubeconfig");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<bool>("verbose");
        using L = QStringList;
        QTest::newRow("--kubeconfig K") << L { "--kubeconfig", "/k/config" } << "/k/config"
                                        << ""
                                        << ""
                                        << "" << false;
        QTest::newRow("--kubeconfig=K") << L { "--kubeconfig=/k/config" } << "/k/config"
                                        << ""
                                        << ""
                                        << "" << false;
        QTest::newRow("--kubeconfig a:b") << L { "--kubeconfig", "/k/a:/k/b" } << "/k/a:/k/b"
                                          << ""
                                          << ""
                                          << "" << false;
        QTest::newRow("--context C") << L { "--context", "dev" } << ""
                                     << "dev"
                                     << ""
                                     << "" << false;
        QTest::newRow("--context=C") << L { "--context=dev" } << ""
                                     << "dev"
                                     << ""
                                     << "" << false;
        QTest::newRow("-n x") << L { "-n", "team" } << ""
                              << ""
                              << "team"
                              << "" << false;
        QTest::newRow("-n=x") << L { "-n=team" } << ""
                              << ""
                              << "team"
                              << "" << false;
        QTest::newRow("-nx") << L { "-nteam" } << ""
                             << ""
                             << "team"
                             << "" << false;
        QTest::newRow("--namespace x") << L { "--namespace", "team" } << ""
                                       << ""
                                       << "team"
                                       << "" << false;
        QTest::newRow("--namespace=x") << L { "--namespace=team" } << ""
                                       << ""
                                       << "team"
                                       << "" << false;
        QTest::newRow("-p F") << L { "-p", "app.yaml" } << ""
                              << ""
                              << ""
                              << "app.yaml" << false;
        QTest::newRow("-pF") << L { "-papp.yaml" } << ""
                             << ""
                             << ""
                             << "app.yaml" << false;
        QTest::newRow("--profile F") << L { "--profile", "app.yaml" } << ""
                                     << ""
                                     << ""
                                     << "app.yaml" << false;
        QTest::newRow("--profile=F") << L { "--profile=app.yaml" } << ""
                                     << ""
                                     << ""
                                     << "app.yaml" << false;
        QTest::newRow("-v") << L { "-v" } << ""
                            << ""
                            << ""
                            << "" << true;
        QTest::newRow("--verbose") << L { "--verbose" } << ""
                                   << ""
                                   << ""
                                   << "" << true;
        QTest::newRow("all of them")
            << L { "--kubeconfig=/k/config", "--context", "dev", "-nteam", "-p", "app.yaml", "-v" } << "/k/config"
            << "dev"
            << "team"
            << "app.yaml" << true;
        QTest::newRow("the last one wins") << L { "-n", "first", "--namespace=second" } << ""
                                           << ""
                                           << "second"
                                           << "" << false;
        QTest::newRow("a value that looks like a command") << L { "--context", "status" } << ""
                                                           << "status"
                                                           << ""
                                                           << "" << false;
    }

    // The same options before the command, after it, and split around it give the same command line.
    void globalOptions()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, kubeconfig);
        QFETCH(QString, context);
        QFETCH(QString, nameSpace);
        QFETCH(QString, profile);
        QFETCH(bool, verbose);
        const QStringList command { QStringLiteral("status"), QStringLiteral("-o"), QStringLiteral("json") };
        const QList<QStringList> orders {
            options + command,
            command + options,
            QStringList { command.first() } + options + command.mid(1),
        };
        for (const QStringList& arguments : orders) {
            const CommandLine line = parseLine(arguments);
            QVERIFY2(line.action == CommandLine::Action::Command,
                     qPrintable(arguments.join(QLatin1Char(' ')) + QStringLiteral(": ") + line.error));
            QCOMPARE(line.error, QString());
            QCOMPARE(line.command, QStringLiteral("status"));
            QCOMPARE(line.commandArguments, QStringList { kProgram } + command);
            QCOMPARE(line.overrides.kubeconfigFiles, kubeconfig.isEmpty() ? QStringList() : QStringList { kubeconfig });
            QCOMPARE(line.overrides.context, context);
            QCOMPARE(line.overrides.nameSpace, nameSpace);
            QCOMPARE(line.overrides.profileFile, profile);
            QCOMPARE(line.verbose, verbose);
            QCOMPARE(line.windowArguments, QStringList { kProgram });
        }
    }

    void parse_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<CommandLine::Action>("action");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("commandArguments"); // after argv[0]
        QTest::addColumn<QStringList>("windowArguments"); // after argv[0]
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("nameSpace");
        QTest::addColumn<QString>("error"); // a part of it
        using L = QStringList;
        using A = CommandLine::Action;

        QTest::newRow("no arguments") << L {} << A::Window << "" << L {} << L {} << ""
                                      << ""
                                      << "";
        QTest::newRow("window with global options")
            << L { "--kubeconfig", "/k", "-n", "team" } << A::Window << "" << L {} << L {} << ""
            << "team"
            << "";
        QTest::newRow("window options") << L { "--page", "deploy", "--logs=backend", "-n", "team", "--metrics-interval",
                                               "5" }
                                        << A::Window << "" << L {}
                                        << L { "--page=deploy", "--logs=backend", "--metrics-interval=5" } << ""
                                        << "team"
                                        << "";
        QTest::newRow("help") << L { "help" } << A::Help << "" << L {} << L {} << ""
                              << ""
                              << "";
        QTest::newRow("--help") << L { "--help" } << A::Help << "" << L {} << L {} << ""
                                << ""
                                << "";
        QTest::newRow("-h") << L { "-h" } << A::Help << "" << L {} << L {} << ""
                            << ""
                            << "";
        QTest::newRow("help status") << L { "help", "status" } << A::Command << "status" << L { "status", "--help" }
                                     << L {} << ""
                                     << ""
                                     << "";
        QTest::newRow("--help status") << L { "--help", "status" } << A::Command << "status" << L { "status", "--help" }
                                       << L {} << ""
                                       << ""
                                       << "";
        QTest::newRow("status --help") << L { "status", "--help" } << A::Command << "status" << L { "status", "--help" }
                                       << L {} << ""
                                       << ""
                                       << "";
        QTest::newRow("help with global options")
            << L { "-n", "team", "help", "logs" } << A::Command << "logs" << L { "logs", "--help" } << L {} << ""
            << "team"
            << "";
        QTest::newRow("help for an unknown command")
            << L { "help", "stauts" } << A::UsageError << "" << L {} << L {} << ""
            << ""
            << "stauts";
        QTest::newRow("--version") << L { "--version" } << A::Version << "" << L {} << L {} << ""
                                   << ""
                                   << "";
        QTest::newRow("--version after global options")
            << L { "-n", "x", "--version" } << A::Version << "" << L {} << L {} << ""
            << "x"
            << "";
        QTest::newRow("unknown command") << L { "stauts" } << A::UsageError << "" << L {} << L {} << ""
                                         << ""
                                         << "stauts";
        QTest::newRow("unknown option before a command")
            << L { "--bogus", "status" } << A::UsageError << "" << L {} << L {} << ""
            << ""
            << "--bogus";
        QTest::newRow("unknown short option before a command")
            << L { "-x", "status" } << A::UsageError << "" << L {} << L {} << ""
            << ""
            << "-x";
        QTest::newRow("unknown option alone") << L { "--bogus" } << A::UsageError << "" << L {} << L {} << ""
                                              << ""
                                              << "--bogus";
        QTest::newRow("-v takes no value")
            << L { "--verbose=yes", "status" } << A::UsageError << "" << L {} << L {} << ""
            << ""
            << "--verbose";
        // After the command, the command's own parser knows its options and names the unknown ones.
        QTest::newRow("unknown option after the command")
            << L { "status", "--bogus" } << A::Command << "status" << L { "status", "--bogus" } << L {} << ""
            << ""
            << "";
        QTest::newRow("a window option with a command")
            << L { "--page", "deploy", "status" } << A::UsageError << "" << L {} << L {} << ""
            << ""
            << "--page";
        QTest::newRow("--logs before the logs command")
            << L { "--logs=backend", "logs", "pod" } << A::UsageError << "" << L {} << L {} << ""
            << ""
            << "--logs";
        QTest::newRow("--context without its value")
            << L { "status", "--context" } << A::UsageError << "" << L {} << L {} << ""
            << ""
            << "--context";
        QTest::newRow("--context last, no command") << L { "--context" } << A::UsageError << "" << L {} << L {} << ""
                                                    << ""
                                                    << "--context";
        QTest::newRow("an empty value") << L { "--namespace=", "status" } << A::UsageError << "" << L {} << L {} << ""
                                        << ""
                                        << "--namespace";
        QTest::newRow("a window option without its value")
            << L { "--page" } << A::UsageError << "" << L {} << L {} << ""
            << ""
            << "--page";
        QTest::newRow("logs -p is --previous")
            << L { "logs", "-p", "pod" } << A::Command << "logs" << L { "logs", "-p", "pod" } << L {} << ""
            << ""
            << "";
        QTest::newRow("logs --profile") << L { "logs", "--profile", "app.yaml", "pod", "-p" } << A::Command << "logs"
                                        << L { "logs", "pod", "-p" } << L {} << "app.yaml"
                                        << ""
                                        << "";
        QTest::newRow("-p before logs is the profile") << L { "-p", "app.yaml", "logs", "-p", "pod" } << A::Command
                                                       << "logs" << L { "logs", "-p", "pod" } << L {} << "app.yaml"
                                                       << ""
                                                       << "";
        QTest::newRow("-p after another command is the profile")
            << L { "status", "-p", "app.yaml" } << A::Command << "status" << L { "status" } << L {} << "app.yaml"
            << ""
            << "";
        QTest::newRow("-- ends option scanning") << L { "logs", "-n", "team", "--", "-n", "x", "-p", "F" } << A::Command
                                                 << "logs" << L { "logs", "--", "-n", "x", "-p", "F" } << L {} << ""
                                                 << "team"
                                                 << "";
        QTest::newRow("-- after the command, globals after it are the command's")
            << L { "secrets", "set", "--", "--profile" } << A::Command << "secrets"
            << L { "secrets", "set", "--", "--profile" } << L {} << ""
            << ""
            << "";
        QTest::newRow("command options stay in order")
            << L { "logs", "deploy/backend", "-f", "-n", "team", "--tail", "-1", "-c", "api" } << A::Command << "logs"
            << L { "logs", "deploy/backend", "-f", "--tail", "-1", "-c", "api" } << L {} << ""
            << "team"
            << "";
        QTest::newRow("a second word is the command's")
            << L { "secrets", "list", "-n", "team" } << A::Command << "secrets" << L { "secrets", "list" } << L {} << ""
            << "team"
            << "";
        QTest::newRow("a command name as an argument")
            << L { "rollback", "status" } << A::Command << "rollback" << L { "rollback", "status" } << L {} << ""
            << ""
            << "";
    }

    void parse()
    {
        QFETCH(QStringList, arguments);
        QFETCH(CommandLine::Action, action);
        QFETCH(QString, command);
        QFETCH(QStringList, commandArguments);
        QFETCH(QStringList, windowArguments);
        QFETCH(QString, profile);
        QFETCH(QString, nameSpace);
        QFETCH(QString, error);
        const CommandLine line = parseLine(arguments);
        QVERIFY2(line.action == action,
                 qPrintable(QStringLiteral("action %1, error \"%2\"").arg(int(line.action)).arg(line.error)));
        if (action == CommandLine::Action::UsageError) {
            QVERIFY2(line.error.contains(error), qPrintable(line.error));
            return;
        }
        QCOMPARE(line.error, QString());
        QCOMPARE(line.command, command);
        QCOMPARE(line.commandArguments,
                 action == CommandLine::Action::Command ? QStringList { kProgram } + commandArguments : QStringList());
        QCOMPARE(line.windowArguments, QStringList { kProgram } + windowArguments);
        QCOMPARE(line.overrides.profileFile, profile);
        QCOMPARE(line.overrides.nameSpace, nameSpace);
    }

    // Every known command is a command, whatever options come first.
    void everyCommand_data()
    {
        QTest::addColumn<QString>("command");
        for (const QString& name : CliApplication::commandNames())
            QTest::newRow(qPrintable(name)) << name;
    }

    void everyCommand()
    {
        QFETCH(QString, command);
        for (const QStringList& arguments :
             { QStringList { command }, QStringList { QStringLiteral("-v"), command },
               QStringList { QStringLiteral("--context=dev"), QStringLiteral("-n"), QStringLiteral("x"), command },
               QStringList { QStringLiteral("help"), command } }) {
            const CommandLine line = parseLine(arguments);
            QCOMPARE(line.action, CommandLine::Action::Command);
            QCOMPARE(line.command, command);
            QCOMPARE(line.commandArguments.value(1), command);
        }
    }

    // Every command's --help lists the global options.
    void globalOptionsHelp()
    {
        const QString help = CommandLine::globalOptionsHelp();
        for (const char* option : { "--kubeconfig", "--context", "-n, --namespace", "-p, --profile", "-v, --verbose" })
            QVERIFY2(help.contains(QLatin1String(option)), option);
        QVERIFY(CliApplication::usage().contains(help));
    }
};

QTEST_GUILESS_MAIN(CommandLineTest)
#include "CommandLineTest.moc"
