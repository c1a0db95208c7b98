#include "ai/AiTool.h"

#include "doctor/FixAdvice.h"
#include "doctor/Platform.h"

namespace quayside::ai {

const QList<AiTool>& AiTool::all()
{
    static const QList<AiTool> tools = {
        { AiToolKind::KubectlAi, QStringLiteral("kubectl-ai"), QStringLiteral("kubectl-ai"),
          QStringLiteral("kubectl-ai"),
          QStringLiteral(
              "Natural language to kubectl, on Quayside's cluster and context. Read-only here: the commands it "
              "proposes are listed and run only when you confirm them.") },
        { AiToolKind::Kagent, QStringLiteral("kagent"), QStringLiteral("kagent"), QStringLiteral("kagent"),
          QStringLiteral("AI agents that run inside the cluster; Quayside asks the agent chosen in Settings → AI.") },
        { AiToolKind::Gordon, QStringLiteral("gordon"), QStringLiteral("Gordon (docker ai)"), QStringLiteral("docker"),
          QStringLiteral(
              "Docker's assistant. It has only an interactive terminal UI, so Quayside opens it in a terminal "
              "with the prompt filled in, or copies the prompt.") },
    };
    return tools;
}

QString AiTool::installHint() const
{
    const Platform platform = currentPlatform();
    QString command;
    switch (kind) {
    case AiToolKind::KubectlAi:
        command = FixAdvice::installKubectlAi(platform);
        break;
    case AiToolKind::Kagent:
        command = FixAdvice::installKagent(platform);
        break;
    case AiToolKind::Gordon:
        command = FixAdvice::installGordon(platform);
        break;
    }
    return QStringLiteral("%1 is not installed. %2 (%3). Everything else in Quayside works without it.")
        .arg(displayName, command, FixAdvice::docsUrl(id));
}

const AiTool& AiTool::get(AiToolKind kind)
{
    for (const AiTool& tool : all()) {
        if (tool.kind == kind)
            return tool;
    }
    return all().first();
}

std::optional<AiToolKind> AiTool::fromId(const QString& id)
{
    for (const AiTool& tool : all()) {
        if (tool.id == id)
            return tool.kind;
    }
    return std::nullopt;
}

QStringList AiTool::ids()
{
    QStringList ids;
    for (const AiTool& tool : all())
        ids << tool.id;
    return ids;
}

const QList<AiProvider>& AiProvider::all()
{
    // kubectl-ai's providers (pkg/llm: gollm) and the variables they read.
    static const QList<AiProvider> providers = {
        { QString(), QStringLiteral("kubectl-ai's default (Gemini)"), QStringLiteral("GEMINI_API_KEY") },
        { QStringLiteral("gemini"), QStringLiteral("Google Gemini"), QStringLiteral("GEMINI_API_KEY") },
        { QStringLiteral("vertexai"), QStringLiteral("Vertex AI (gcloud credentials)"), QString() },
        { QStringLiteral("openai"), QStringLiteral("OpenAI"), QStringLiteral("OPENAI_API_KEY") },
        { QStringLiteral("azopenai"), QStringLiteral("Azure OpenAI"), QStringLiteral("AZURE_OPENAI_API_KEY") },
        { QStringLiteral("grok"), QStringLiteral("xAI Grok"), QStringLiteral("GROK_API_KEY") },
        { QStringLiteral("bedrock"), QStringLiteral("AWS Bedrock (AWS credentials)"), QString() },
        { QStringLiteral("ollama"), QStringLiteral("Ollama (local)"), QString() },
        { QStringLiteral("llamacpp"), QStringLiteral("llama.cpp (local)"), QString() },
    };
    return providers;
}

AiProvider AiProvider::get(const QString& id)
{
    for (const AiProvider& provider : all()) {
        if (provider.id == id)
            return provider;
    }
    return { id, id, QStringLiteral("OPENAI_API_KEY") };
}

QString AiProvider::keychainKey(const QString& providerId)
{
    return QStringLiteral("ai/") + (providerId.isEmpty() ? QStringLiteral("gemini") : providerId);
}

} // namespace quayside::ai
