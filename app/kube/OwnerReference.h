#pragma once

#include <QJsonObject>
#include <QString>

namespace quayside::kube {

// An object's controller among metadata.ownerReferences: how a pod is followed to its ReplicaSet and a
// ReplicaSet to its Deployment (the garbage collector's view, apimachinery metav1.GetControllerOf).
struct OwnerReference
{
    QString kind;
    QString name;
    QString uid;

    bool isValid() const { return !kind.isEmpty(); }

    // The reference with controller: true, or an invalid one.
    static OwnerReference controllerOf(const QJsonObject& object);
    // The Deployment controlling a ReplicaSet object, or empty.
    static QString deploymentOfReplicaSet(const QJsonObject& replicaSet);
    // <deployment>-<pod-template-hash> is how the Deployment controller names its ReplicaSets: the
    // Deployment when the ReplicaSet itself is not known (yet), or empty.
    static QString deploymentFromReplicaSetName(const QString& replicaSetName, const QString& podTemplateHash);
};

} // namespace quayside::kube
