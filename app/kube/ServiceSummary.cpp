#include "kube/ServiceSummary.h"

#include <QJsonArray>
#include <QStringList>

namespace quayside::kube {

ServiceSummary ServiceSummary::fromJson(const QJsonObject& service)
{
    ServiceSummary s;
    const QJsonObject metadata = service.value(QLatin1String("metadata")).toObject();
    const QJsonObject spec = service.value(QLatin1String("spec")).toObject();
    s.uid = metadata.value(QLatin1String("uid")).toString();
    s.name = metadata.value(QLatin1String("name")).toString();
    s.nameSpace = metadata.value(QLatin1String("namespace")).toString();
    s.type = spec.value(QLatin1String("type")).toString(QStringLiteral("ClusterIP"));
    s.clusterIp = spec.value(QLatin1String("clusterIP")).toString();
    const QJsonObject selector = spec.value(QLatin1String("selector")).toObject();
    for (auto it = selector.begin(); it != selector.end(); ++it)
        s.selector.insert(it.key(), it.value().toString());
    for (const QJsonValue& v : spec.value(QLatin1String("ports")).toArray()) {
        const QJsonObject p = v.toObject();
        Port port;
        port.name = p.value(QLatin1String("name")).toString();
        port.protocol = p.value(QLatin1String("protocol")).toString(QStringLiteral("TCP"));
        port.port = p.value(QLatin1String("port")).toInt();
        const QJsonValue target = p.value(QLatin1String("targetPort"));
        // The API defaults targetPort to port.
        port.targetPort = target.isDouble() ? QString::number(target.toInteger())
            : target.isString()             ? target.toString()
                                            : QString::number(port.port);
        port.nodePort = p.value(QLatin1String("nodePort")).toInt();
        s.ports.append(port);
    }
    return s;
}

QString ServiceSummary::selectorString() const
{
    QStringList parts;
    for (auto it = selector.cbegin(); it != selector.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QLatin1Char(','));
}

bool ServiceSummary::selects(const QMap<QString, QString>& labels) const
{
    if (selector.isEmpty())
        return false;
    for (auto it = selector.cbegin(); it != selector.cend(); ++it) {
        const auto found = labels.constFind(it.key());
        if (found == labels.cend() || *found != it.value())
            return false;
    }
    return true;
}

} // namespace quayside::kube
