#pragma once

#include "diagnosis/DiagnosisContext.h"
#include "diagnosis/Finding.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace quayside::diagnosis {

class ObjectCache;

// The findings of one diagnosis of a namespace, or of one Deployment or pod in it: what `quayside
// diagnose` prints and what `quayside mcp`'s diagnose tool returns. The JSON shape is a contract:
//   {"context","namespace","healthy":bool,"findings":[Finding::toJson()...]}
// healthy is false when a finding is above Info.
struct DiagnosisReport
{
    QString context;
    QString nameSpace;
    QString kind; // "deployment", "pod" or empty (the whole namespace)
    QString name;
    QList<Finding> findings;

    static bool isProblem(const Finding& finding) { return finding.severity != Finding::Severity::Info; }
    bool healthy() const;
    qsizetype problemCount() const;

    // Asking about one object that is not there is an error, not "healthy": the sentence saying so
    // ("deployment \"x\" not found in namespace y"), empty when the object is in the cache (or kind is empty).
    static QString missingTarget(const ObjectCache& cache, const QString& kind, const QString& name);
    // Runs the rules over the cache and keeps the findings about the target: for a Deployment its own
    // and its pods', for a pod its own.
    static DiagnosisReport build(const ObjectCache& cache, const DiagnosisContext& context, const QDateTime& now,
                                 const QString& kind = {}, const QString& name = {});

    QJsonObject toJson() const;
};

} // namespace quayside::diagnosis
