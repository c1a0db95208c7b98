#pragma once

#include <QString>

#include <chrono>
#include <optional>

namespace quayside::kube {

// Durations as kubectl reads and prints them.
class Durations
{
public:
    // kubectl's AGE column ("45s", "5m12s", "3h", "2d4h", "1y20d"): apimachinery's
    // util/duration.HumanDuration, so our output matches `kubectl get` line for line.
    static QString humanize(std::chrono::seconds age);
    static QString humanize(qint64 seconds) { return humanize(std::chrono::seconds(seconds)); }

    // Go's time.ParseDuration ("5m", "1h30m", "1.5s", "300ms"), which kubectl uses for --since.
    static std::optional<std::chrono::milliseconds> parseGo(const QString& text);
};

} // namespace quayside::kube
