#include "kube/Quantity.h"

#include "core/AsciiNumber.h"

#include <limits>

namespace quayside::kube {

namespace {

// GCC and Clang both have it; __extension__ keeps -Wpedantic quiet about a non-ISO type.
__extension__ using Int128 = __int128;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

struct Suffix
{
    const char* text;
    int decimalExponent;
    int binaryExponent;
};

// https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
constexpr Suffix kSuffixes[] = {
    { "Ki", 0, 10 }, { "Mi", 0, 20 }, { "Gi", 0, 30 }, { "Ti", 0, 40 }, { "Pi", 0, 50 },
    { "Ei", 0, 60 }, { "n", -9, 0 },  { "u", -6, 0 },  { "m", -3, 0 },  { "k", 3, 0 },
    { "M", 6, 0 },   { "G", 9, 0 },   { "T", 12, 0 },  { "P", 15, 0 },  { "E", 18, 0 },
};

std::int64_t saturate(Int128 v)
{
    if (v > kMax)
        return kMax;
    if (v < kMin)
        return kMin;
    return static_cast<std::int64_t>(v);
}

} // namespace

std::optional<Quantity> Quantity::parse(const QString& input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    qsizetype i = 0;
    bool negative = false;
    if (text.at(0) == QLatin1Char('+') || text.at(0) == QLatin1Char('-')) {
        negative = text.at(0) == QLatin1Char('-');
        ++i;
    }
    Int128 mantissa = 0;
    int exponent = 0;
    int digits = 0;
    bool seenPoint = false;
    // 36 significant digits fit in 128 bits; more precision than any real quantity carries is dropped.
    constexpr int kMaxDigits = 36;
    for (; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('.')) {
            if (seenPoint)
                return std::nullopt;
            seenPoint = true;
            continue;
        }
        if (!isAsciiDigit(c))
            break;
        if (digits < kMaxDigits) {
            mantissa = mantissa * 10 + (c.unicode() - '0');
            if (mantissa != 0)
                ++digits;
            if (seenPoint)
                --exponent;
        } else if (!seenPoint) {
            ++exponent;
        }
    }
    if (digits == 0 && mantissa == 0) {
        // "0", "0.0", "0Mi" are fine; "" or "Mi" are not.
        bool anyDigit = false;
        for (qsizetype j = 0; j < i; ++j)
            anyDigit = anyDigit || isAsciiDigit(text.at(j));
        if (!anyDigit)
            return std::nullopt;
    }
    const QString suffix = text.mid(i);
    int binary = 0;
    if (!suffix.isEmpty()) {
        bool matched = false;
        for (const Suffix& s : kSuffixes) {
            if (suffix == QLatin1String(s.text)) {
                exponent += s.decimalExponent;
                binary = s.binaryExponent;
                matched = true;
                break;
            }
        }
        if (!matched) {
            // Decimal exponent form: "1e3", "5E-2".
            if (suffix.size() < 2 || (suffix.at(0) != QLatin1Char('e') && suffix.at(0) != QLatin1Char('E')))
                return std::nullopt;
            bool ok = false;
            const int e = suffix.mid(1).toInt(&ok);
            if (!ok || e > 1000 || e < -1000)
                return std::nullopt;
            exponent += e;
        }
    }
    // Normalise so the mantissa fits 64 bits: drop trailing zeros first, then precision.
    while (mantissa != 0 && mantissa % 10 == 0) {
        mantissa /= 10;
        ++exponent;
    }
    while (mantissa > kMax) {
        mantissa /= 10;
        ++exponent;
    }
    Quantity q;
    q.m_mantissa = static_cast<std::int64_t>(negative ? -mantissa : mantissa);
    q.m_decimalExponent = exponent;
    q.m_binaryExponent = binary;
    return q;
}

Quantity Quantity::parseOrZero(const QString& text)
{
    return parse(text).value_or(Quantity());
}

std::int64_t Quantity::scaledValue(int decimalScale) const
{
    if (m_mantissa == 0)
        return 0;
    Int128 v = m_mantissa;
    for (int b = 0; b < m_binaryExponent; ++b) {
        v *= 2;
        if (v > kMax || v < kMin)
            return saturate(v);
    }
    int shift = m_decimalExponent - decimalScale;
    while (shift > 0) {
        v *= 10;
        --shift;
        if (v > kMax || v < kMin)
            return saturate(v);
    }
    if (shift < 0) {
        Int128 divisor = 1;
        bool tooSmall = false;
        for (int s = shift; s < 0; ++s) {
            divisor *= 10;
            if (divisor > kMax) {
                tooSmall = true;
                break;
            }
        }
        if (tooSmall)
            return v > 0 ? 1 : 0; // a positive amount below the unit still rounds up to 1
        const Int128 quotient = v / divisor;
        const Int128 remainder = v % divisor;
        // Round towards positive infinity, as inf.Dec's RoundUp for positive quantities.
        v = (remainder > 0) ? quotient + 1 : quotient;
    }
    return saturate(v);
}

std::int64_t Quantity::add(std::int64_t a, std::int64_t b)
{
    return saturatingAdd(a, b);
}

std::int64_t Quantity::multiply(std::int64_t a, std::int64_t b)
{
    return saturatingMultiply(a, b);
}

QString Quantity::formatMillicores(std::int64_t millicores)
{
    return QString::number(millicores) + QLatin1Char('m');
}

QString Quantity::formatBytes(std::int64_t bytes)
{
    // kubectl top prints Mi; smaller values keep Ki so nothing shows as 0Mi.
    constexpr std::int64_t kMi = 1024 * 1024;
    if (bytes >= kMi)
        return QString::number(bytes / kMi) + QLatin1String("Mi");
    if (bytes >= 1024)
        return QString::number(bytes / 1024) + QLatin1String("Ki");
    return QString::number(bytes);
}

} // namespace quayside::kube
