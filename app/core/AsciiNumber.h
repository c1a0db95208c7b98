#pragma once

#include <QStringView>

#include <cstdint>
#include <optional>

namespace quayside {

// Numbers in user and server input are ASCII: QChar::isDigit() is also true for "１２" (fullwidth) and
// "٣" (Arabic-Indic), and `c.unicode() - '0'` on those is garbage, so parsers test digits with this.
constexpr bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// An optional sign and ASCII digits, nothing else; nullopt on anything else and on int64 overflow.
std::optional<std::int64_t> parseAsciiInteger(QStringView text);

// Saturating int64 arithmetic: sums and products of saturated values stay at the limits.
std::int64_t saturatingAdd(std::int64_t a, std::int64_t b);
std::int64_t saturatingMultiply(std::int64_t a, std::int64_t b);

} // namespace quayside
