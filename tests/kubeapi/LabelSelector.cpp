#include "LabelSelector.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace quayside::test {

namespace {

// Splits on commas outside parentheses: "a in (x,y),b" -> ["a in (x,y)", "b"].
QStringList splitTerms(const QString& text)
{
    QStringList terms;
    QString current;
    int depth = 0;
    for (const QChar c : text) {
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')'))
            --depth;
        if (c == QLatin1Char(',') && depth == 0) {
            terms.append(current.trimmed());
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty() || !terms.isEmpty())
        terms.append(current.trimmed());
    return terms;
}

} // namespace

LabelSelector LabelSelector::parse(const QString& text, bool* ok, QString* error)
{
    static const QRegularExpression setPattern(QStringLiteral(R"(^([A-Za-z0-9./_-]+)\s+(in|notin)\s*\(([^)]*)\)$)"));
    static const QRegularExpression binaryPattern(
        QStringLiteral(R"(^([A-Za-z0-9./_-]+)\s*(==|!=|=|>|<)\s*([A-Za-z0-9._-]*)$)"));
    static const QRegularExpression existsPattern(QStringLiteral(R"(^(!?)\s*([A-Za-z0-9./_-]+)$)"));
    LabelSelector selector;
    if (ok)
        *ok = true;
    for (const QString& term : splitTerms(text)) {
        Requirement requirement;
        if (const auto m = setPattern.match(term); m.hasMatch()) {
            requirement.key = m.captured(1);
            requirement.op = m.captured(2) == QLatin1String("in") ? Operator::In : Operator::NotIn;
            for (const QString& value : m.captured(3).split(QLatin1Char(',')))
                requirement.values.append(value.trimmed());
        } else if (const auto b = binaryPattern.match(term); b.hasMatch()) {
            requirement.key = b.captured(1);
            const QString op = b.captured(2);
            requirement.op = op == QLatin1String("!=") ? Operator::NotEquals
                : op == QLatin1String(">")             ? Operator::GreaterThan
                : op == QLatin1String("<")             ? Operator::LessThan
                                                       : Operator::Equals;
            requirement.values = { b.captured(3) };
        } else if (const auto e = existsPattern.match(term); e.hasMatch()) {
            requirement.key = e.captured(2);
            requirement.op = e.captured(1).isEmpty() ? Operator::Exists : Operator::DoesNotExist;
        } else {
            if (ok)
                *ok = false;
            if (error)
                *error = QStringLiteral("unable to parse requirement: found '%1', expected: identifier").arg(term);
            return {};
        }
        selector.m_requirements.append(requirement);
    }
    return selector;
}

LabelSelector LabelSelector::fromLabels(const QJsonObject& labels)
{
    LabelSelector selector;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        selector.m_requirements.append({ it.key(), Operator::Equals, { it.value().toString() } });
    return selector;
}

LabelSelector LabelSelector::fromJson(const QJsonObject& json)
{
    LabelSelector selector = fromLabels(json.value(QStringLiteral("matchLabels")).toObject());
    for (const QJsonValue& value : json.value(QStringLiteral("matchExpressions")).toArray()) {
        const QJsonObject expression = value.toObject();
        Requirement requirement;
        requirement.key = expression.value(QStringLiteral("key")).toString();
        const QString op = expression.value(QStringLiteral("operator")).toString();
        requirement.op = op == QLatin1String("NotIn") ? Operator::NotIn
            : op == QLatin1String("Exists")           ? Operator::Exists
            : op == QLatin1String("DoesNotExist")     ? Operator::DoesNotExist
                                                      : Operator::In;
        for (const QJsonValue& v : expression.value(QStringLiteral("values")).toArray())
            requirement.values.append(v.toString());
        selector.m_requirements.append(requirement);
    }
    return selector;
}

bool LabelSelector::matches(const QJsonObject& labels) const
{
    for (const Requirement& r : m_requirements) {
        const bool has = labels.contains(r.key);
        const QString value = labels.value(r.key).toString();
        switch (r.op) {
        case Operator::Equals:
            if (!has || value != r.values.value(0))
                return false;
            break;
        case Operator::NotEquals:
            if (has && value == r.values.value(0))
                return false;
            break;
        case Operator::In:
            if (!has || !r.values.contains(value))
                return false;
            break;
        case Operator::NotIn:
            if (has && r.values.contains(value))
                return false;
            break;
        case Operator::Exists:
            if (!has)
                return false;
            break;
        case Operator::DoesNotExist:
            if (has)
                return false;
            break;
        case Operator::GreaterThan:
        case Operator::LessThan: {
            bool okValue = false;
            bool okBound = false;
            const qint64 number = value.toLongLong(&okValue);
            const qint64 bound = r.values.value(0).toLongLong(&okBound);
            if (!has || !okValue || !okBound)
                return false;
            if (r.op == Operator::GreaterThan ? number <= bound : number >= bound)
                return false;
            break;
        }
        }
    }
    return true;
}

QString LabelSelector::toString() const
{
    QStringList parts;
    for (const Requirement& r : m_requirements) {
        switch (r.op) {
        case Operator::Equals:
            parts.append(r.key + QLatin1Char('=') + r.values.value(0));
            break;
        case Operator::NotEquals:
            parts.append(r.key + QStringLiteral("!=") + r.values.value(0));
            break;
        case Operator::In:
            parts.append(r.key + QStringLiteral(" in (") + r.values.join(QLatin1Char(',')) + QLatin1Char(')'));
            break;
        case Operator::NotIn:
            parts.append(r.key + QStringLiteral(" notin (") + r.values.join(QLatin1Char(',')) + QLatin1Char(')'));
            break;
        case Operator::Exists:
            parts.append(r.key);
            break;
        case Operator::DoesNotExist:
            parts.append(QLatin1Char('!') + r.key);
            break;
        case Operator::GreaterThan:
            parts.append(r.key + QLatin1Char('>') + r.values.value(0));
            break;
        case Operator::LessThan:
            parts.append(r.key + QLatin1Char('<') + r.values.value(0));
            break;
        }
    }
    return parts.join(QLatin1Char(','));
}

} // namespace quayside::test
