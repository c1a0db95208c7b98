#pragma once

#include <QString>

#include <chrono>

namespace quayside {
class Preferences;
}

namespace quayside::ai {

// What Settings → AI says, read once per question (so a change applies to the next one).
struct AiSettings
{
    QString provider; // kubectl-ai --llm-provider; empty: its default
    QString model; // kubectl-ai --model; empty: the provider's default
    std::chrono::seconds timeout { 180 };
    QString kagentAgent = QStringLiteral("k8s-agent");
    QString kagentNamespace = QStringLiteral("kagent");
    QString terminalCommand; // empty: found (TerminalLauncher)

    static AiSettings fromPreferences(const Preferences& preferences);
};

} // namespace quayside::ai
