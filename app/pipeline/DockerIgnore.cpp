#include "pipeline/DockerIgnore.h"

namespace quayside {

QString DockerIgnore::cleanPath(const QString& path)
{
    if (path.isEmpty())
        return QStringLiteral(".");
    const bool rooted = path.startsWith(QLatin1Char('/'));
    QStringList out;
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            if (!out.isEmpty() && out.last() != QLatin1String(".."))
                out.removeLast();
            else if (!rooted)
                out << part;
            continue;
        }
        out << part;
    }
    QString cleaned = out.join(QLatin1Char('/'));
    if (rooted)
        return QLatin1Char('/') + cleaned;
    return cleaned.isEmpty() ? QStringLiteral(".") : cleaned;
}

// The regular expression patternmatcher compiles a pattern to (Pattern.compile), with "/" as the
// separator.
QString DockerIgnore::toRegex(const QString& pattern)
{
    QString re = QStringLiteral("^");
    const qsizetype n = pattern.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ch = pattern.at(i);
        if (ch == QLatin1Char('*')) {
            if (i + 1 < n && pattern.at(i + 1) == QLatin1Char('*')) {
                ++i;
                // "**/" is treated as "**": the slash is eaten.
                if (i + 1 < n && pattern.at(i + 1) == QLatin1Char('/'))
                    ++i;
                if (i + 1 >= n)
                    re += QStringLiteral(".*"); // "**" at the end accepts everything
                else
                    re += QStringLiteral("(.*/)?"); // any number of components, even none
            } else {
                re += QStringLiteral("[^/]*");
            }
        } else if (ch == QLatin1Char('?')) {
            re += QStringLiteral("[^/]");
        } else if (QStringLiteral(".+()|{}$^").contains(ch)) {
            re += QLatin1Char('\\') + ch;
        } else if (ch == QLatin1Char('\\')) {
            if (i + 1 < n) {
                re += QLatin1Char('\\') + pattern.at(i + 1);
                ++i;
            } else {
                re += QStringLiteral("\\\\");
            }
        } else {
            re += ch; // "[" and "]" keep their meaning as a character class
        }
    }
    return re + QLatin1Char('$');
}

DockerIgnore DockerIgnore::parse(const QByteArray& content)
{
    QString text = QString::fromUtf8(content);
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    QStringList patterns;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (QString line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        // Comments are recognised before trimming, as Docker does: " # x" is a pattern.
        if (line.startsWith(QLatin1Char('#')))
            continue;
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        const bool invert = line.startsWith(QLatin1Char('!'));
        if (invert)
            line = line.mid(1).trimmed();
        if (!line.isEmpty()) {
            line = cleanPath(line);
            if (line.size() > 1 && line.startsWith(QLatin1Char('/')))
                line = line.mid(1);
        }
        patterns << (invert ? QLatin1Char('!') + line : line);
    }
    return fromPatterns(patterns);
}

DockerIgnore DockerIgnore::fromPatterns(const QStringList& patterns)
{
    DockerIgnore ignore;
    for (QString text : patterns) {
        text = text.trimmed();
        if (text.isEmpty())
            continue;
        Pattern p;
        if (text.startsWith(QLatin1Char('!'))) {
            if (text.size() == 1) {
                ignore.m_errors << QStringLiteral("illegal exclusion pattern: \"!\"");
                continue;
            }
            p.exclusion = true;
            text = text.mid(1);
            ignore.m_hasExceptions = true;
        }
        p.text = cleanPath(text);
        p.regex = QRegularExpression(toRegex(p.text));
        if (!p.regex.isValid()) {
            ignore.m_errors << QStringLiteral("invalid pattern \"%1\": %2").arg(text, p.regex.errorString());
            continue;
        }
        ignore.m_patterns << p;
    }
    return ignore;
}

bool DockerIgnore::matches(const Pattern& pattern, const QString& path) const
{
    return pattern.regex.match(path).hasMatch();
}

// patternmatcher's MatchesOrParentMatches: a pattern matches the path or one of its parent
// directories; patterns are applied in order, each exclusion only able to undo an earlier match.
bool DockerIgnore::isExcluded(const QString& path) const
{
    const QString file = cleanPath(path);
    const qsizetype slash = file.lastIndexOf(QLatin1Char('/'));
    const QStringList parentDirs = slash > 0 ? file.left(slash).split(QLatin1Char('/')) : QStringList();
    bool matched = false;
    for (const Pattern& pattern : m_patterns) {
        if (pattern.exclusion != matched)
            continue;
        bool match = matches(pattern, file);
        if (!match) {
            QString prefix;
            for (const QString& dir : parentDirs) {
                prefix = prefix.isEmpty() ? dir : prefix + QLatin1Char('/') + dir;
                if (matches(pattern, prefix)) {
                    match = true;
                    break;
                }
            }
        }
        if (match)
            matched = !pattern.exclusion;
    }
    return matched;
}

} // namespace quayside
