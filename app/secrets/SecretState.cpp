#include "secrets/SecretState.h"

namespace quayside {

QString secretStateName(SecretState state)
{
    switch (state) {
    case SecretState::Unknown:
        return QStringLiteral("unknown");
    case SecretState::Missing:
        return QStringLiteral("missing");
    case SecretState::Set:
        return QStringLiteral("set");
    case SecretState::Invalid:
        return QStringLiteral("invalid");
    case SecretState::Unavailable:
        return QStringLiteral("unavailable");
    }
    return {};
}

} // namespace quayside
