#include "ai/KagentCli.h"

#include <QRegularExpression>

namespace quayside::ai {

QString KagentCli::shapeName(Shape shape)
{
    switch (shape) {
    case Shape::Invoke:
        return QStringLiteral("kagent invoke");
    case Shape::InvokeAgentInstance:
        return QStringLiteral("kagent invoke --agent-instance");
    case Shape::AgentInvoke:
        return QStringLiteral("kagent agent invoke");
    case Shape::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

KagentCli::Shape KagentCli::shapeFromRootHelp(const QString& help)
{
    // cobra: "Available Commands:" followed by "  name   Short description" lines.
    const qsizetype start = help.indexOf(QLatin1String("Available Commands:"));
    if (start < 0)
        return Shape::Unknown;
    QStringList commands;
    static const QRegularExpression line(QStringLiteral("^\\s{2,}([a-z][a-z0-9-]*)\\s{2,}"),
                                         QRegularExpression::MultilineOption);
    const QString section = help.mid(start).section(QLatin1String("\n\n"), 0, 0);
    auto it = line.globalMatch(section);
    while (it.hasNext())
        commands << it.next().captured(1);
    if (commands.contains(QLatin1String("invoke")))
        return Shape::Invoke; // refined by readInvokeHelp()
    if (commands.contains(QLatin1String("agent")))
        return Shape::AgentInvoke;
    return Shape::Unknown;
}

QStringList KagentCli::flagsFromHelp(const QString& help)
{
    QStringList flags;
    static const QRegularExpression flag(QStringLiteral("^\\s+(?:-[A-Za-z], )?--([a-z][a-z0-9-]*)"),
                                         QRegularExpression::MultilineOption);
    auto it = flag.globalMatch(help);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!flags.contains(name))
            flags << name;
    }
    return flags;
}

void KagentCli::readInvokeHelp(const QString& help)
{
    flags = flagsFromHelp(help);
    if (shape == Shape::Invoke && has(QStringLiteral("agent-instance")) && !has(QStringLiteral("agent")))
        shape = Shape::InvokeAgentInstance;
}

QStringList KagentCli::invokeArguments(const QString& agent, const QString& agentNamespace, const QString& task,
                                       QString* error) const
{
    QStringList args;
    switch (shape) {
    case Shape::Invoke:
    case Shape::InvokeAgentInstance:
        args << QStringLiteral("invoke");
        break;
    case Shape::AgentInvoke:
        args << QStringLiteral("agent") << QStringLiteral("invoke");
        break;
    case Shape::Unknown:
        if (error)
            *error = QStringLiteral("This kagent's command line is not one Quayside knows (neither `kagent invoke` nor "
                                    "`kagent agent invoke` in `kagent --help`).");
        return {};
    }
    // Where the agent lives: a persistent flag in every shape so far; only passed when listed.
    if (has(QStringLiteral("namespace")) && !agentNamespace.isEmpty())
        args << QStringLiteral("--namespace") << agentNamespace;
    if (has(QStringLiteral("agent")))
        args << QStringLiteral("--agent") << agent;
    else if (has(QStringLiteral("agent-instance")))
        args << QStringLiteral("--agent-instance") << agent;
    else if (has(QStringLiteral("session")))
        // The current CLI addresses a session of an agent; a session named after the agent keeps one
        // conversation per agent, which is what a question from Quayside wants.
        args << QStringLiteral("--session") << agent;
    else {
        if (error)
            *error
                = QStringLiteral("This kagent's invoke command takes neither --agent, --agent-instance nor --session, "
                                 "so Quayside cannot tell it which agent to ask.");
        return {};
    }
    args << QStringLiteral("--task") << task;
    // Streamed text when it can; otherwise the JSON result, which AskJob reduces to its text.
    if (has(QStringLiteral("stream")))
        args << QStringLiteral("--stream");
    else if (has(QStringLiteral("output-format")))
        args << QStringLiteral("--output-format") << QStringLiteral("json");
    return args;
}

} // namespace quayside::ai
