#include "process/ShellQuote.h"

#include <QRegularExpression>

namespace quayside {

QString shellQuote(const QString& word)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_./:=,@%+-]"));
    if (!word.isEmpty() && !word.contains(unsafe))
        return word;
    QString escaped = word;
    escaped.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString shellJoin(const QStringList& words)
{
    QStringList quoted;
    quoted.reserve(words.size());
    for (const QString& word : words)
        quoted << shellQuote(word);
    return quoted.join(QLatin1Char(' '));
}

bool shellSplit(const QString& line, QStringList* words, QString* error)
{
    words->clear();
    QString current;
    bool inWord = false;
    enum class Quote { None, Single, Double } quote = Quote::None;
    auto refuse = [&](const QString& what) {
        if (error)
            *error = QStringLiteral("it uses %1, which only a shell understands").arg(what);
        words->clear();
        return false;
    };
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quote == Quote::Single) {
            if (c == QLatin1Char('\''))
                quote = Quote::None;
            else
                current += c;
            continue;
        }
        if (quote == Quote::Double) {
            if (c == QLatin1Char('"')) {
                quote = Quote::None;
            } else if (c == QLatin1Char('\\') && i + 1 < line.size()
                       && QStringLiteral("\"\\$`").contains(line.at(i + 1))) {
                current += line.at(++i);
            } else if (c == QLatin1Char('$') || c == QLatin1Char('`')) {
                return refuse(QStringLiteral("a substitution (%1)").arg(c));
            } else {
                current += c;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inWord) {
                *words << current;
                current.clear();
                inWord = false;
            }
            continue;
        }
        switch (c.unicode()) {
        case '\'':
            quote = Quote::Single;
            inWord = true;
            continue;
        case '"':
            quote = Quote::Double;
            inWord = true;
            continue;
        case '\\':
            if (i + 1 >= line.size())
                return refuse(QStringLiteral("a line continuation (\\)"));
            current += line.at(++i);
            inWord = true;
            continue;
        case '|':
            return refuse(QStringLiteral("a pipe (|)"));
        case '&':
        case ';':
            return refuse(QStringLiteral("a command list (%1)").arg(c));
        case '<':
        case '>':
            return refuse(QStringLiteral("a redirection (%1)").arg(c));
        case '$':
        case '`':
            return refuse(QStringLiteral("a substitution or variable (%1)").arg(c));
        case '(':
        case ')':
            return refuse(QStringLiteral("a subshell (%1)").arg(c));
        case '*':
        case '?':
        case '[':
            return refuse(QStringLiteral("a glob (%1)").arg(c));
        case '#':
            if (!inWord)
                return refuse(QStringLiteral("a comment (#)"));
            break;
        case '~':
            if (!inWord)
                return refuse(QStringLiteral("a home directory (~)"));
            break;
        default:
            break;
        }
        current += c;
        inWord = true;
    }
    if (quote != Quote::None) {
        if (error)
            *error = QStringLiteral("a quote is not closed");
        words->clear();
        return false;
    }
    if (inWord)
        *words << current;
    return true;
}

} // namespace quayside
