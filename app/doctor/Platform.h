#pragma once

#include <QString>

namespace quayside {

// Which fix to suggest depends on the user's OS, not on where the tests run, so it is a value that
// tests can set rather than an #ifdef.
enum class Platform { Linux, MacOS, Windows };

Platform currentPlatform();
QString toString(Platform platform);

} // namespace quayside
