#pragma once

#include "cli/Command.h"

namespace quayside::cli {

// `quayside prompts [ID] [-o table|json|markdown] [--category C] [--var NAME=VALUE]`: the prompt library.
// Without an ID, a table of the prompts; with one, that prompt filled from the workspace. `-o markdown`
// prints k8s-templates/AI-PROMPTS.md (which is generated this way and checked by a test).
class PromptsCommand final : public Command
{
    Q_OBJECT
public:
    void start(const QStringList& arguments) override;
    static QString usage();
};

} // namespace quayside::cli
