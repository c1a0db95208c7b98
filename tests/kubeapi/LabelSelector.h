#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace quayside::test {

// A Kubernetes label selector (k8s.io/apimachinery/pkg/labels): "a=b,c!=d,e in (x,y),f notin (z),g,!h".
class LabelSelector
{
public:
    LabelSelector() = default;
    // False (and *error) for a selector the real server would reject with 400.
    static LabelSelector parse(const QString& text, bool* ok = nullptr, QString* error = nullptr);
    // From spec.selector: {matchLabels: {...}, matchExpressions: [{key, operator, values}]}.
    static LabelSelector fromJson(const QJsonObject& selector);
    static LabelSelector fromLabels(const QJsonObject& labels);

    bool isEmpty() const { return m_requirements.isEmpty(); }
    bool matches(const QJsonObject& labels) const;
    QString toString() const;

private:
    enum class Operator { Equals, NotEquals, In, NotIn, Exists, DoesNotExist, GreaterThan, LessThan };
    struct Requirement
    {
        QString key;
        Operator op = Operator::Equals;
        QStringList values;
    };
    QList<Requirement> m_requirements;
};

} // namespace quayside::test
