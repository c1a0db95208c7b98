#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace quayside::ai {

// One entry of the prompt library (resources/prompts/prompts.yaml).
struct Prompt
{
    QString id; // stable: `quayside ask --prompt ID`, the panel's remembered choice
    QString category; // deploy, scale, debug, explain, optimize
    QString title;
    QStringList tools; // the tools it suits, best first: "kubectl-ai", "kagent", "gordon"
    bool changes = false; // the task changes the cluster (Quayside still runs the AI read-only)
    bool fromPlan = false; // one of the deployment plan's own examples
    bool forFinding = false; // the "Ask AI" of a diagnosis finding
    bool forPod = false; // the "Ask AI" of a pod on the dashboard
    QMap<QString, QString> defaults; // variable values used when nothing more specific is known
    QString text; // with {{variables}}

    // The variables the text uses, in order of first use.
    QStringList variables() const;
    bool suits(const QString& tool) const { return tools.contains(tool); }
};

struct PromptCategory
{
    QString id;
    QString title;
};

} // namespace quayside::ai
