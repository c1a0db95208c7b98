#pragma once

#include "ai/Prompt.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace quayside::ai {

class PromptVariables;

// The prompt library: resources/prompts/prompts.yaml, compiled into the executable (so an installed
// Quayside and the documentation generated from the same file never disagree). A broken file gives
// an error naming the line and field, and no library.
class PromptLibrary
{
public:
    // The library built into the executable (":/quayside/prompts.yaml").
    static const PromptLibrary& builtIn();
    static std::optional<PromptLibrary> load(const QByteArray& yaml, const QString& fileName, QString* error);
    static std::optional<PromptLibrary> loadFile(const QString& path, QString* error);

    QString title() const { return m_title; }
    QString intro() const { return m_intro; }
    QStringList safetyNotes() const { return m_safety; }
    // Appended by Quayside when it runs kubectl-ai or kagent read-only.
    QString readOnlyInstruction() const { return m_readOnlyInstruction; }
    const QList<PromptCategory>& categories() const { return m_categories; }
    const QList<Prompt>& prompts() const { return m_prompts; }
    const Prompt* find(const QString& id) const;
    QList<Prompt> inCategory(const QString& category) const;
    // The prompt a diagnosis finding opens the panel with.
    const Prompt* findingPrompt() const;
    // The prompt a pod's "Ask AI" on the dashboard opens the panel with.
    const Prompt* podPrompt() const;

    // k8s-templates/AI-PROMPTS.md: every prompt as a ready-to-paste command per tool, filled with `variables`.
    QString toMarkdown(const PromptVariables& variables) const;

private:
    QString m_title;
    QString m_intro;
    QStringList m_safety;
    QString m_readOnlyInstruction;
    QList<PromptCategory> m_categories;
    QList<Prompt> m_prompts;
};

} // namespace quayside::ai
