#pragma once

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace quayside {

// A .dockerignore file with Docker's own rules (moby/patternmatcher and its ignorefile reader), so the
// files Quayside hashes are the files `docker build` sends:
//   - lines starting with # are comments; blank lines are skipped; surrounding spaces are trimmed;
//   - patterns are cleaned like Go's filepath.Clean, and a leading "/" is dropped (the context root);
//   - "*" matches within one path component, "?" one character, [a-z] a class, "\" escapes;
//   - "**" matches any number of components, zero included ("**/x", "a/**/b", "a/**");
//   - a pattern matching a directory excludes everything below it;
//   - "!pattern" re-includes; the last matching pattern decides.
class DockerIgnore
{
public:
    DockerIgnore() = default;
    // Parses the file's content; patterns that cannot compile are reported in errors().
    static DockerIgnore parse(const QByteArray& content);
    static DockerIgnore fromPatterns(const QStringList& patterns);

    // `path` is relative to the context root with "/" separators ("src/app/main.py").
    bool isExcluded(const QString& path) const;
    bool hasExceptions() const { return m_hasExceptions; }
    bool isEmpty() const { return m_patterns.isEmpty(); }
    const QStringList& errors() const { return m_errors; }

    // Go's filepath.Clean on a slash-separated path.
    static QString cleanPath(const QString& path);

private:
    struct Pattern
    {
        QString text;
        bool exclusion = false;
        QRegularExpression regex;
    };
    static QString toRegex(const QString& pattern);
    bool matches(const Pattern& pattern, const QString& path) const;

    QList<Pattern> m_patterns;
    QStringList m_errors;
    bool m_hasExceptions = false;
};

} // namespace quayside
