#pragma once

#include <QDateTime>
#include <QString>

#include <cstdint>

namespace quayside::kube {
struct EventSummary;
}

namespace quayside::diagnosis {

// How evidence lines are written, so every rule writes them alike (and tests can compare them).
class EvidenceText
{
public:
    // "Warning BackOff (x12, 30s ago): Back-off restarting failed container"
    static QString event(const kube::EventSummary& event, const QDateTime& now);
    // "30s ago", "5m ago"; empty for an invalid time.
    static QString ago(const QDateTime& when, const QDateTime& now);
    // Binary units as kubectl prints them ("512Mi"); "-" for a negative (unknown) value.
    static QString bytes(std::int64_t bytes);
    // "1500m", "2" (whole cores without the m); "-" when unknown.
    static QString millicores(std::int64_t millicores);
    // A Mi/Gi value for a chart or a kubectl flag: "768Mi", "1Gi", "1536Mi".
    static QString memoryValue(std::int64_t bytes);
};

} // namespace quayside::diagnosis
