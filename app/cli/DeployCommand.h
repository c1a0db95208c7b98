#pragma once

#include "cli/Command.h"

#include <memory>

namespace quayside {
class Keychain;
class Pipeline;
class ToolRunner;
} // namespace quayside

namespace quayside::cli {

// `quayside deploy [--profile F] [--source DIR] [--skip-build] [--no-wait] [--dry-run] [-o text|json]`:
// the whole pipeline from the terminal. One line per step state change (text, or one JSON object per
// line), exit 0 when the app is running and healthy, 1 with the failing step's message otherwise,
// 2 on usage errors. --dry-run prints every command instead of running any. Ctrl-C cancels (the
// running tools are stopped) and exits 130.
class DeployCommand final : public Command
{
    Q_OBJECT
public:
    DeployCommand();
    ~DeployCommand() override;
    void start(const QStringList& arguments) override;

    static QString usage();

private:
    std::unique_ptr<ToolRunner> m_runner;
    std::unique_ptr<Keychain> m_keychain;
    Pipeline* m_pipeline = nullptr;
    bool m_json = false;
    bool m_verbose = false;
    bool m_interrupted = false;
};

} // namespace quayside::cli
