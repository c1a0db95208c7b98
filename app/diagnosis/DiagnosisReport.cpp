#include "diagnosis/DiagnosisReport.h"

#include "diagnosis/Diagnoser.h"
#include "diagnosis/ObjectCache.h"

#include <QJsonArray>

#include <algorithm>

namespace quayside::diagnosis {

bool DiagnosisReport::healthy() const
{
    return std::none_of(findings.cbegin(), findings.cend(), isProblem);
}

qsizetype DiagnosisReport::problemCount() const
{
    return std::count_if(findings.cbegin(), findings.cend(), isProblem);
}

QString DiagnosisReport::missingTarget(const ObjectCache& cache, const QString& kind, const QString& name)
{
    if (kind != QLatin1String("deployment") && kind != QLatin1String("pod"))
        return {};
    const QList<QJsonObject> objects = kind == QLatin1String("pod") ? cache.pods() : cache.deployments();
    const bool found = std::any_of(objects.cbegin(), objects.cend(), [&name](const QJsonObject& o) {
        return o[QLatin1String("metadata")][QLatin1String("name")].toString() == name;
    });
    return found ? QString() : QStringLiteral("%1 \"%2\" not found in namespace %3").arg(kind, name, cache.nameSpace());
}

DiagnosisReport DiagnosisReport::build(const ObjectCache& cache, const DiagnosisContext& context, const QDateTime& now,
                                       const QString& kind, const QString& name)
{
    DiagnosisReport report;
    report.nameSpace = cache.nameSpace();
    report.kind = kind;
    report.name = name;
    report.findings = Diagnoser::diagnose(cache, context, now);
    if (!kind.isEmpty()) {
        const bool deployment = kind == QLatin1String("deployment");
        report.findings.removeIf([&name, deployment](const Finding& f) {
            if (deployment)
                return !(f.deployment == name || (f.objectKind == QLatin1String("Deployment") && f.objectName == name));
            return !(f.objectKind == QLatin1String("Pod") && f.objectName == name);
        });
    }
    return report;
}

QJsonObject DiagnosisReport::toJson() const
{
    QJsonArray list;
    for (const Finding& f : findings)
        list.append(f.toJson());
    return QJsonObject { { QStringLiteral("context"), context },
                         { QStringLiteral("namespace"), nameSpace },
                         { QStringLiteral("healthy"), healthy() },
                         { QStringLiteral("findings"), list } };
}

} // namespace quayside::diagnosis
