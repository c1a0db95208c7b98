#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace quayside::kube {

// A v1 Endpoints object: the pod addresses a Service sends traffic to (ready) and those it holds
// back (not ready), as the endpoints controller writes them into subsets.
struct EndpointsSummary
{
    struct Address
    {
        QString ip;
        QString podName; // targetRef.name when the target is a Pod
        QString nodeName;
    };

    QString name; // the Service's name
    QString nameSpace;
    QList<Address> ready; // subsets[].addresses
    QList<Address> notReady; // subsets[].notReadyAddresses
    QList<int> ports; // subsets[].ports[].port

    bool hasReadyAddresses() const { return !ready.isEmpty(); }

    static EndpointsSummary fromJson(const QJsonObject& endpoints);
};

} // namespace quayside::kube
