#include "kube/EndpointsSummary.h"

#include <QJsonArray>

namespace quayside::kube {

EndpointsSummary EndpointsSummary::fromJson(const QJsonObject& endpoints)
{
    EndpointsSummary e;
    const QJsonObject metadata = endpoints.value(QLatin1String("metadata")).toObject();
    e.name = metadata.value(QLatin1String("name")).toString();
    e.nameSpace = metadata.value(QLatin1String("namespace")).toString();
    const auto addresses = [](const QJsonArray& list, QList<Address>* into) {
        for (const QJsonValue& v : list) {
            const QJsonObject a = v.toObject();
            const QJsonObject target = a.value(QLatin1String("targetRef")).toObject();
            into->append({ a.value(QLatin1String("ip")).toString(),
                           target.value(QLatin1String("kind")).toString() == QLatin1String("Pod")
                               ? target.value(QLatin1String("name")).toString()
                               : QString(),
                           a.value(QLatin1String("nodeName")).toString() });
        }
    };
    for (const QJsonValue& v : endpoints.value(QLatin1String("subsets")).toArray()) {
        const QJsonObject subset = v.toObject();
        addresses(subset.value(QLatin1String("addresses")).toArray(), &e.ready);
        addresses(subset.value(QLatin1String("notReadyAddresses")).toArray(), &e.notReady);
        for (const QJsonValue& p : subset.value(QLatin1String("ports")).toArray()) {
            const int port = p.toObject().value(QLatin1String("port")).toInt();
            if (!e.ports.contains(port))
                e.ports.append(port);
        }
    }
    return e;
}

} // namespace quayside::kube
