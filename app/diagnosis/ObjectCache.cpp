#include "diagnosis/ObjectCache.h"

#include "kube/OwnerReference.h"

namespace quayside::diagnosis {

ObjectCache::PodRef ObjectCache::PodRef::of(const QJsonObject& pod)
{
    PodRef ref;
    const QJsonObject metadata = pod.value(QLatin1String("metadata")).toObject();
    ref.name = metadata.value(QLatin1String("name")).toString();
    const QJsonObject labels = metadata.value(QLatin1String("labels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        ref.labels.insert(it.key(), it.value().toString());
    const kube::OwnerReference owner = kube::OwnerReference::controllerOf(pod);
    ref.ownerKind = owner.kind;
    ref.ownerName = owner.name;
    const QJsonValue deletion = metadata.value(QLatin1String("deletionTimestamp"));
    ref.terminating = !deletion.isUndefined() && !deletion.isNull();
    ref.scheduled = !pod.value(QLatin1String("spec")).toObject().value(QLatin1String("nodeName")).toString().isEmpty();
    return ref;
}

QList<ObjectCache::PodRef> ObjectCache::podRefs() const
{
    QList<PodRef> refs;
    for (const QJsonObject& p : pods())
        refs.append(PodRef::of(p));
    return refs;
}

QJsonObject ObjectCache::pod(const QString& name) const
{
    for (const QJsonObject& p : pods()) {
        if (p.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString() == name)
            return p;
    }
    return {};
}

QList<QJsonObject> ObjectCache::eventsAbout(const QString& kind, const QString& name) const
{
    QList<QJsonObject> result;
    for (const QJsonObject& e : events()) {
        const QJsonObject involved = e.value(QLatin1String("involvedObject")).toObject();
        if (involved.value(QLatin1String("name")).toString() == name
            && involved.value(QLatin1String("kind")).toString() == kind)
            result.append(e);
    }
    return result;
}

} // namespace quayside::diagnosis
