#pragma once

#include "secrets/SecretSpec.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace quayside {

// The secrets of one deployment profile and the Kubernetes Secret they go to. Until the pipeline
// issue defines the profile file, todoChatbot() is the built-in profile for the Todo AI chatbot.
struct SecretSpecs
{
    QString profile; // keychain items are "<profile>/<NAME>"
    QString nameSpace; // the app's namespace
    QString secretName; // the Secret the chart uses as its existing Secret
    QList<SecretSpec> specs;

    const SecretSpec* find(const QString& name) const;
    QStringList names() const;

    // DATABASE_URL (Neon), JWT_SECRET, OPENAI_API_KEY, GEMINI_API_KEY and the Cloudinary trio, all in
    // Secret todo-app-secrets in namespace todo-app (deployment plan, "Data Model").
    static SecretSpecs todoChatbot();
};

} // namespace quayside
