#pragma once

#include <QString>

namespace quayside {

// One secret the deployed app needs: what it is, whether the app can run without it, how to check a
// value, and where it goes in Kubernetes. Comes from the deployment profile (SecretSpecs).
struct SecretSpec
{
    // Decides which checks SecretValidator runs.
    enum class Kind {
        Text, // any non-empty value
        JwtSecret, // at least minimumLength characters; can be generated
        PostgresUrl, // postgres:// or postgresql:// URL; warns without sslmode=require
        ApiKey, // non-empty, no whitespace inside
    };

    QString name; // the environment variable, e.g. "JWT_SECRET"
    QString description; // one line for the Secrets page and `secrets list`
    bool required = false;
    Kind kind = Kind::Text;
    int minimumLength = 0; // characters; JwtSecret uses 32
    QString kubernetesSecret; // the Secret it goes to, e.g. "todo-app-secrets"
    QString kubernetesKey; // the key in that Secret's data; usually the same as name

    // Whether the Secrets page offers Generate (a random value is as good as a chosen one).
    bool canGenerate() const { return kind == Kind::JwtSecret; }
};

} // namespace quayside
