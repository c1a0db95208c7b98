#include "kube/DeploymentSummary.h"

#include "kube/PodSummary.h"

#include <QJsonArray>

#include <cmath>

namespace quayside::kube {

namespace {

// intstr.GetScaledValueFromIntOrPercent: "25%" of total, rounded up or down; a plain number as is.
int scaled(const QString& value, int total, bool roundUp)
{
    if (value.endsWith(QLatin1Char('%'))) {
        const double percent = value.chopped(1).toDouble();
        const double exact = percent * total / 100.0;
        return static_cast<int>(roundUp ? std::ceil(exact) : std::floor(exact));
    }
    return value.toInt();
}

QString intOrString(const QJsonValue& value, const QString& fallback)
{
    if (value.isDouble())
        return QString::number(value.toInteger());
    return value.isString() ? value.toString() : fallback;
}

} // namespace

DeploymentSummary DeploymentSummary::fromJson(const QJsonObject& deployment)
{
    DeploymentSummary d;
    const QJsonObject metadata = deployment.value(QLatin1String("metadata")).toObject();
    const QJsonObject spec = deployment.value(QLatin1String("spec")).toObject();
    const QJsonObject status = deployment.value(QLatin1String("status")).toObject();
    d.uid = metadata.value(QLatin1String("uid")).toString();
    d.name = metadata.value(QLatin1String("name")).toString();
    d.nameSpace = metadata.value(QLatin1String("namespace")).toString();
    d.resourceVersion = metadata.value(QLatin1String("resourceVersion")).toString();
    d.created = PodSummary::parseTime(metadata.value(QLatin1String("creationTimestamp")).toString());
    d.generation = metadata.value(QLatin1String("generation")).toInteger();
    d.desired = spec.contains(QLatin1String("replicas")) ? spec.value(QLatin1String("replicas")).toInt() : 1;
    d.paused = spec.value(QLatin1String("paused")).toBool();
    d.current = status.value(QLatin1String("replicas")).toInt();
    d.ready = status.value(QLatin1String("readyReplicas")).toInt();
    d.updated = status.value(QLatin1String("updatedReplicas")).toInt();
    d.available = status.value(QLatin1String("availableReplicas")).toInt();
    d.unavailable = status.value(QLatin1String("unavailableReplicas")).toInt();
    d.observedGeneration = status.value(QLatin1String("observedGeneration")).toInteger();
    const QJsonObject podTemplate = spec.value(QLatin1String("template")).toObject();
    const QJsonObject templateSpec = podTemplate.value(QLatin1String("spec")).toObject();
    for (const QJsonValue& c : templateSpec.value(QLatin1String("containers")).toArray())
        d.images.append(c.toObject().value(QLatin1String("image")).toString());
    d.restartedAt = podTemplate.value(QLatin1String("metadata"))
                        .toObject()
                        .value(QLatin1String("annotations"))
                        .toObject()
                        .value(QLatin1String("kubectl.kubernetes.io/restartedAt"))
                        .toString();
    for (const QJsonValue& c : status.value(QLatin1String("conditions")).toArray()) {
        const QJsonObject condition = c.toObject();
        d.conditions.append(
            { condition.value(QLatin1String("type")).toString(), condition.value(QLatin1String("status")).toString(),
              condition.value(QLatin1String("reason")).toString(), condition.value(QLatin1String("message")).toString(),
              PodSummary::parseTime(condition.value(QLatin1String("lastUpdateTime")).toString()) });
    }
    const QJsonObject matchLabels
        = spec.value(QLatin1String("selector")).toObject().value(QLatin1String("matchLabels")).toObject();
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it)
        d.selector.insert(it.key(), it.value().toString());
    const QJsonObject labels
        = podTemplate.value(QLatin1String("metadata")).toObject().value(QLatin1String("labels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        d.templateLabels.insert(it.key(), it.value().toString());
    const QJsonObject strategy = spec.value(QLatin1String("strategy")).toObject();
    d.strategy = strategy.value(QLatin1String("type")).toString(QStringLiteral("RollingUpdate"));
    const QJsonObject rolling = strategy.value(QLatin1String("rollingUpdate")).toObject();
    d.maxUnavailable = intOrString(rolling.value(QLatin1String("maxUnavailable")), d.maxUnavailable);
    d.maxSurge = intOrString(rolling.value(QLatin1String("maxSurge")), d.maxSurge);
    if (spec.value(QLatin1String("progressDeadlineSeconds")).isDouble())
        d.progressDeadlineSeconds = spec.value(QLatin1String("progressDeadlineSeconds")).toInt();
    return d;
}

int DeploymentSummary::maxUnavailableReplicas() const
{
    // deploymentutil.MaxUnavailable: what the Available condition allows (Recreate allows none).
    if (strategy != QLatin1String("RollingUpdate") || desired == 0)
        return 0;
    const int surge = scaled(maxSurge, desired, true);
    const int allowed = scaled(maxUnavailable, desired, false);
    if (surge == 0 && allowed == 0)
        return 1;
    return std::min(allowed, desired);
}

const DeploymentSummary::Condition* DeploymentSummary::condition(const QString& type) const
{
    for (const Condition& c : conditions) {
        if (c.type == type)
            return &c;
    }
    return nullptr;
}

QString DeploymentSummary::readyText() const
{
    return QStringLiteral("%1/%2").arg(ready).arg(desired);
}

QString DeploymentSummary::selectorString() const
{
    QStringList parts;
    for (auto it = selector.cbegin(); it != selector.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QLatin1Char(','));
}

std::int64_t DeploymentSummary::ageSeconds(const QDateTime& now) const
{
    return created.isValid() ? created.secsTo(now) : 0;
}

bool DeploymentSummary::progressDeadlineExceeded() const
{
    for (const Condition& c : conditions) {
        if (c.type == QLatin1String("Progressing") && c.reason == QLatin1String("ProgressDeadlineExceeded"))
            return true;
    }
    return false;
}

bool DeploymentSummary::rolloutComplete() const
{
    return generation <= observedGeneration && !progressDeadlineExceeded() && updated >= desired && current <= updated
        && available >= updated;
}

QString DeploymentSummary::rolloutMessage() const
{
    // The sentences of kubectl's DeploymentStatusViewer, so users recognise them.
    if (generation > observedGeneration)
        return QStringLiteral("Waiting for deployment spec update to be observed...");
    if (progressDeadlineExceeded())
        return QStringLiteral("deployment \"%1\" exceeded its progress deadline").arg(name);
    if (updated < desired)
        return QStringLiteral(
                   "Waiting for deployment \"%1\" rollout to finish: %2 out of %3 new replicas have been updated...")
            .arg(name)
            .arg(updated)
            .arg(desired);
    if (current > updated)
        return QStringLiteral(
                   "Waiting for deployment \"%1\" rollout to finish: %2 old replicas are pending termination...")
            .arg(name)
            .arg(current - updated);
    if (available < updated)
        return QStringLiteral(
                   "Waiting for deployment \"%1\" rollout to finish: %2 of %3 updated replicas are available...")
            .arg(name)
            .arg(available)
            .arg(updated);
    return QStringLiteral("deployment \"%1\" successfully rolled out").arg(name);
}

} // namespace quayside::kube
