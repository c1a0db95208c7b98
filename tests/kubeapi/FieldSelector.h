#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace quayside::test {

// A field selector ("metadata.name=x,spec.nodeName=minikube,status.phase!=Running"). The real server
// supports a fixed set of fields per kind; this one evaluates any dotted path, which is a superset.
class FieldSelector
{
public:
    static FieldSelector parse(const QString& text, bool* ok = nullptr, QString* error = nullptr);
    bool isEmpty() const { return m_terms.isEmpty(); }
    bool matches(const QJsonObject& object) const;
    // The value the selector demands for `path` with '=' (e.g. metadata.name), or empty.
    QString equalityValue(const QString& path) const;

private:
    struct Term
    {
        QString path;
        QString value;
        bool negated = false;
    };
    QList<Term> m_terms;
};

} // namespace quayside::test
