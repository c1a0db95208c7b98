#include "pipeline/DockerEnvParser.h"

#include <QRegularExpression>

namespace quayside {

namespace {

// A bash word: "double quoted" (\" \\ \$ \` escapes), 'single quoted' (literal) or bare.
bool unquote(const QString& word, QString* out)
{
    if (word.size() >= 2 && word.startsWith(QLatin1Char('"')) && word.endsWith(QLatin1Char('"'))) {
        const QString inner = word.mid(1, word.size() - 2);
        QString value;
        for (qsizetype i = 0; i < inner.size(); ++i) {
            const QChar c = inner.at(i);
            if (c == QLatin1Char('\\') && i + 1 < inner.size() && QStringLiteral("\"\\$`").contains(inner.at(i + 1))) {
                value += inner.at(++i);
                continue;
            }
            if (c == QLatin1Char('"'))
                return false;
            value += c;
        }
        *out = value;
        return true;
    }
    if (word.size() >= 2 && word.startsWith(QLatin1Char('\'')) && word.endsWith(QLatin1Char('\''))) {
        *out = word.mid(1, word.size() - 2);
        return !out->contains(QLatin1Char('\''));
    }
    static const QRegularExpression bare(QStringLiteral("^[A-Za-z0-9_./:@%+,=-]*$"));
    if (!bare.match(word).hasMatch())
        return false;
    *out = word;
    return true;
}

} // namespace

QString DockerEnvParser::Result::errorText() const
{
    if (!errors.isEmpty())
        return errors.join(QStringLiteral("; "));
    if (!variables.contains(QStringLiteral("DOCKER_HOST")))
        return QStringLiteral("no DOCKER_HOST in the output");
    return {};
}

DockerEnvParser::Result DockerEnvParser::parse(const QByteArray& output)
{
    static const QRegularExpression exportLine(QStringLiteral("^export ([A-Za-z_][A-Za-z0-9_]*)=(.*)$"));
    static const QRegularExpression unsetLine(QStringLiteral("^unset ([A-Za-z_][A-Za-z0-9_ ]*)$"));
    Result result;
    const QStringList lines = QString::fromUtf8(output).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines[i].trimmed();
        if (line.endsWith(QLatin1Char(';')))
            line.chop(1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (const auto m = exportLine.match(line); m.hasMatch()) {
            QString value;
            if (!unquote(m.captured(2), &value)) {
                result.errors << QStringLiteral("line %1: cannot read the value of %2").arg(i + 1).arg(m.captured(1));
                continue;
            }
            result.variables.insert(m.captured(1), value);
            continue;
        }
        if (const auto u = unsetLine.match(line); u.hasMatch()) {
            result.unset << u.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            continue;
        }
        result.errors << QStringLiteral("line %1: not an export line: %2").arg(i + 1).arg(line.left(80));
    }
    return result;
}

} // namespace quayside
