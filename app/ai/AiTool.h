#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace quayside::ai {

// The optional AI tools Quayside puts one click away. Each has a stable id (settings, prompts.yaml,
// `quayside ask --tool`), the program that runs it and what to do when it is missing.
enum class AiToolKind { KubectlAi, Kagent, Gordon };

struct AiTool
{
    AiToolKind kind;
    QString id; // "kubectl-ai", "kagent", "gordon"
    QString displayName; // "kubectl-ai", "kagent", "Gordon (docker ai)"
    QString program; // "kubectl-ai", "kagent", "docker"
    QString description;
    // What installs it on this platform and where its documentation is (the doctor's advice, one source).
    QString installHint() const;

    static const QList<AiTool>& all();
    static const AiTool& get(AiToolKind kind);
    static std::optional<AiToolKind> fromId(const QString& id);
    static QStringList ids();
};

// kubectl-ai's --llm-provider values and the environment variable that carries each one's API key
// (empty: the provider authenticates otherwise — gcloud for vertexai, AWS credentials for bedrock,
// nothing for a local ollama or llama.cpp).
struct AiProvider
{
    QString id; // "" is kubectl-ai's default, gemini
    QString displayName;
    QString keyVariable;

    static const QList<AiProvider>& all();
    static AiProvider get(const QString& id); // unknown ids: an OpenAI-compatible endpoint (OPENAI_API_KEY)
    // The keychain item holding a provider's key (service "quayside"): "ai/<provider>".
    static QString keychainKey(const QString& providerId);
};

} // namespace quayside::ai
