#include "HelmTemplateScanner.h"

#include <QRegularExpression>

#include <utility>

namespace quayside {

HelmTemplateScanner::HelmTemplateScanner(QString text)
    : m_text(std::move(text))
{
    parse();
}

void HelmTemplateScanner::parse()
{
    int line = 1;
    int lineStart = 0;
    const qsizetype size = m_text.size();
    qsizetype i = 0;
    while (i < size) {
        if (m_text.at(i) == u'\n') {
            ++line;
            lineStart = int(i) + 1;
            ++i;
            continue;
        }
        if (!(m_text.at(i) == u'{' && i + 1 < size && m_text.at(i + 1) == u'{')) {
            ++i;
            continue;
        }
        Action action;
        action.line = line;
        action.column = int(i) - lineStart;
        qsizetype j = i + 2;
        // Scan to the closing delimiter, skipping string literals and comments, which may hold "}}".
        QChar quote;
        bool inComment = false;
        qsizetype end = -1;
        while (j < size) {
            const QChar c = m_text.at(j);
            if (c == u'\n') {
                ++line;
                lineStart = int(j) + 1;
            }
            if (inComment) {
                if (c == u'*' && j + 1 < size && m_text.at(j + 1) == u'/') {
                    inComment = false;
                    ++j;
                }
            } else if (!quote.isNull()) {
                if (c == u'\\' && quote == u'"')
                    ++j;
                else if (c == quote)
                    quote = QChar();
            } else if (c == u'"' || c == u'`') {
                quote = c;
            } else if (c == u'/' && j + 1 < size && m_text.at(j + 1) == u'*') {
                inComment = true;
                ++j;
            } else if (c == u'}' && j + 1 < size && m_text.at(j + 1) == u'}') {
                end = j;
                break;
            }
            ++j;
        }
        if (end < 0) {
            m_syntaxErrors << QStringLiteral("line %1: {{ is never closed").arg(action.line);
            return;
        }
        QString body = m_text.mid(i + 2, end - i - 2);
        if (body.startsWith(u'-') && (body.size() == 1 || body.at(1).isSpace())) {
            action.trimLeft = true;
            body.remove(0, 1);
        }
        if (body.endsWith(u'-') && (body.size() == 1 || body.at(body.size() - 2).isSpace())) {
            action.trimRight = true;
            body.chop(1);
        }
        action.body = body.trimmed();
        m_actions.append(action);
        i = end + 2;
    }
}

QStringList HelmTemplateScanner::valuesPaths() const
{
    static const QRegularExpression path(QStringLiteral("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)"));
    QStringList paths;
    for (const Action& action : m_actions) {
        if (action.isComment())
            continue;
        for (const auto& match : path.globalMatch(action.body)) {
            const QString found = match.captured(1).mid(1);
            if (!paths.contains(found))
                paths << found;
        }
    }
    return paths;
}

QStringList HelmTemplateScanner::definedNames() const
{
    static const QRegularExpression define(QStringLiteral("^define\\s+\"([^\"]+)\""));
    QStringList names;
    for (const Action& action : m_actions) {
        if (auto match = define.match(action.body); match.hasMatch())
            names << match.captured(1);
    }
    return names;
}

QStringList HelmTemplateScanner::includedNames() const
{
    static const QRegularExpression include(QStringLiteral("\\binclude\\s+\"([^\"]+)\""));
    QStringList names;
    for (const Action& action : m_actions) {
        if (action.isComment())
            continue;
        for (const auto& match : include.globalMatch(action.body)) {
            if (!names.contains(match.captured(1)))
                names << match.captured(1);
        }
    }
    return names;
}

bool HelmTemplateScanner::usesTemplateAction() const
{
    static const QRegularExpression templateAction(QStringLiteral("^template\\s"));
    for (const Action& action : m_actions) {
        if (templateAction.match(action.body).hasMatch())
            return true;
    }
    return false;
}

bool HelmTemplateScanner::usesLookup() const
{
    static const QRegularExpression lookup(QStringLiteral("\\blookup\\b"));
    for (const Action& action : m_actions) {
        if (!action.isComment() && lookup.match(action.body).hasMatch())
            return true;
    }
    return false;
}

QStringList HelmTemplateScanner::blockErrors() const
{
    static const QRegularExpression opener(QStringLiteral("^(if|with|range|define|block)\\b"));
    QStringList errors;
    QList<const Action*> open;
    for (const Action& action : m_actions) {
        if (action.isComment())
            continue;
        if (auto match = opener.match(action.body); match.hasMatch()) {
            open.append(&action);
        } else if (action.body == QStringLiteral("end")) {
            if (open.isEmpty())
                errors << QStringLiteral("line %1: end without an open block").arg(action.line);
            else
                open.removeLast();
        }
    }
    for (const Action* action : open)
        errors << QStringLiteral("line %1: \"%2\" is never ended").arg(action->line).arg(action->body);
    return errors;
}

QStringList HelmTemplateScanner::nindentErrors() const
{
    static const QRegularExpression nindent(QStringLiteral("\\|\\s*nindent\\s+(\\d+)\\s*$"));
    const QStringList lines = m_text.split(u'\n');
    QStringList errors;
    for (const Action& action : m_actions) {
        const auto match = nindent.match(action.body);
        if (!match.hasMatch())
            continue;
        const QString& line = lines.at(action.line - 1);
        // Only the idiom of an action alone on its line; inline uses are the author's business.
        if (!line.trimmed().startsWith(QStringLiteral("{{")) || !line.trimmed().endsWith(QStringLiteral("}}")))
            continue;
        if (!action.trimLeft)
            errors << QStringLiteral("line %1: nindent without {{- leaves a line of spaces").arg(action.line);
        else if (match.captured(1).toInt() != action.column)
            errors << QStringLiteral("line %1: nindent %2 on an action at column %3")
                          .arg(action.line)
                          .arg(match.captured(1))
                          .arg(action.column);
    }
    return errors;
}

} // namespace quayside
