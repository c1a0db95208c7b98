#include "diagnosis/EvidenceText.h"

#include "kube/Durations.h"
#include "kube/EventSummary.h"
#include "kube/Quantity.h"

namespace quayside::diagnosis {

QString EvidenceText::ago(const QDateTime& when, const QDateTime& now)
{
    if (!when.isValid())
        return {};
    return kube::Durations::humanize(std::max<qint64>(0, when.secsTo(now))) + QStringLiteral(" ago");
}

QString EvidenceText::event(const kube::EventSummary& event, const QDateTime& now)
{
    QStringList when;
    if (event.count > 1)
        when.append(QStringLiteral("x%1").arg(event.count));
    const QString age = ago(event.time, now);
    if (!age.isEmpty())
        when.append(age);
    QString text = event.type + QLatin1Char(' ') + event.reason;
    if (!when.isEmpty())
        text += QStringLiteral(" (") + when.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text + QStringLiteral(": ") + event.message;
}

QString EvidenceText::bytes(std::int64_t value)
{
    return value < 0 ? QStringLiteral("-") : kube::Quantity::formatBytes(value);
}

QString EvidenceText::millicores(std::int64_t value)
{
    if (value < 0)
        return QStringLiteral("-");
    return value % 1000 == 0 ? QString::number(value / 1000) : QString::number(value) + QLatin1Char('m');
}

QString EvidenceText::memoryValue(std::int64_t value)
{
    constexpr std::int64_t mi = 1024 * 1024;
    const std::int64_t mebibytes = (value + mi - 1) / mi;
    if (mebibytes >= 1024 && mebibytes % 1024 == 0)
        return QString::number(mebibytes / 1024) + QStringLiteral("Gi");
    return QString::number(mebibytes) + QStringLiteral("Mi");
}

} // namespace quayside::diagnosis
