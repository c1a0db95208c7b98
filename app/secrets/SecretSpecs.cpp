#include "secrets/SecretSpecs.h"

namespace quayside {

const SecretSpec* SecretSpecs::find(const QString& name) const
{
    for (const SecretSpec& spec : specs) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

QStringList SecretSpecs::names() const
{
    QStringList list;
    for (const SecretSpec& spec : specs)
        list << spec.name;
    return list;
}

SecretSpecs SecretSpecs::todoChatbot()
{
    const QString secret = QStringLiteral("todo-app-secrets");
    auto spec = [&secret](const char* name, const char* description, bool required, SecretSpec::Kind kind,
                          int minimumLength = 0) {
        return SecretSpec {
            QString::fromLatin1(name), QString::fromUtf8(description), required, kind, minimumLength, secret,
            QString::fromLatin1(name)
        };
    };
    using Kind = SecretSpec::Kind;
    SecretSpecs specs;
    specs.profile = QStringLiteral("todo-chatbot");
    specs.nameSpace = QStringLiteral("todo-app");
    specs.secretName = secret;
    specs.specs = {
        spec("DATABASE_URL", "Neon PostgreSQL connection string (postgresql://…?sslmode=require)", true,
             Kind::PostgresUrl),
        spec("JWT_SECRET", "Key that signs login tokens; at least 32 characters (Generate makes one)", true,
             Kind::JwtSecret, 32),
        spec("OPENAI_API_KEY", "OpenAI API key for the chat agent", false, Kind::ApiKey),
        spec("GEMINI_API_KEY", "Google Gemini API key, when the agent uses Gemini", false, Kind::ApiKey),
        spec("CLOUDINARY_CLOUD_NAME", "Cloudinary cloud name, for avatar and attachment uploads", false, Kind::Text),
        spec("CLOUDINARY_API_KEY", "Cloudinary API key", false, Kind::ApiKey),
        spec("CLOUDINARY_API_SECRET", "Cloudinary API secret", false, Kind::ApiKey),
    };
    return specs;
}

} // namespace quayside
