#include "core/DnsLabel.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace quayside {

namespace {
const QRegularExpression& label()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    return re;
}
} // namespace

bool DnsLabel::isValid(const QString& text, int maxLength)
{
    return !text.isEmpty() && text.size() <= maxLength && label().match(text).hasMatch();
}

QString DnsLabel::problem(const QString& text, const QString& what, int maxLength)
{
    if (isValid(text, maxLength))
        return {};
    if (text.isEmpty())
        return QCoreApplication::translate("DnsLabel", "%1 cannot be empty.").arg(what);
    if (text.size() > maxLength)
        return QCoreApplication::translate("DnsLabel", "%1 has at most %2 characters (this one has %3).")
            .arg(what)
            .arg(maxLength)
            .arg(text.size());
    if (text != text.toLower())
        return QCoreApplication::translate("DnsLabel", "Use lowercase letters: %1 is a DNS label (a-z, 0-9 and '-').")
            .arg(what);
    static const QRegularExpression allowed(QStringLiteral("^[a-z0-9-]*$"));
    if (!allowed.match(text).hasMatch())
        return QCoreApplication::translate("DnsLabel", "Only lowercase letters, digits and '-' are allowed in %1.")
            .arg(what);
    return QCoreApplication::translate("DnsLabel", "%1 starts and ends with a letter or digit.").arg(what);
}

} // namespace quayside
