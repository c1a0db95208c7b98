#pragma once

#include "secrets/SecretSpec.h"

#include <QString>

namespace quayside {

// The verdict on one value. Messages describe the value (its length, its scheme) but never contain it:
// they are shown in labels, printed by the CLI and may end up in logs.
struct SecretValidation
{
    enum class Severity { Ok, Warning, Error };
    Severity severity = Severity::Ok;
    QString message; // empty when Ok and nothing to say

    bool acceptable() const { return severity != Severity::Error; }
};

class SecretValidator
{
public:
    // An empty value is an Error ("enter a value"): unsetting is delete, not storing "".
    static SecretValidation validate(const SecretSpec& spec, const QString& value);
    static SecretValidation validate(const SecretSpec& spec, const QByteArray& utf8Value);
};

} // namespace quayside
