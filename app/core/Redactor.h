#pragma once

#include <QString>

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace quayside {

// Every secret value the process learns is registered here; every log line passes through redact()
// before any sink sees it, so a value that slips into a message is written as *** everywhere.
class Redactor
{
public:
    static Redactor& instance();

    // Values shorter than kMinimumLength are ignored: redacting "a" or "1" would mangle every line
    // while protecting nothing.
    static constexpr std::size_t kMinimumLength = 4;

    // Also registers the forms the value takes inside other text: base64 (standard and URL-safe, with
    // and without padding), JSON-escaped (as QJsonDocument writes it, and with \uXXXX escapes) and
    // percent-encoded; each only when it differs and is at least kMinimumLength long.
    void registerSecret(const QString& value);
    void registerSecret(std::string_view value);
    void forgetAll();
    std::size_t size() const; // distinct values held, encoded forms included

    std::string redact(std::string_view text) const;
    QString redact(const QString& text) const;

private:
    mutable std::mutex m_mutex;
    // Longest first, so a secret that contains another is replaced whole.
    std::vector<std::string> m_values;
};

} // namespace quayside
