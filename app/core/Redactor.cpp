#include "core/Redactor.h"

#include "core/SecureMemory.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace quayside {

namespace {

QByteArray jsonEscaped(const QByteArray& utf8, bool asciiOnly, bool htmlSafe)
{
    static const char hex[] = "0123456789abcdef";
    QString out; // built as UTF-16 so surrogate pairs left alone stay pairs
    for (const QChar c : QString::fromUtf8(utf8)) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += QLatin1String("\\\"");
            continue;
        case u'\\':
            out += QLatin1String("\\\\");
            continue;
        case u'\b':
            out += QLatin1String("\\b");
            continue;
        case u'\f':
            out += QLatin1String("\\f");
            continue;
        case u'\n':
            out += QLatin1String("\\n");
            continue;
        case u'\r':
            out += QLatin1String("\\r");
            continue;
        case u'\t':
            out += QLatin1String("\\t");
            continue;
        default:
            break;
        }
        const bool html = u == u'<' || u == u'>' || u == u'&' || u == 0x2028 || u == 0x2029;
        if (u < 0x20 || (asciiOnly && u >= 0x7f) || (htmlSafe && html)) {
            out += QLatin1String("\\u");
            for (int shift = 12; shift >= 0; shift -= 4)
                out += QLatin1Char(hex[(u >> shift) & 0xf]);
        } else {
            out += c;
        }
    }
    QByteArray bytes = out.toUtf8();
    secureWipe(out);
    return bytes;
}

// The forms a secret takes on its way into text: base64 (a Kubernetes Secret's data, a basic-auth
// header), JSON-escaped (a token inside a JSON body), percent-encoded (a URL or a form).
std::vector<QByteArray> encodedForms(const QByteArray& utf8)
{
    std::vector<QByteArray> forms;
    for (const auto options : { QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding }) {
        forms.push_back(utf8.toBase64(options));
        forms.push_back(utf8.toBase64(options | QByteArray::OmitTrailingEquals));
    }
    // Exactly what QJsonDocument writes for the string, without the surrounding quotes.
    QByteArray qt = QJsonDocument(QJsonArray { QString::fromUtf8(utf8) }).toJson(QJsonDocument::Compact);
    if (qt.size() >= 4)
        forms.push_back(qt.mid(2, qt.size() - 4));
    forms.push_back(jsonEscaped(utf8, false, false));
    forms.push_back(jsonEscaped(utf8, true, false)); // \uXXXX for everything outside ASCII
    forms.push_back(jsonEscaped(utf8, false, true)); // Go's encoding/json: <, >, & as \u003c...
    forms.push_back(jsonEscaped(utf8, true, true));
    const QByteArray percent = QUrl::toPercentEncoding(QString::fromUtf8(utf8));
    forms.push_back(percent);
    if (percent.contains("%20")) {
        QByteArray form = percent;
        forms.push_back(form.replace("%20", "+"));
    }
    return forms;
}

} // namespace

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
    QByteArray utf8(value.data(), static_cast<qsizetype>(value.size()));
    std::vector<QByteArray> forms = encodedForms(utf8);
    std::lock_guard lock(m_mutex);
    const auto add = [this](std::string_view form) {
        if (form.size() < kMinimumLength)
            return;
        if (std::find(m_values.begin(), m_values.end(), form) == m_values.end())
            m_values.emplace_back(form);
    };
    add(value);
    for (QByteArray& form : forms) {
        add(std::string_view(form.constData(), static_cast<std::size_t>(form.size())));
        secureWipe(form);
    }
    secureWipe(utf8);
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
