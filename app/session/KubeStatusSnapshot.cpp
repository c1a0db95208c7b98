#include "session/KubeStatusSnapshot.h"

#include <QJsonArray>

#include <algorithm>

namespace quayside {

namespace {

QJsonValue stringOrNull(const QString& s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace

void KubeStatusSnapshot::sort()
{
    std::sort(deployments.begin(), deployments.end(),
              [](const kube::DeploymentSummary& a, const kube::DeploymentSummary& b) { return a.name < b.name; });
    std::sort(pods.begin(), pods.end(),
              [](const kube::PodSummary& a, const kube::PodSummary& b) { return a.name < b.name; });
}

QJsonObject KubeStatusSnapshot::toJson(const QDateTime& now) const
{
    QJsonArray deploymentArray;
    for (const kube::DeploymentSummary& d : deployments) {
        deploymentArray.append(QJsonObject {
            { QStringLiteral("name"), d.name },
            { QStringLiteral("desired"), d.desired },
            { QStringLiteral("ready"), d.ready },
            { QStringLiteral("updated"), d.updated },
            { QStringLiteral("available"), d.available },
            { QStringLiteral("images"), QJsonArray::fromStringList(d.images) },
        });
    }
    QJsonArray podArray;
    for (const kube::PodSummary& p : pods) {
        const QString owner = !p.deployment.isEmpty() ? p.deployment : p.ownerName;
        QJsonValue cpu(QJsonValue::Null);
        QJsonValue memory(QJsonValue::Null);
        if (metrics) {
            const auto it = metrics->constFind(p.name);
            if (it != metrics->cend()) {
                cpu = static_cast<qint64>(it->cpuMillicores);
                memory = static_cast<qint64>(it->memoryBytes);
            }
        }
        podArray.append(QJsonObject {
            { QStringLiteral("name"), p.name },
            { QStringLiteral("owner"), stringOrNull(owner) },
            { QStringLiteral("phase"), p.phase },
            { QStringLiteral("status"), p.status },
            { QStringLiteral("ready"), p.readyText() },
            { QStringLiteral("restarts"), p.restarts },
            { QStringLiteral("node"), stringOrNull(p.node) },
            { QStringLiteral("ip"), stringOrNull(p.ip) },
            { QStringLiteral("age_seconds"), static_cast<qint64>(std::max<std::int64_t>(0, p.ageSeconds(now))) },
            { QStringLiteral("cpu_millicores"), cpu },
            { QStringLiteral("memory_bytes"), memory },
        });
    }
    return QJsonObject {
        { QStringLiteral("context"), context },     { QStringLiteral("namespace"), nameSpace },
        { QStringLiteral("connected"), connected }, { QStringLiteral("deployments"), deploymentArray },
        { QStringLiteral("pods"), podArray },
    };
}

} // namespace quayside
