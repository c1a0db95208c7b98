#include "cli/AskCommand.h"

#include "ai/AiKeyStore.h"
#include "ai/AiSettings.h"
#include "ai/AiToolProbe.h"
#include "ai/AskJob.h"
#include "ai/PromptLibrary.h"
#include "ai/PromptVariables.h"
#include "cli/CommonOptions.h"
#include "core/SecureMemory.h"
#include "keychain/Keychain.h"
#include "process/ProcessToolRunner.h"
#include "secrets/SecretStore.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QFile>

#include <cstdio>

namespace quayside::cli {

QString AskCommand::usage()
{
    return QStringLiteral("Usage: quayside ask [--tool kubectl-ai|kagent] [--prompt ID] [--var NAME=VALUE]... "
                          "[--provider NAME] [--model NAME] [--timeout SECONDS] [--dry-run] [\"question\"]\n"
                          "       quayside ask --set-api-key [--provider NAME]   (the key is read from stdin)");
}

AskCommand::AskCommand() = default;

AskCommand::~AskCommand() = default;

void AskCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Ask an AI tool (kubectl-ai or kagent) about the workspace's cluster; the answer streams to stdout. Read-only: "
        "the kubectl commands it proposes are listed at the end, for you to run."));
    CommonOptions::addGlobalOptions(parser);
    parser.addOption({ QStringLiteral("tool"), QStringLiteral("kubectl-ai (default: Settings → AI) or kagent."),
                       QStringLiteral("TOOL") });
    parser.addOption({ QStringLiteral("prompt"), QStringLiteral("A prompt of the library (`quayside prompts`)."),
                       QStringLiteral("ID") });
    parser.addOption({ QStringLiteral("var"), QStringLiteral("Fill a variable of the prompt (repeatable)."),
                       QStringLiteral("NAME=VALUE") });
    parser.addOption({ QStringLiteral("provider"), QStringLiteral("kubectl-ai's --llm-provider (default: Settings)."),
                       QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("model"), QStringLiteral("kubectl-ai's --model (default: Settings)."),
                       QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("timeout"),
                       QStringLiteral("Stop the tool after this long (default: Settings, 180)."),
                       QStringLiteral("SECONDS") });
    parser.addOption({ QStringLiteral("dry-run"), QStringLiteral("Print the command that would run, and stop.") });
    parser.addOption({ QStringLiteral("set-api-key"),
                       QStringLiteral("Store the provider's API key (read from stdin) in the keychain, and stop.") });
    parser.addPositionalArgument(QStringLiteral("question"), QStringLiteral("What to ask (added to --prompt's text)."),
                                 QStringLiteral("[\"question\"]"));
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, usage());

    const Preferences& preferences = *workspace()->preferences();
    m_provider = parser.isSet(QStringLiteral("provider")) ? parser.value(QStringLiteral("provider"))
                                                          : preferences.aiProvider();
    if (parser.isSet(QStringLiteral("set-api-key")))
        return setApiKey(m_provider);

    m_toolId = parser.isSet(QStringLiteral("tool")) ? parser.value(QStringLiteral("tool")) : preferences.aiTool();
    const std::optional<ai::AiToolKind> kind = ai::AiTool::fromId(m_toolId);
    if (!kind)
        return usageError(QStringLiteral("--tool takes kubectl-ai or kagent, got \"%1\"").arg(m_toolId), usage());
    m_promptId = parser.value(QStringLiteral("prompt"));
    m_question = parser.positionalArguments().join(QLatin1Char(' ')).trimmed();
    m_variableArgs = parser.values(QStringLiteral("var"));
    m_model = parser.isSet(QStringLiteral("model")) ? parser.value(QStringLiteral("model")) : preferences.aiModel();
    m_dryRun = parser.isSet(QStringLiteral("dry-run"));
    if (parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        m_timeoutSeconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || m_timeoutSeconds < 1)
            return usageError(QStringLiteral("--timeout needs a number of seconds, got \"%1\"")
                                  .arg(parser.value(QStringLiteral("timeout"))),
                              usage());
    }
    if (m_promptId.isEmpty() && m_question.isEmpty())
        return usageError(QStringLiteral("ask needs a question or --prompt ID (`quayside prompts` lists them)"),
                          usage());
    if (!m_promptId.isEmpty() && !ai::PromptLibrary::builtIn().find(m_promptId))
        return usageError(QStringLiteral("no prompt \"%1\"; `quayside prompts` lists them").arg(m_promptId), usage());
    ai::PromptVariables check;
    if (!check.setAssignments(m_variableArgs, &error))
        return usageError(error, usage());
    if (*kind == ai::AiToolKind::Gordon) {
        return usageError(
            QStringLiteral("Gordon (docker ai) has only an interactive terminal UI; run `docker ai \"…\"` "
                           "yourself (`quayside prompts ID` prints a prompt), or use the Ask AI panel's "
                           "Open in terminal"),
            usage());
    }

    m_runner = std::make_unique<ProcessToolRunner>();
    m_keychain = std::make_unique<Keychain>(QStringLiteral("quayside"), std::chrono::seconds(10));
    m_keys = new ai::AiKeyStore(m_keychain.get(), this);
    m_probe = new ai::AiToolProbe(m_runner.get(), this);
    learnSecretsThen([this] { probeThen([this] { ask(); }); });
}

void AskCommand::setApiKey(const QString& provider)
{
    const ai::AiProvider info = ai::AiProvider::get(provider);
    if (info.keyVariable.isEmpty())
        return usageError(QStringLiteral("provider \"%1\" takes no API key (%2)").arg(provider, info.displayName),
                          usage());
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the key from stdin"));
    QByteArray key = in.readAll().trimmed();
    if (key.isEmpty())
        return usageError(QStringLiteral("no key on stdin: echo -n KEY | quayside ask --set-api-key --provider %1")
                              .arg(provider.isEmpty() ? QStringLiteral("gemini") : provider),
                          usage());
    m_keychain = std::make_unique<Keychain>(QStringLiteral("quayside"), std::chrono::seconds(10));
    m_keys = new ai::AiKeyStore(m_keychain.get(), this);
    m_keys->write(provider, std::move(key), this, [this, info, provider](const KeychainError& error) {
        if (!error.ok())
            return fail(QStringLiteral("the keychain refused the key: %1 %2")
                            .arg(error.message, KeychainError::fixFor(error.code)));
        writeLine(QStringLiteral("Stored the %1 API key in the keychain (item %2); kubectl-ai gets it as %3.")
                      .arg(info.displayName, ai::AiProvider::keychainKey(provider), info.keyVariable));
        finish(ExitOk);
    });
}

void AskCommand::learnSecretsThen(std::function<void()> next)
{
    // Reading the profile's secrets registers their values with the Redactor, so none of them can reach
    // the prompt, an argument or this output, whatever text they hide in.
    // The provider's key is read (and so registered) first too, so even a key pasted into the question
    // shows as *** in the command line printed by --dry-run and --verbose.
    auto readKey = [this, next = std::move(next)] {
        m_keys->read(m_provider, this, [next](QByteArray&, const KeychainError&) { next(); });
    };
    if (!workspace()->hasProfile()) {
        readKey();
        return;
    }
    m_secrets = new SecretStore(m_keychain.get(), workspace()->profile().secrets, this);
    connect(m_secrets, &SecretStore::refreshed, this, [this, readKey = std::move(readKey)] {
        const KeychainError error = m_secrets->keychainError();
        if (!error.ok())
            err() << "warning: the app's secrets could not be read from the keychain (" << error.message
                  << "), so Quayside cannot recognise their values in what it sends.\n"
                  << Qt::flush;
        readKey();
    });
    m_secrets->refresh();
}

void AskCommand::probeThen(std::function<void()> next)
{
    if (m_toolId != QLatin1String("kagent")) {
        next();
        return;
    }
    // kagent's command line has changed shape twice; ask it which one this is.
    connect(
        m_probe, &ai::AiToolProbe::statusChanged, this, [next = std::move(next)](ai::AiToolKind) { next(); },
        Qt::SingleShotConnection);
    m_probe->probe(ai::AiToolKind::Kagent);
}

void AskCommand::ask()
{
    const ai::AiToolKind kind = *ai::AiTool::fromId(m_toolId);
    const ai::AiTool& tool = ai::AiTool::get(kind);
    if (kind == ai::AiToolKind::Kagent) {
        const ai::AiToolProbe::Status status = m_probe->status(kind);
        if (!status.installed)
            return fail(tool.installHint());
        if (!status.problem.isEmpty())
            return fail(status.problem);
    }

    const ai::PromptLibrary& library = ai::PromptLibrary::builtIn();
    const ai::PromptVariables base = ai::PromptVariables::fromWorkspace(
        workspace()->hasProfile() ? &workspace()->profile() : nullptr, workspace()->target());
    ai::PromptVariables given;
    given.setAssignments(m_variableArgs, nullptr);
    QString text;
    if (!m_promptId.isEmpty()) {
        const ai::PromptVariables::Filled filled = ai::PromptVariables::fill(*library.find(m_promptId), base, given);
        if (!filled.missing.isEmpty())
            err() << "note: nothing gave a value for " << filled.missing.join(QStringLiteral(", "))
                  << " (use --var NAME=VALUE)\n"
                  << Qt::flush;
        text = filled.text;
    }
    if (!m_question.isEmpty()) {
        ai::PromptVariables all = base;
        all.merge(given);
        const QString question = all.fill(m_question).text;
        text = text.isEmpty() ? question : text + QStringLiteral("\n\n") + question;
    }

    ai::AskJob::Spec spec;
    spec.tool = kind;
    spec.prompt = text;
    spec.target = workspace()->target();
    spec.settings = ai::AiSettings::fromPreferences(*workspace()->preferences());
    spec.settings.provider = m_provider;
    spec.settings.model = m_model;
    if (m_timeoutSeconds > 0)
        spec.settings.timeout = std::chrono::seconds(m_timeoutSeconds);
    spec.kagent = m_probe->status(ai::AiToolKind::Kagent).kagent;
    spec.readOnlyInstruction = library.readOnlyInstruction();
    m_job = new ai::AskJob(m_runner.get(), m_keys, spec, this);

    if (m_dryRun) {
        if (!m_job->problem().isEmpty())
            return fail(m_job->problem());
        writeLine(m_job->commandLine());
        return finish(ExitOk);
    }
    if (verbose())
        err() << "running: " << m_job->commandLine() << '\n' << Qt::flush;
    const bool isKagent = kind == ai::AiToolKind::Kagent;
    connect(m_job, &ai::AskJob::outputLine, this, [this, isKagent](const QString& line, bool standardError) {
        if (standardError)
            err() << line << '\n' << Qt::flush;
        else if (!isKagent)
            writeLine(line);
    });
    connect(m_job, &ai::AskJob::finished, this, [this, isKagent](const ai::AskJob::Result& result) {
        // kagent answers with one JSON document; its text is printed once it is complete.
        if (isKagent)
            writeLine(result.answer.trimmed());
        QStringList runnable;
        for (const ai::ProposedCommand& command : result.proposals)
            runnable << QStringLiteral("  %1%2").arg(
                command.text, command.canRun() ? QString() : QStringLiteral("   # ") + command.refusal);
        if (!runnable.isEmpty()) {
            writeLine(QString());
            writeLine(
                QStringLiteral("Proposed commands (nothing was changed; run them yourself, or with Run in the Ask "
                               "AI panel):"));
            for (const QString& line : std::as_const(runnable))
                writeLine(line);
        }
        if (!result.ok)
            return fail(result.message);
        finish(ExitOk);
    });
    m_job->start();
}

} // namespace quayside::cli
