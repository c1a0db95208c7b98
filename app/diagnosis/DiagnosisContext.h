#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace quayside::diagnosis {

// What the workspace's profile tells the rules (all optional: without a profile the rules still run,
// with less specific advice).
struct DiagnosisContext
{
    QString minikubeProfile; // empty: not a minikube (no `minikube image load` / addon advice)
    // The app's Secret and its keys (profile secrets): a missing environment variable or key is
    // matched against them to name the key and open the Secrets page on it.
    QString secretName;
    QStringList secretKeys;
    // Images Quayside builds locally (repository names): pull errors of these mean "not loaded".
    QStringList localRepositories;
    // Deployment -> the chart values key of its memory limit ("backend.resources.limits.memory"), for
    // the RaiseMemoryLimit action; a deployment without one gets the command to copy instead.
    QMap<QString, QString> memoryLimitValuesKeys;
    QString helmRelease; // for the commands shown
    QString helmChart; // the chart's path or reference, for the `helm upgrade` command shown
};

} // namespace quayside::diagnosis
