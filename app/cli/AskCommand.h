#pragma once

#include "cli/Command.h"

#include <memory>

namespace quayside {
class Keychain;
class SecretStore;
class ToolRunner;
} // namespace quayside

namespace quayside::ai {
class AiKeyStore;
class AiToolProbe;
class AskJob;
class PromptVariables;
} // namespace quayside::ai

namespace quayside::cli {

// `quayside ask [--tool kubectl-ai|kagent] [--prompt ID] [--var NAME=VALUE]... ["question"]`: one question
// to an AI tool about the workspace's cluster, its answer streamed to stdout. Read-only: kubectl-ai runs
// with --quiet and never --skip-permissions, is told to propose changes instead of making them, and the
// kubectl commands it proposes are listed at the end for you to run. `--dry-run` prints the command
// instead. `--set-api-key` stores the provider's key (read from stdin) in the keychain.
//
// Exit codes: 0 answered, 1 the tool failed, timed out or is missing, 2 usage error.
class AskCommand final : public Command
{
    Q_OBJECT
public:
    AskCommand();
    ~AskCommand() override;
    void start(const QStringList& arguments) override;
    static QString usage();

private:
    void setApiKey(const QString& provider);
    void learnSecretsThen(std::function<void()> next);
    void probeThen(std::function<void()> next);
    void ask();

    std::unique_ptr<ToolRunner> m_runner;
    std::unique_ptr<Keychain> m_keychain;
    ai::AiKeyStore* m_keys = nullptr;
    SecretStore* m_secrets = nullptr;
    ai::AiToolProbe* m_probe = nullptr;
    ai::AskJob* m_job = nullptr;
    // What start() parsed, used once the secrets are known.
    QString m_toolId;
    QString m_promptId;
    QString m_question;
    QStringList m_variableArgs;
    QString m_provider;
    QString m_model;
    int m_timeoutSeconds = 0;
    bool m_dryRun = false;
};

} // namespace quayside::cli
