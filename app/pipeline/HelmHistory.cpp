#include "pipeline/HelmHistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace quayside {

namespace {

int revisionOf(const QJsonValue& value)
{
    if (value.isDouble())
        return value.toInt();
    bool ok = false;
    const int n = value.toString().toInt(&ok);
    return ok ? n : 0;
}

QJsonArray arrayOf(const QByteArray& json, QString* error)
{
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(json.trimmed().isEmpty() ? QByteArray("[]") : json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray()) {
        if (error)
            *error = QStringLiteral("helm printed something that is not a JSON list: %1")
                         .arg(QString::fromUtf8(json.left(120)).trimmed());
        return {};
    }
    return doc.array();
}

} // namespace

QJsonObject HelmHistory::Revision::toJson() const
{
    return { { QStringLiteral("revision"), revision },
             { QStringLiteral("updated"), updated.isValid() ? updated.toString(Qt::ISODate) : updatedText },
             { QStringLiteral("status"), status },
             { QStringLiteral("chart"), chart },
             { QStringLiteral("appVersion"), appVersion },
             { QStringLiteral("description"), description } };
}

QDateTime HelmHistory::parseTime(const QString& text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (t.isValid())
        return t.toUTC();
    // Go's RFC 3339 with nanoseconds: Qt reads at most milliseconds, so drop the rest.
    static const QRegularExpression nano(
        QStringLiteral("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$"));
    if (const auto m = nano.match(text); m.hasMatch()) {
        const QString ms = m.captured(2).left(4);
        t = QDateTime::fromString(m.captured(1) + ms + m.captured(3), Qt::ISODateWithMs);
        if (t.isValid())
            return t.toUTC();
    }
    // time.String(): "2025-06-18 14:17:46.125134977 +0000 UTC" (a monotonic "m=+..." suffix possible).
    static const QRegularExpression go(
        QStringLiteral("^(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d)(\\.\\d+)? ([+-])(\\d\\d)(\\d\\d)"));
    if (const auto m = go.match(text); m.hasMatch()) {
        const QString ms = m.captured(3).left(4);
        const QString iso = m.captured(1) + QLatin1Char('T') + m.captured(2) + ms + m.captured(4) + m.captured(5)
            + QLatin1Char(':') + m.captured(6);
        t = QDateTime::fromString(iso, ms.isEmpty() ? Qt::ISODate : Qt::ISODateWithMs);
        if (t.isValid())
            return t.toUTC();
    }
    return {};
}

QList<HelmHistory::Revision> HelmHistory::parseHistory(const QByteArray& json, QString* error)
{
    QList<Revision> out;
    const QJsonArray array = arrayOf(json, error);
    for (const QJsonValue& v : array) {
        const QJsonObject o = v.toObject();
        Revision r;
        r.revision = revisionOf(o.value(QLatin1String("revision")));
        r.updatedText = o.value(QLatin1String("updated")).toString();
        r.updated = parseTime(r.updatedText);
        r.status = o.value(QLatin1String("status")).toString();
        r.chart = o.value(QLatin1String("chart")).toString();
        r.appVersion = o.value(QLatin1String("app_version")).toString();
        r.description = o.value(QLatin1String("description")).toString();
        if (r.revision > 0)
            out << r;
    }
    std::sort(out.begin(), out.end(), [](const Revision& a, const Revision& b) { return a.revision < b.revision; });
    return out;
}

QList<HelmHistory::Release> HelmHistory::parseList(const QByteArray& json, QString* error)
{
    QList<Release> out;
    const QJsonArray array = arrayOf(json, error);
    for (const QJsonValue& v : array) {
        const QJsonObject o = v.toObject();
        Release r;
        r.name = o.value(QLatin1String("name")).toString();
        r.nameSpace = o.value(QLatin1String("namespace")).toString();
        r.revision = revisionOf(o.value(QLatin1String("revision")));
        r.updatedText = o.value(QLatin1String("updated")).toString();
        r.updated = parseTime(r.updatedText);
        r.status = o.value(QLatin1String("status")).toString();
        r.chart = o.value(QLatin1String("chart")).toString();
        r.appVersion = o.value(QLatin1String("app_version")).toString();
        if (!r.name.isEmpty())
            out << r;
    }
    return out;
}

int HelmHistory::deployedRevision(const QList<Revision>& history)
{
    int deployed = 0;
    for (const Revision& r : history) {
        if (r.status == QLatin1String("deployed"))
            deployed = std::max(deployed, r.revision);
    }
    return deployed;
}

int HelmHistory::revisionFromUpgradeOutput(const QString& output)
{
    static const QRegularExpression re(QStringLiteral("(?m)^REVISION: (\\d+)\\s*$"));
    const auto m = re.match(output);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

} // namespace quayside
