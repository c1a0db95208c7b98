#include "FieldSelector.h"

#include <QJsonValue>
#include <QStringList>

namespace quayside::test {

namespace {

QString valueAt(const QJsonObject& object, const QString& path)
{
    QJsonValue current = object;
    for (const QString& part : path.split(QLatin1Char('.'))) {
        if (!current.isObject())
            return {};
        current = current.toObject().value(part);
    }
    if (current.isString())
        return current.toString();
    if (current.isBool())
        return current.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (current.isDouble())
        return QString::number(current.toInteger());
    return {};
}

} // namespace

FieldSelector FieldSelector::parse(const QString& text, bool* ok, QString* error)
{
    FieldSelector selector;
    if (ok)
        *ok = true;
    for (const QString& raw : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString term = raw.trimmed();
        Term t;
        qsizetype at = term.indexOf(QStringLiteral("!="));
        int width = 2;
        if (at >= 0) {
            t.negated = true;
        } else if ((at = term.indexOf(QStringLiteral("=="))) >= 0) {
            width = 2;
        } else if ((at = term.indexOf(QLatin1Char('='))) >= 0) {
            width = 1;
        } else {
            if (ok)
                *ok = false;
            if (error)
                *error = QStringLiteral("invalid selector: '%1'; can't understand '%2'").arg(text, term);
            return {};
        }
        t.path = term.left(at).trimmed();
        t.value = term.mid(at + width).trimmed();
        selector.m_terms.append(t);
    }
    return selector;
}

bool FieldSelector::matches(const QJsonObject& object) const
{
    for (const Term& t : m_terms) {
        const bool equal = valueAt(object, t.path) == t.value;
        if (equal == t.negated)
            return false;
    }
    return true;
}

QString FieldSelector::equalityValue(const QString& path) const
{
    for (const Term& t : m_terms) {
        if (t.path == path && !t.negated)
            return t.value;
    }
    return {};
}

} // namespace quayside::test
