#include "core/Redactor.h"

#include "core/SecureMemory.h"

#include <algorithm>

namespace quayside {

Redactor& Redactor::instance()
{
    static Redactor redactor;
    return redactor;
}

void Redactor::registerSecret(const QString& value)
{
    QByteArray utf8 = value.toUtf8();
    registerSecret(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
    secureWipe(utf8);
}

void Redactor::registerSecret(std::string_view value)
{
    if (value.size() < kMinimumLength)
        return;
    std::lock_guard lock(m_mutex);
    if (std::find(m_values.begin(), m_values.end(), value) != m_values.end())
        return;
    m_values.emplace_back(value);
    std::sort(m_values.begin(), m_values.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

void Redactor::forgetAll()
{
    std::lock_guard lock(m_mutex);
    for (auto& value : m_values)
        secureWipe(value);
    m_values.clear();
}

std::size_t Redactor::size() const
{
    std::lock_guard lock(m_mutex);
    return m_values.size();
}

std::string Redactor::redact(std::string_view text) const
{
    std::string out(text);
    std::lock_guard lock(m_mutex);
    for (const auto& value : m_values) {
        std::size_t pos = 0;
        while ((pos = out.find(value, pos)) != std::string::npos) {
            out.replace(pos, value.size(), "***");
            pos += 3;
        }
    }
    return out;
}

QString Redactor::redact(const QString& text) const
{
    const QByteArray utf8 = text.toUtf8();
    return QString::fromStdString(redact(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size()))));
}

} // namespace quayside
