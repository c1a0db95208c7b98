#include "diagnosis/rules/LogAnalyzer.h"

#include <QRegularExpression>

#include <algorithm>

namespace quayside::diagnosis {

namespace {

using RE = QRegularExpression;

// An environment variable's name as apps spell it (checked for upper case after a case-blind match).
#define QUAYSIDE_VAR "['\"`]?([A-Za-z][A-Za-z0-9_]{2,})['\"`]?"

const QList<RE>& missingVariablePatterns()
{
    static const QList<RE> patterns {
        // os.environ["X"] in Python.
        RE(QStringLiteral("KeyError: ['\"]([A-Za-z][A-Za-z0-9_]{2,})['\"]")),
        // "X is not set", "X must be set", "X environment variable is required", "X not defined" (and
        // never "X is set").
        RE(QStringLiteral(QUAYSIDE_VAR
                          "\\s+(?:environment variable\\s+|env var\\s+)?(?:(?:is|was)\\s+not\\s+(?:set|"
                          "defined|provided|configured)|(?:is|was)\\s+(?:missing|required|empty|undefined|"
                          "unset)|must be (?:set|defined|provided)|has not been (?:set|defined|provided)|not "
                          "(?:set|defined|provided)|missing|undefined|required)\\b"),
           RE::CaseInsensitiveOption),
        // "Missing environment variable: X", "missing required env var X", "undefined env X".
        RE(QStringLiteral("(?:missing|required|undefined|unset|no)\\s+(?:required\\s+)?(?:environment "
                          "variable|env(?:ironment)? var(?:iable)?|env)s?\\s*[:=]?\\s*" QUAYSIDE_VAR),
           RE::CaseInsensitiveOption),
        // kelseyhightower/envconfig: "required key X missing value".
        RE(QStringLiteral("required key " QUAYSIDE_VAR " missing value"), RE::CaseInsensitiveOption),
    };
    return patterns;
}

#undef QUAYSIDE_VAR

bool looksLikeVariable(const QString& name)
{
    // Upper case with at least one letter: DATABASE_URL, not "value" or "the", nor a log level
    // ("ERROR missing ...").
    static const QStringList words { QStringLiteral("ERROR"),    QStringLiteral("WARN"),  QStringLiteral("WARNING"),
                                     QStringLiteral("INFO"),     QStringLiteral("DEBUG"), QStringLiteral("FATAL"),
                                     QStringLiteral("CRITICAL"), QStringLiteral("TRACE"), QStringLiteral("NOTICE"),
                                     QStringLiteral("PANIC"),    QStringLiteral("GET"),   QStringLiteral("POST") };
    const bool letter = std::any_of(name.cbegin(), name.cend(), [](QChar c) { return c.isUpper(); });
    return letter && name == name.toUpper() && !words.contains(name);
}

const RE& tlsPattern()
{
    static const RE re(QStringLiteral("sslmode|SSL connection is required|SSL off|connection is insecure|requires? "
                                      "(?:an? )?(?:SSL|TLS)|SSL SYSCALL|server does not support SSL|certificate verify "
                                      "failed|self[- ]signed certificate|SSL/TLS required|no encryption"),
                       RE::CaseInsensitiveOption);
    return re;
}

const RE& databasePattern()
{
    static const RE re(
        QStringLiteral("could not connect to server|connection to server at .* failed|psycopg2?\\.OperationalError|"
                       "sqlalchemy\\.exc\\.OperationalError|asyncpg\\.exceptions|password authentication failed|"
                       "could not translate host name|P1001|Can't reach database server|Can't connect to MySQL|"
                       "(?:ECONNREFUSED|Connection refused).*:(?:5432|3306|27017)\\b|database \".*\" does not exist|"
                       "role \".*\" does not exist|(?:database|postgres(?:ql)?|mysql)\\b.*(?:connection "
                       "refused|timed out|timeout|unreachable|not known)"),
        RE::CaseInsensitiveOption);
    return re;
}

const RE& neonPattern()
{
    // Neon's hosts (ep-name-123.region.aws.neon.tech) and its own wording about the endpoint ID.
    static const RE re(QStringLiteral("neon\\.tech|\\bneon\\b|endpoint ID"), RE::CaseInsensitiveOption);
    return re;
}

const RE& addressInUsePattern()
{
    static const RE re(QStringLiteral("address already in use|EADDRINUSE|address in use"), RE::CaseInsensitiveOption);
    return re;
}

int portIn(const QString& line)
{
    // Go/Node ":8080", "port 8000", Python's ('0.0.0.0', 8000).
    static const RE re(QStringLiteral("(?::|port\\s+|',\\s*)(\\d{2,5})\\b"), RE::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(line);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

} // namespace

QString LogAnalyzer::pythonExceptionLine(const QStringList& lines)
{
    qsizetype start = -1;
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        if (lines.at(i).contains(QLatin1String("Traceback (most recent call last):"))) {
            start = i;
            break;
        }
    }
    if (start < 0)
        return {};
    // The frames are indented; the exception is the first line after them that is not.
    static const RE exception(QStringLiteral(
        "^([A-Za-z_][A-Za-z0-9_.]*(?:Error|Exception|Exit|Interrupt|Warning|Failure|Fault))(?::\\s.*)?$"));
    for (qsizetype i = start + 1; i < lines.size(); ++i) {
        const QString& line = lines.at(i);
        if (line.isEmpty() || line.front().isSpace())
            continue;
        if (exception.match(line).hasMatch())
            return line;
    }
    return {};
}

QList<LogCause> LogAnalyzer::analyze(const QStringList& lines)
{
    QList<LogCause> causes;
    const auto add = [&causes](LogCause cause) {
        for (const LogCause& c : std::as_const(causes)) {
            if (c.kind == cause.kind && c.variable == cause.variable)
                return;
        }
        causes.append(std::move(cause));
    };
    bool neon = false;
    for (const QString& line : lines)
        neon = neon || neonPattern().match(line).hasMatch();

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString& line = lines.at(i);
        for (const RE& re : missingVariablePatterns()) {
            const QRegularExpressionMatch m = re.match(line);
            if (m.hasMatch() && looksLikeVariable(m.captured(1))) {
                add({ LogCause::Kind::MissingVariable, line.trimmed(), m.captured(1), 0, false });
                break;
            }
        }
        // pydantic-settings: the field's name on the line above "Field required".
        if (line.trimmed().startsWith(QLatin1String("Field required"), Qt::CaseInsensitive) && i > 0) {
            const QString field = lines.at(i - 1).trimmed();
            static const RE identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
            if (identifier.match(field).hasMatch())
                add({ LogCause::Kind::MissingVariable, field + QStringLiteral(": ") + line.trimmed(), field.toUpper(),
                      0, false });
        }
        if (tlsPattern().match(line).hasMatch()
            && (databasePattern().match(line).hasMatch() || neon
                || line.contains(QLatin1String("sslmode"), Qt::CaseInsensitive)
                || line.contains(QLatin1String("pg_hba"))))
            add({ LogCause::Kind::DatabaseTls, line.trimmed(), {}, 0, neon });
        else if (databasePattern().match(line).hasMatch())
            add({ LogCause::Kind::DatabaseConnection, line.trimmed(), {}, 0, neon });
        if (addressInUsePattern().match(line).hasMatch())
            add({ LogCause::Kind::AddressInUse, line.trimmed(), {}, portIn(line), false });
    }
    const QString exception = pythonExceptionLine(lines);
    if (!exception.isEmpty())
        add({ LogCause::Kind::PythonException, exception, {}, 0, false });
    // A TLS refusal explains the connection error it causes.
    const bool tls = std::any_of(causes.cbegin(), causes.cend(),
                                 [](const LogCause& c) { return c.kind == LogCause::Kind::DatabaseTls; });
    if (tls)
        causes.removeIf([](const LogCause& c) { return c.kind == LogCause::Kind::DatabaseConnection; });
    std::stable_sort(causes.begin(), causes.end(), [](const LogCause& a, const LogCause& b) {
        return static_cast<int>(a.kind) < static_cast<int>(b.kind);
    });
    return causes;
}

} // namespace quayside::diagnosis
