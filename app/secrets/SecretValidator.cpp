#include "secrets/SecretValidator.h"

#include "core/SecureMemory.h"

#include <QUrl>
#include <QUrlQuery>

namespace quayside {

namespace {

using Severity = SecretValidation::Severity;

// Characters as a person counts them: a surrogate pair (an emoji) is one.
qsizetype characterCount(const QString& value)
{
    qsizetype count = 0;
    for (const QChar c : value) {
        if (!c.isLowSurrogate())
            ++count;
    }
    return count;
}

bool hasLineBreak(const QString& value)
{
    return value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'));
}

bool hasInnerWhitespace(const QString& value)
{
    const QString trimmed = value.trimmed();
    for (const QChar c : trimmed) {
        if (c.isSpace())
            return true;
    }
    return false;
}

bool hasSurroundingWhitespace(const QString& value)
{
    return !value.isEmpty() && (value.front().isSpace() || value.back().isSpace());
}

SecretValidation surroundingWhitespaceWarning()
{
    return { Severity::Warning,
             QStringLiteral(
                 "Starts or ends with a space or line break; the app will get it too. Check what was pasted.") };
}

SecretValidation validatePostgresUrl(const QString& value)
{
    const QString example = QStringLiteral("postgresql://user:password@host/database?sslmode=require");
    if (hasLineBreak(value) || hasInnerWhitespace(value))
        return { Severity::Error,
                 QStringLiteral("A database URL has no spaces or line breaks; expected %1.").arg(example) };
    // Never use QUrl::errorString() or toString() here: both can contain the password.
    const QUrl url(value.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("postgres") && scheme != QLatin1String("postgresql")) {
        // Not even the scheme is echoed: for a mistyped value it may be the start of a password.
        return { Severity::Error, QStringLiteral("Must be a postgres:// or postgresql:// URL, e.g. %1.").arg(example) };
    }
    if (!url.isValid())
        return { Severity::Error, QStringLiteral("Not a valid URL; expected %1.").arg(example) };
    if (url.host().isEmpty())
        return { Severity::Error, QStringLiteral("The URL has no host; expected %1.").arg(example) };
    const QString sslmode = QUrlQuery(url).queryItemValue(QStringLiteral("sslmode")).toLower();
    if (sslmode.isEmpty()) {
        return { Severity::Warning,
                 QStringLiteral("No sslmode=require: Neon only accepts SSL connections, so add ?sslmode=require.") };
    }
    if (sslmode != QLatin1String("require") && sslmode != QLatin1String("verify-ca")
        && sslmode != QLatin1String("verify-full")) {
        static const QStringList known { QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer") };
        return { Severity::Warning,
                 QStringLiteral("sslmode=%1 may connect without SSL, which Neon refuses: use sslmode=require.")
                     .arg(known.contains(sslmode) ? sslmode : QStringLiteral("…")) };
    }
    if (url.path().size() <= 1)
        return { Severity::Warning, QStringLiteral("No database name after the host (…/database?sslmode=require).") };
    return { Severity::Ok, QStringLiteral("PostgreSQL URL with SSL required.") };
}

} // namespace

SecretValidation SecretValidator::validate(const SecretSpec& spec, const QString& value)
{
    if (value.isEmpty() || value.trimmed().isEmpty())
        return { Severity::Error, QStringLiteral("Enter a value.") };

    SecretValidation result;
    switch (spec.kind) {
    case SecretSpec::Kind::Text:
        result = { Severity::Ok, {} };
        break;
    case SecretSpec::Kind::ApiKey:
        if (hasLineBreak(value.trimmed()) || hasInnerWhitespace(value))
            return { Severity::Error,
                     QStringLiteral("An API key has no spaces or line breaks; check what was pasted.") };
        result = { Severity::Ok, {} };
        break;
    case SecretSpec::Kind::JwtSecret: {
        if (hasLineBreak(value.trimmed()))
            return { Severity::Error, QStringLiteral("Must be a single line.") };
        const qsizetype count = characterCount(value);
        if (count < spec.minimumLength) {
            return { Severity::Error,
                     QStringLiteral(
                         "Too short: at least %1 characters are needed, this has %2. Generate makes a random one.")
                         .arg(spec.minimumLength)
                         .arg(count) };
        }
        result = { Severity::Ok, QStringLiteral("%1 characters.").arg(count) };
        break;
    }
    case SecretSpec::Kind::PostgresUrl:
        return validatePostgresUrl(value);
    }
    if (hasSurroundingWhitespace(value))
        return surroundingWhitespaceWarning();
    return result;
}

SecretValidation SecretValidator::validate(const SecretSpec& spec, const QByteArray& utf8Value)
{
    QString text = QString::fromUtf8(utf8Value);
    SecretValidation result = validate(spec, text);
    secureWipe(text);
    return result;
}

} // namespace quayside
