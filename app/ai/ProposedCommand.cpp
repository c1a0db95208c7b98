#include "ai/ProposedCommand.h"

#include "process/ShellQuote.h"
#include "workspace/ClusterTarget.h"

#include <QRegularExpression>
#include <QSet>

namespace quayside::ai {

namespace {

// kubectl's verbs that only read (kubectl-ai keeps a similar list to decide when to ask first).
bool readOnly(const QStringList& words)
{
    static const QSet<QString> verbs { QStringLiteral("get"),          QStringLiteral("describe"),
                                       QStringLiteral("logs"),         QStringLiteral("top"),
                                       QStringLiteral("explain"),      QStringLiteral("events"),
                                       QStringLiteral("version"),      QStringLiteral("api-resources"),
                                       QStringLiteral("api-versions"), QStringLiteral("cluster-info"),
                                       QStringLiteral("diff"),         QStringLiteral("wait") };
    const QString verb = words.value(1);
    if (verbs.contains(verb))
        return true;
    const QString sub = words.value(2);
    if (verb == QLatin1String("rollout"))
        return sub == QLatin1String("status") || sub == QLatin1String("history");
    if (verb == QLatin1String("auth"))
        return sub == QLatin1String("can-i") || sub == QLatin1String("whoami");
    if (verb == QLatin1String("config"))
        return sub == QLatin1String("view") || sub == QLatin1String("get-contexts")
            || sub == QLatin1String("current-context");
    return false;
}

// Flags that point kubectl at another cluster, identity or file: the command would not act on what
// Quayside shows, so it is not run from here.
QString targetFlag(const QStringList& words)
{
    static const QStringList flags { QStringLiteral("--kubeconfig"), QStringLiteral("--context"),
                                     QStringLiteral("--cluster"),    QStringLiteral("--user"),
                                     QStringLiteral("--server"),     QStringLiteral("-s"),
                                     QStringLiteral("--token"),      QStringLiteral("--as"),
                                     QStringLiteral("--as-group"),   QStringLiteral("--as-uid") };
    for (const QString& word : words) {
        for (const QString& flag : flags) {
            if (word == flag || word.startsWith(flag + QLatin1Char('=')))
                return flag;
        }
    }
    return {};
}

bool hasFlag(const QStringList& words, const QStringList& names)
{
    for (const QString& word : words) {
        for (const QString& name : names) {
            if (word == name || word.startsWith(name + QLatin1Char('=')))
                return true;
            // -ojson style short flags glued to their value
            if (name.size() == 2 && name.startsWith(QLatin1Char('-')) && word.startsWith(name) && word.size() > 2
                && !word.startsWith(QLatin1String("--")))
                return true;
        }
    }
    return false;
}

} // namespace

ProposedCommand ProposedCommand::parse(const QString& text)
{
    ProposedCommand command;
    command.text = text.trimmed();
    QString error;
    if (!shellSplit(command.text, &command.words, &error)) {
        command.refusal = QStringLiteral("Not run from Quayside: %1. Copy it to a terminal if you want it.").arg(error);
        command.changes = true;
        return command;
    }
    if (command.words.value(0) != QLatin1String("kubectl")) {
        command.refusal = QStringLiteral("Only kubectl commands are run from Quayside.");
        command.changes = true;
        return command;
    }
    command.changes = !readOnly(command.words);
    const QString verb = command.words.value(1);
    if (const QString flag = targetFlag(command.words); !flag.isEmpty()) {
        command.refusal
            = QStringLiteral("It names its own %1, so it would not act on the cluster Quayside shows.").arg(flag);
    } else if (verb.isEmpty() || verb.startsWith(QLatin1Char('-'))) {
        command.refusal = QStringLiteral("Not a kubectl command Quayside can run (no verb first).");
    } else if (verb == QLatin1String("edit") || verb == QLatin1String("attach") || verb == QLatin1String("proxy")
               || verb == QLatin1String("port-forward") || verb == QLatin1String("exec") || verb == QLatin1String("run")
               || verb == QLatin1String("debug") || verb == QLatin1String("cp")
               || (verb == QLatin1String("config") && command.changes) || (verb == QLatin1String("plugin"))) {
        command.refusal = QStringLiteral("`kubectl %1` is interactive or acts outside the cluster's API; run it in a "
                                         "terminal.")
                              .arg(verb);
    } else if (hasFlag(command.words,
                       { QStringLiteral("-f"), QStringLiteral("--filename"), QStringLiteral("-k"),
                         QStringLiteral("--kustomize") })
               && verb != QLatin1String("logs")) {
        command.refusal = QStringLiteral("It reads manifests from files Quayside has not seen; run it in a terminal.");
    } else if (hasFlag(command.words, { QStringLiteral("-w"), QStringLiteral("--watch"), QStringLiteral("--follow") })
               || (verb == QLatin1String("logs") && hasFlag(command.words, { QStringLiteral("-f") }))) {
        command.refusal = QStringLiteral("It runs until stopped; the dashboard already follows pods and logs live.");
    } else if (hasFlag(command.words,
                       { QStringLiteral("-i"), QStringLiteral("--stdin"), QStringLiteral("-t"),
                         QStringLiteral("--tty") })) {
        command.refusal = QStringLiteral("It needs a terminal; run it in one.");
    }
    return command;
}

QList<ProposedCommand> ProposedCommand::extract(const QString& answer)
{
    QStringList candidates;
    bool inFence = false;
    static const QRegularExpression inlineSpan(QStringLiteral("`(kubectl [^`\\n]+)`"));
    static const QRegularExpression prompt(QStringLiteral("^\\s*(?:\\$|#|>)\\s+(kubectl\\s.*)$"));
    // kubectl-ai's own trace of what it ran ("Running: kubectl get pods"): already done, not proposed.
    static const QRegularExpression ran(QStringLiteral("^\\s*Running:\\s"));
    for (const QString& rawLine : answer.split(QLatin1Char('\n'))) {
        const QString line = rawLine.trimmed();
        if (line.startsWith(QLatin1String("```"))) {
            inFence = !inFence;
            continue;
        }
        if (ran.match(rawLine).hasMatch())
            continue;
        if (inFence) {
            QString command = line;
            if (const QRegularExpressionMatch m = prompt.match(line); m.hasMatch())
                command = m.captured(1);
            if (command.startsWith(QLatin1String("kubectl ")))
                candidates << command;
            continue;
        }
        if (const QRegularExpressionMatch m = prompt.match(line); m.hasMatch()) {
            candidates << m.captured(1);
            continue;
        }
        auto it = inlineSpan.globalMatch(line);
        while (it.hasNext())
            candidates << it.next().captured(1);
    }
    QList<ProposedCommand> commands;
    QSet<QString> seen;
    for (const QString& candidate : std::as_const(candidates)) {
        ProposedCommand command = parse(candidate);
        const QString key = command.words.isEmpty() ? command.text : command.words.join(QChar(0));
        if (seen.contains(key))
            continue;
        seen.insert(key);
        commands << command;
    }
    return commands;
}

ToolCommand ProposedCommand::toolCommand(const ClusterTarget& target) const
{
    ToolCommand command;
    command.program = QStringLiteral("kubectl");
    command.arguments = target.kubectlArguments();
    QStringList rest = words.mid(1);
    if (!hasFlag(rest,
                 { QStringLiteral("-n"), QStringLiteral("--namespace"), QStringLiteral("-A"),
                   QStringLiteral("--all-namespaces") })
        && !target.nameSpace.isEmpty())
        command.arguments << QStringLiteral("--namespace") << target.nameSpace;
    command.arguments << rest;
    command.environment = target.childEnvironment();
    command.timeout = std::chrono::seconds(60);
    command.maxCapturedBytes = 1024 * 1024;
    return command;
}

} // namespace quayside::ai
