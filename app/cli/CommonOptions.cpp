#include "cli/CommonOptions.h"

#include <QTextStream>

#include <cstdlib>

namespace quayside::cli {

void CommonOptions::addGlobalOptions(QCommandLineParser& parser, bool shortProfile)
{
    parser.addOption(
        { QStringLiteral("kubeconfig"),
          QStringLiteral("The kubeconfig file(s) (global option; default: $KUBECONFIG, then ~/.kube/config)."),
          QStringLiteral("file") });
    parser.addOption({ QStringLiteral("context"), QStringLiteral("The kubeconfig context (global option)."),
                       QStringLiteral("name") });
    parser.addOption({ { QStringLiteral("n"), QStringLiteral("namespace") },
                       QStringLiteral("The namespace (global option; default: the profile's)."),
                       QStringLiteral("namespace") });
    QStringList profileNames { QStringLiteral("profile") };
    if (shortProfile)
        profileNames.prepend(QStringLiteral("p"));
    parser.addOption({ profileNames,
                       QStringLiteral("The deployment profile (global option; default: ./quayside.yaml, else the "
                                      "shipped todo-chatbot profile)."),
                       QStringLiteral("file") });
    parser.addOption({ { QStringLiteral("v"), QStringLiteral("verbose") },
                       QStringLiteral("Log debug details to stderr (global option).") });
}

void CommonOptions::addOutputOption(QCommandLineParser& parser, const QStringList& formats)
{
    parser.addOption({ { QStringLiteral("o"), QStringLiteral("output") },
                       QStringLiteral("Output format: %1.").arg(formats.join(QStringLiteral(", "))),
                       QStringLiteral("format"),
                       formats.value(0) });
}

QString CommonOptions::outputFormat(const QCommandLineParser& parser, const QStringList& formats, QString* error)
{
    const QString value = parser.value(QStringLiteral("output"));
    if (formats.contains(value))
        return value;
    if (error)
        *error = QStringLiteral("unknown output format \"%1\" (expected %2)")
                     .arg(value, formats.join(QStringLiteral(" or ")));
    return {};
}

bool CommonOptions::parse(QCommandLineParser& parser, const QStringList& arguments, QString* error)
{
    const QCommandLineOption help = parser.addHelpOption();
    // The subcommand itself is arguments[1]; QCommandLineParser expects argv[0] first.
    QStringList args = arguments;
    if (args.size() >= 2)
        args.removeAt(1);
    if (!parser.parse(args)) {
        // Name the option as the user typed it ("--bogus"), not as Qt words it ("Unknown option 'bogus'.").
        const QStringList unknown = parser.unknownOptionNames();
        if (error && !unknown.isEmpty()) {
            const QString& name = unknown.constFirst();
            *error = QStringLiteral("unknown option \"%1%2\"")
                         .arg(name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"), name);
        } else if (error) {
            *error = parser.errorText();
        }
        return false;
    }
    if (parser.isSet(help)) {
        // Qt's text names the executable's path and its own --help-all; say `quayside <command>`.
        QStringList lines = parser.helpText().split(QLatin1Char('\n'));
        if (!lines.isEmpty() && lines.constFirst().startsWith(QLatin1String("Usage: ")))
            lines.first() = QStringLiteral("Usage: quayside %1 [options]%2")
                                .arg(arguments.value(1), lines.constFirst().section(QStringLiteral("[options]"), 1));
        lines.removeIf([](const QString& line) { return line.trimmed().startsWith(QLatin1String("--help-all")); });
        QTextStream(stdout) << lines.join(QLatin1Char('\n'));
        std::exit(0); // as every CLI does for --help
    }
    return true;
}

} // namespace quayside::cli
