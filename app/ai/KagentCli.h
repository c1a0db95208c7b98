#pragma once

#include <QString>
#include <QStringList>

namespace quayside::ai {

// kagent's command line has had three shapes, and Quayside must call the one installed:
//   0.x            kagent invoke -a AGENT -t TASK [-n NS] [-S] [-o json]
//   1.0 alphas     kagent invoke --agent-instance ID -t TASK ...
//   current        kagent agent invoke --session ID -t TASK (agent chosen by flag when it has one)
// Which one is learned from `kagent --help` (does `invoke` sit at the top or under `agent`?) and the
// invoke command's own --help (cobra's "Flags:" section says which flags exist).
struct KagentCli
{
    enum class Shape { Unknown, Invoke, InvokeAgentInstance, AgentInvoke };
    Shape shape = Shape::Unknown;
    QStringList flags; // the invoke command's long flags, without "--"

    bool has(const QString& flag) const { return flags.contains(flag); }
    static QString shapeName(Shape shape); // "kagent invoke", "kagent invoke --agent-instance", "kagent agent invoke"

    // From `kagent --help`: whether the invoke command is top-level or `agent invoke`.
    static Shape shapeFromRootHelp(const QString& help);
    // The long flags a cobra help text lists ("  -a, --agent string   Agent" → "agent").
    static QStringList flagsFromHelp(const QString& help);
    // Completes the shape with the invoke command's help (an --agent-instance flag means a 1.0 alpha).
    void readInvokeHelp(const QString& help);

    // The argv (after the program) that asks `agent` in `agentNamespace` to do `task`; empty with
    // `error` set when this kagent cannot be told which agent to use.
    QStringList invokeArguments(const QString& agent, const QString& agentNamespace, const QString& task,
                                QString* error) const;
};

} // namespace quayside::ai
