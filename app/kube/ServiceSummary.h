#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace quayside::kube {

// What a user sees of a Service: `kubectl get svc` columns plus its selector and ports.
struct ServiceSummary
{
    struct Port
    {
        QString name;
        QString protocol; // TCP
        int port = 0;
        QString targetPort; // a number or a named container port, as written
        int nodePort = 0; // NodePort / LoadBalancer; 0 otherwise
    };

    QString uid;
    QString name;
    QString nameSpace;
    QString type = QStringLiteral("ClusterIP"); // ClusterIP, NodePort, LoadBalancer, ExternalName
    QString clusterIp;
    QMap<QString, QString> selector; // empty: endpoints are managed by hand (or ExternalName)
    QList<Port> ports;

    // "app=backend,tier=api"
    QString selectorString() const;
    // Every selector label is on the object (a Service's selector is equality-based only).
    bool selects(const QMap<QString, QString>& labels) const;

    static ServiceSummary fromJson(const QJsonObject& service);
};

} // namespace quayside::kube
