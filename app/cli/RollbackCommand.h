#pragma once

#include "cli/Command.h"

#include <memory>

namespace quayside {
class HelmOperations;
class ToolRunner;
} // namespace quayside

namespace quayside::cli {

// `quayside rollback [REVISION] [--profile F] [-o text|json]`: without a revision, the release's
// history; with one, `helm rollback` to it (waiting for the pods), then the history again.
class RollbackCommand final : public Command
{
    Q_OBJECT
public:
    RollbackCommand();
    ~RollbackCommand() override;
    void start(const QStringList& arguments) override;
    static QString usage();

private:
    void printHistory(bool thenFinish, int exitCode);

    std::unique_ptr<ToolRunner> m_runner;
    HelmOperations* m_helm = nullptr;
    bool m_json = false;
    int m_revision = 0;
};

} // namespace quayside::cli
