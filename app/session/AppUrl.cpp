#include "session/AppUrl.h"

#include <QJsonArray>

namespace quayside {

namespace {
QString nameOf(const QJsonObject& object)
{
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
}

int nodePortOf(const QJsonObject& service)
{
    for (const QJsonValue& port : service[QLatin1String("spec")][QLatin1String("ports")].toArray()) {
        const int nodePort = port[QLatin1String("nodePort")].toInt();
        if (nodePort > 0)
            return nodePort;
    }
    return 0;
}
} // namespace

QUrl AppUrl::fromObjects(const QList<QJsonObject>& services, const QList<QJsonObject>& nodes,
                         const QString& preferredService)
{
    int port = 0;
    for (const QJsonObject& s : services) {
        if (nameOf(s) == preferredService)
            port = nodePortOf(s);
    }
    for (int i = 0; port == 0 && i < services.size(); ++i)
        port = nodePortOf(services[i]);
    if (port == 0)
        return {};
    QString ip;
    for (const QJsonObject& node : nodes) {
        for (const QJsonValue& address : node[QLatin1String("status")][QLatin1String("addresses")].toArray()) {
            if (address[QLatin1String("type")].toString() == QLatin1String("InternalIP")) {
                ip = address[QLatin1String("address")].toString();
                break;
            }
        }
        if (!ip.isEmpty())
            break;
    }
    if (ip.isEmpty())
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(ip);
    url.setPort(port);
    return url;
}

} // namespace quayside
