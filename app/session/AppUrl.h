#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

namespace quayside {

// Where the app answers on a Minikube cluster: a node's InternalIP and the NodePort of the app's
// Service (frontend-service for the todo chatbot). On macOS and Windows with the docker driver the
// node IP is not routable from the host; `minikube service --url` (a tunnel) is needed there.
class AppUrl
{
public:
    // Prefers `preferredService`; otherwise the first Service with a NodePort.
    static QUrl fromObjects(const QList<QJsonObject>& services, const QList<QJsonObject>& nodes,
                            const QString& preferredService = QStringLiteral("frontend-service"));
};

} // namespace quayside
