#include "cli/CommandLine.h"

#include <optional>

namespace quayside::cli {

namespace {

enum class Global { Kubeconfig, Context, Namespace, Profile, Verbose };

struct OptionSpec
{
    QString longName;
    QString shortName; // empty: none
    bool takesValue;
};

struct GlobalSpec
{
    Global id;
    OptionSpec spec;
};

const QList<GlobalSpec>& globalOptions()
{
    static const QList<GlobalSpec> list = {
        { Global::Kubeconfig, { QStringLiteral("kubeconfig"), {}, true } },
        { Global::Context, { QStringLiteral("context"), {}, true } },
        { Global::Namespace, { QStringLiteral("namespace"), QStringLiteral("n"), true } },
        { Global::Profile, { QStringLiteral("profile"), QStringLiteral("p"), true } },
        { Global::Verbose, { QStringLiteral("verbose"), QStringLiteral("v"), false } },
    };
    return list;
}

// Options only the window knows; they take a value.
const QStringList& windowOptions()
{
    static const QStringList list
        = { QStringLiteral("page"), QStringLiteral("logs"), QStringLiteral("metrics-interval") };
    return list;
}

// The window's switches (no value).
const QStringList& windowFlags()
{
    static const QStringList list = { QStringLiteral("new-instance") };
    return list;
}

// One option token split into its name and an inline value (`--name=value`, `-nvalue`, `-n=value`).
struct Token
{
    bool isLong = false;
    QString name;
    std::optional<QString> inlineValue;
};

std::optional<Token> splitOption(const QString& arg)
{
    if (arg.size() < 2 || !arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("--"))
        return std::nullopt;
    Token token;
    if (arg.startsWith(QLatin1String("--"))) {
        token.isLong = true;
        const QString body = arg.mid(2);
        const qsizetype eq = body.indexOf(QLatin1Char('='));
        token.name = eq < 0 ? body : body.left(eq);
        if (eq >= 0)
            token.inlineValue = body.mid(eq + 1);
        return token;
    }
    token.name = arg.mid(1, 1);
    if (arg.size() > 2)
        token.inlineValue = arg.at(2) == QLatin1Char('=') ? arg.mid(3) : arg.mid(2);
    return token;
}

std::optional<GlobalSpec> findGlobal(const Token& token, const QString& command)
{
    for (const GlobalSpec& g : globalOptions()) {
        if (token.isLong ? token.name != g.spec.longName : token.name != g.spec.shortName || g.spec.shortName.isEmpty())
            continue;
        // After `logs`, -p is kubectl's --previous; --profile still works there.
        if (!token.isLong && g.id == Global::Profile && command == QLatin1String("logs"))
            return std::nullopt;
        // -v takes no value: "-vx" is not -v.
        if (!g.spec.takesValue && token.inlineValue && !token.isLong)
            return std::nullopt;
        return g;
    }
    return std::nullopt;
}

void assign(CommandLine& line, Global id, const QString& value)
{
    switch (id) {
    case Global::Kubeconfig:
        line.overrides.kubeconfigFiles = { value };
        break;
    case Global::Context:
        line.overrides.context = value;
        break;
    case Global::Namespace:
        line.overrides.nameSpace = value;
        break;
    case Global::Profile:
        line.overrides.profileFile = value;
        break;
    case Global::Verbose:
        line.verbose = true;
        break;
    }
}

CommandLine usageError(const QString& message)
{
    CommandLine line;
    line.action = CommandLine::Action::UsageError;
    line.error = message;
    return line;
}

} // namespace

CommandLine CommandLine::parse(const QStringList& arguments, const QStringList& commands)
{
    CommandLine line;
    const QString program = arguments.value(0, QStringLiteral("quayside"));
    line.windowArguments << program;
    bool helpRequested = false;
    bool optionsEnded = false;
    QStringList rest; // the command's own arguments
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& arg = arguments.at(i);
        if (optionsEnded) {
            rest << arg;
            continue;
        }
        if (arg == QLatin1String("--")) {
            // Everything after belongs to the command (kubectl exec's convention).
            if (!line.command.isEmpty())
                rest << arg;
            optionsEnded = !line.command.isEmpty();
            continue;
        }
        const std::optional<Token> token = splitOption(arg);
        if (!token) {
            if (line.command.isEmpty()) {
                if (arg == QLatin1String("help")) {
                    helpRequested = true;
                    // `help COMMAND` is `COMMAND --help`.
                    if (i + 1 < arguments.size() && !arguments.at(i + 1).startsWith(QLatin1Char('-'))) {
                        line.command = arguments.at(++i);
                        if (!commands.contains(line.command))
                            return usageError(QStringLiteral("unknown command \"%1\"").arg(line.command));
                        rest << QStringLiteral("--help");
                    }
                    continue;
                }
                if (!commands.contains(arg))
                    return usageError(QStringLiteral("unknown command \"%1\"").arg(arg));
                line.command = arg;
            } else {
                rest << arg;
            }
            continue;
        }
        if (const std::optional<GlobalSpec> global = findGlobal(*token, line.command)) {
            QString value;
            if (global->spec.takesValue) {
                if (token->inlineValue) {
                    value = *token->inlineValue;
                } else if (i + 1 < arguments.size()) {
                    value = arguments.at(++i);
                } else {
                    return usageError(QStringLiteral("option \"%1\" needs a value").arg(arg));
                }
                if (value.isEmpty())
                    return usageError(QStringLiteral("option \"%1\" needs a value").arg(arg));
            } else if (token->inlineValue) {
                return usageError(QStringLiteral("option \"--%1\" takes no value").arg(token->name));
            }
            assign(line, global->id, value);
            continue;
        }
        if (!line.command.isEmpty()) {
            rest << arg; // the command's parser knows its own options and names the unknown ones
            continue;
        }
        // Before any command: help, version, the window's options, or an error.
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            helpRequested = true;
            continue;
        }
        if (arg == QLatin1String("--version")) {
            line.action = Action::Version;
            return line;
        }
        if (token->isLong && windowOptions().contains(token->name)) {
            QString value;
            if (token->inlineValue)
                value = *token->inlineValue;
            else if (i + 1 < arguments.size())
                value = arguments.at(++i);
            else
                return usageError(QStringLiteral("option \"%1\" needs a value").arg(arg));
            line.windowArguments << QStringLiteral("--%1=%2").arg(token->name, value);
            continue;
        }
        if (token->isLong && windowFlags().contains(token->name)) {
            if (token->inlineValue)
                return usageError(QStringLiteral("option \"--%1\" takes no value").arg(token->name));
            line.windowArguments << QStringLiteral("--%1").arg(token->name);
            continue;
        }
        return usageError(QStringLiteral("unknown option \"%1\"").arg(arg));
    }

    if (line.command.isEmpty()) {
        line.action = helpRequested ? Action::Help : Action::Window;
        return line;
    }
    if (line.windowArguments.size() > 1) {
        return usageError(QStringLiteral("%1 is an option of the window, not of `%2`")
                              .arg(line.windowArguments.at(1).section(QLatin1Char('='), 0, 0), line.command));
    }
    line.action = Action::Command;
    line.commandArguments << program << line.command << rest;
    // `quayside --help status` is `quayside status --help`, as with kubectl.
    if (helpRequested && !rest.contains(QLatin1String("--help")))
        line.commandArguments << QStringLiteral("--help");
    return line;
}

QString CommandLine::windowOptionsHelp()
{
    return QStringLiteral(
        "Window options (without a command):\n"
        "  --page <name>             The page to show: prerequisites, secrets, deploy, dashboard, ask-ai.\n"
        "  --logs <target>           What the log pane follows first: deploy/NAME or a pod.\n"
        "  --metrics-interval <s>    Seconds between CPU/memory polls (default: Settings').\n"
        "  --new-instance            Open another window even when Quayside is already running (otherwise\n"
        "                            the running window comes to the front and takes these options).\n");
}

QString CommandLine::globalOptionsHelp()
{
    return QStringLiteral(
        "Global options (before or after the command):\n"
        "  --kubeconfig <file>       The kubeconfig file(s) to use (several separated as in $KUBECONFIG).\n"
        "  --context <name>          The kubeconfig context to use.\n"
        "  -n, --namespace <name>    The namespace (default: the profile's).\n"
        "  -p, --profile <file>      The deployment profile (default: ./quayside.yaml, else the shipped one).\n"
        "                            After `logs`, -p is kubectl's --previous; use --profile there.\n"
        "  -v, --verbose             Log debug details to stderr.\n");
}

} // namespace quayside::cli
