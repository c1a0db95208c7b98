#pragma once

#include <QString>

namespace quayside {

// Random secrets from the operating system's CSPRNG (QRandomGenerator::system(): getrandom(2) on
// Linux), never from a seeded PRNG.
class SecretGenerator
{
public:
    // Letters and digits: safe unquoted in a .env file, a shell and a URL. 64 of them carry ~381 bits.
    static QString alphabet();
    static QString generate(int length = 64);
};

} // namespace quayside
