#pragma once

#include <QString>

#include <cstdint>
#include <optional>

namespace quayside::kube {

// A Kubernetes resource quantity ("250m", "1.5", "128Mi", "12345678n", "1e3"), parsed exactly: the
// mantissa is kept as a decimal integer with a power of ten and a power of two, so "100m" is exactly
// 100 millicores and never 100.00000001 (apimachinery's resource.Quantity does the same with inf.Dec).
class Quantity
{
public:
    Quantity() = default;

    static std::optional<Quantity> parse(const QString& text);
    // For fields that may be absent or malformed: 0 when the text does not parse.
    static Quantity parseOrZero(const QString& text);

    // Rounded up, as apimachinery's MilliValue() and Value() do (kubectl top prints 13m for 12345678n).
    std::int64_t milliValue() const { return scaledValue(-3); }
    std::int64_t value() const { return scaledValue(0); }
    bool isZero() const { return m_mantissa == 0; }

    // Millicores as `kubectl top` prints them ("13m"); bytes in binary units ("120Mi").
    static QString formatMillicores(std::int64_t millicores);
    static QString formatBytes(std::int64_t bytes);

    // Totals of milliValue()/value() (a node's requests, a pod's containers): a saturated quantity
    // ("8Ei", "9223372036854775807") plus anything stays at the int64 limit instead of overflowing,
    // which `+=` on std::int64_t does (undefined behaviour).
    static std::int64_t add(std::int64_t a, std::int64_t b);
    static std::int64_t multiply(std::int64_t a, std::int64_t b);

private:
    // value = mantissa * 10^decimalExponent * 2^binaryExponent; saturates at the int64 range.
    std::int64_t scaledValue(int decimalScale) const;

    std::int64_t m_mantissa = 0;
    int m_decimalExponent = 0;
    int m_binaryExponent = 0;
};

} // namespace quayside::kube
