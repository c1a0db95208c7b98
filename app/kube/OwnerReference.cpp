#include "kube/OwnerReference.h"

#include <QJsonArray>

namespace quayside::kube {

OwnerReference OwnerReference::controllerOf(const QJsonObject& object)
{
    const QJsonArray owners
        = object.value(QLatin1String("metadata")).toObject().value(QLatin1String("ownerReferences")).toArray();
    for (const QJsonValue& ref : owners) {
        const QJsonObject owner = ref.toObject();
        if (owner.value(QLatin1String("controller")).toBool())
            return { owner.value(QLatin1String("kind")).toString(), owner.value(QLatin1String("name")).toString(),
                     owner.value(QLatin1String("uid")).toString() };
    }
    return {};
}

QString OwnerReference::deploymentOfReplicaSet(const QJsonObject& replicaSet)
{
    const OwnerReference owner = controllerOf(replicaSet);
    return owner.kind == QLatin1String("Deployment") ? owner.name : QString();
}

QString OwnerReference::deploymentFromReplicaSetName(const QString& replicaSetName, const QString& podTemplateHash)
{
    if (podTemplateHash.isEmpty() || !replicaSetName.endsWith(QLatin1Char('-') + podTemplateHash))
        return {};
    return replicaSetName.left(replicaSetName.size() - podTemplateHash.size() - 1);
}

} // namespace quayside::kube
