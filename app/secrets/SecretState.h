#pragma once

#include "keychain/KeychainError.h"
#include "secrets/SecretValidator.h"

#include <QString>

namespace quayside {

enum class SecretState {
    Unknown, // not read yet
    Missing, // nothing stored
    Set, // stored and valid (possibly with a warning)
    Invalid, // stored but fails validation (e.g. a JWT_SECRET shorter than 32 characters)
    Unavailable, // the keychain could not be read (see SecretStatus::error)
};

// "unknown", "missing", "set", "invalid", "unavailable": for `secrets list` and `-o json`.
QString secretStateName(SecretState state);

// What the Secrets page and `secrets list` show about one secret: never its value.
struct SecretStatus
{
    QString name;
    SecretState state = SecretState::Unknown;
    SecretValidation validation; // for Set (warnings) and Invalid
    KeychainError error; // for Unavailable
};

} // namespace quayside
