#include "kube/Durations.h"

#include "core/AsciiNumber.h"

#include <cmath>
#include <limits>

namespace quayside::kube {

QString Durations::humanize(std::chrono::seconds age)
{
    const qint64 seconds = age.count();
    // Up to a second in the future is clock skew between us and the API server, not an error.
    if (seconds < -1)
        return QStringLiteral("<invalid>");
    if (seconds < 0)
        return QStringLiteral("0s");
    if (seconds < 60 * 2)
        return QStringLiteral("%1s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 10) {
        const qint64 s = seconds % 60;
        return s == 0 ? QStringLiteral("%1m").arg(minutes) : QStringLiteral("%1m%2s").arg(minutes).arg(s);
    }
    if (minutes < 60 * 3)
        return QStringLiteral("%1m").arg(minutes);
    const qint64 hours = seconds / 3600;
    if (hours < 8) {
        const qint64 m = minutes % 60;
        return m == 0 ? QStringLiteral("%1h").arg(hours) : QStringLiteral("%1h%2m").arg(hours).arg(m);
    }
    if (hours < 48)
        return QStringLiteral("%1h").arg(hours);
    if (hours < 24 * 8) {
        const qint64 h = hours % 24;
        return h == 0 ? QStringLiteral("%1d").arg(hours / 24) : QStringLiteral("%1d%2h").arg(hours / 24).arg(h);
    }
    if (hours < 24 * 365 * 2)
        return QStringLiteral("%1d").arg(hours / 24);
    if (hours < 24 * 365 * 8) {
        const qint64 dy = (hours / 24) % 365;
        return dy == 0 ? QStringLiteral("%1y").arg(hours / 24 / 365)
                       : QStringLiteral("%1y%2d").arg(hours / 24 / 365).arg(dy);
    }
    return QStringLiteral("%1y").arg(hours / 24 / 365);
}

std::optional<std::chrono::milliseconds> Durations::parseGo(const QString& input)
{
    QString text = input.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool negative = false;
    if (text.startsWith(QLatin1Char('-')) || text.startsWith(QLatin1Char('+'))) {
        negative = text.startsWith(QLatin1Char('-'));
        text.remove(0, 1);
    }
    if (text == QLatin1String("0"))
        return std::chrono::milliseconds(0);
    double totalMs = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype numberStart = i;
        while (i < text.size() && (isAsciiDigit(text.at(i)) || text.at(i) == QLatin1Char('.')))
            ++i;
        if (i == numberStart)
            return std::nullopt;
        bool ok = false;
        const double number = text.mid(numberStart, i - numberStart).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < text.size() && !isAsciiDigit(text.at(i)) && text.at(i) != QLatin1Char('.'))
            ++i;
        const QString unit = text.mid(unitStart, i - unitStart);
        double scale = 0;
        if (unit == QLatin1String("ns"))
            scale = 1e-6;
        else if (unit == QLatin1String("us") || unit == QStringLiteral("\u00b5s") || unit == QStringLiteral("\u03bcs"))
            scale = 1e-3;
        else if (unit == QLatin1String("ms"))
            scale = 1;
        else if (unit == QLatin1String("s"))
            scale = 1000;
        else if (unit == QLatin1String("m"))
            scale = 60'000;
        else if (unit == QLatin1String("h"))
            scale = 3'600'000;
        else
            return std::nullopt; // Go requires a unit on every number except a lone "0"
        totalMs += number * scale;
    }
    // "9999999999999999h" is beyond int64 milliseconds: llround of it is undefined, so saturate
    // (Go's ParseDuration rejects it as overflow; a caller clamps to what its timer takes anyway).
    constexpr double kMaxMs = static_cast<double>(std::numeric_limits<std::int64_t>::max());
    const auto ms = totalMs >= kMaxMs ? std::numeric_limits<std::int64_t>::max()
                                      : static_cast<std::int64_t>(std::llround(totalMs));
    return std::chrono::milliseconds(negative ? -ms : ms);
}

} // namespace quayside::kube
