#pragma once

#include "cli/Command.h"

namespace quayside::cli {

// `quayside init [--source DIR] [--output FILE] [--force] [--from PROFILE]`: writes a commented
// deployment profile (the shipped todo-chatbot one unless --from names another), with its paths made
// relative to where it is written, ready to edit. Never overwrites a file without --force.
class InitCommand final : public Command
{
    Q_OBJECT
public:
    void start(const QStringList& arguments) override;
    static QString usage();
};

} // namespace quayside::cli
