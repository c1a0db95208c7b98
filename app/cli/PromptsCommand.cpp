#include "cli/PromptsCommand.h"

#include "ai/PromptLibrary.h"
#include "ai/PromptVariables.h"
#include "cli/CommonOptions.h"
#include "cli/TextTable.h"
#include "workspace/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace quayside::cli {

QString PromptsCommand::usage()
{
    return QStringLiteral(
        "Usage: quayside prompts [ID] [-o table|json|markdown] [--category CATEGORY] [--var NAME=VALUE]...");
}

void PromptsCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The prompt library of the Ask AI panel and `quayside ask --prompt ID`: deploy, scale, debug, explain and "
        "optimize, filled with the workspace's names. With an ID, that prompt's text."));
    CommonOptions::addGlobalOptions(parser);
    CommonOptions::addOutputOption(parser,
                                   { QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("markdown") });
    parser.addOption({ QStringLiteral("category"),
                       QStringLiteral("Only this category (deploy, scale, debug, explain, optimize)."),
                       QStringLiteral("CATEGORY") });
    parser.addOption({ QStringLiteral("var"), QStringLiteral("Fill a variable of the prompt (repeatable)."),
                       QStringLiteral("NAME=VALUE") });
    parser.addPositionalArgument(QStringLiteral("id"), QStringLiteral("A prompt's id."), QStringLiteral("[ID]"));
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, usage());
    const QString format = CommonOptions::outputFormat(
        parser, { QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("markdown") }, &error);
    if (format.isEmpty())
        return usageError(error, usage());
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return usageError(QStringLiteral("prompts takes at most one prompt id"), usage());

    const ai::PromptLibrary& library = ai::PromptLibrary::builtIn();
    ai::PromptVariables base = ai::PromptVariables::fromWorkspace(
        workspace()->hasProfile() ? &workspace()->profile() : nullptr, workspace()->target());
    ai::PromptVariables given;
    if (!given.setAssignments(parser.values(QStringLiteral("var")), &error))
        return usageError(error, usage());

    if (!positional.isEmpty()) {
        const ai::Prompt* prompt = library.find(positional.first());
        if (!prompt)
            return fail(QStringLiteral("no prompt \"%1\"; `quayside prompts` lists them").arg(positional.first()));
        const ai::PromptVariables::Filled filled = ai::PromptVariables::fill(*prompt, base, given);
        if (format == QLatin1String("json")) {
            QJsonObject object { { QStringLiteral("id"), prompt->id },
                                 { QStringLiteral("text"), filled.text },
                                 { QStringLiteral("missing"), QJsonArray::fromStringList(filled.missing) } };
            writeLine(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed());
        } else {
            writeLine(filled.text);
            if (!filled.missing.isEmpty())
                err() << "note: nothing gave a value for " << filled.missing.join(QStringLiteral(", "))
                      << " (use --var NAME=VALUE)\n"
                      << Qt::flush;
        }
        return finish(ExitOk);
    }

    if (format == QLatin1String("markdown")) {
        base.merge(given);
        out() << library.toMarkdown(base) << Qt::flush;
        return finish(ExitOk);
    }

    const QString category = parser.value(QStringLiteral("category"));
    QJsonArray array;
    TextTable table({ QStringLiteral("ID"), QStringLiteral("CATEGORY"), QStringLiteral("TOOLS"),
                      QStringLiteral("CHANGES"), QStringLiteral("TITLE") });
    for (const ai::Prompt& prompt : library.prompts()) {
        if (!category.isEmpty() && prompt.category != category)
            continue;
        if (format == QLatin1String("json")) {
            const ai::PromptVariables::Filled filled = ai::PromptVariables::fill(prompt, base, given);
            array.append(QJsonObject { { QStringLiteral("id"), prompt.id },
                                       { QStringLiteral("category"), prompt.category },
                                       { QStringLiteral("title"), prompt.title },
                                       { QStringLiteral("tools"), QJsonArray::fromStringList(prompt.tools) },
                                       { QStringLiteral("changes"), prompt.changes },
                                       { QStringLiteral("plan"), prompt.fromPlan },
                                       { QStringLiteral("text"), filled.text },
                                       { QStringLiteral("missing"), QJsonArray::fromStringList(filled.missing) } });
        } else {
            table.addRow({ prompt.id, prompt.category, prompt.tools.join(QLatin1Char(',')),
                           prompt.changes ? QStringLiteral("yes") : QStringLiteral("-"), prompt.title });
        }
    }
    if (format == QLatin1String("json"))
        writeLine(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)).trimmed());
    else
        writeLine(table.toString().trimmed());
    finish(ExitOk);
}

} // namespace quayside::cli
