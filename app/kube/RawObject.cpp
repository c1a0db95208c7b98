#include "kube/RawObject.h"

namespace quayside::kube {

RawObject RawObject::fromObject(const QJsonObject& object)
{
    const QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
    RawObject raw;
    raw.meta.uid = metadata.value(QLatin1String("uid")).toString();
    raw.meta.name = metadata.value(QLatin1String("name")).toString();
    raw.meta.nameSpace = metadata.value(QLatin1String("namespace")).toString();
    raw.meta.resourceVersion = metadata.value(QLatin1String("resourceVersion")).toString();
    raw.object = object;
    return raw;
}

} // namespace quayside::kube
