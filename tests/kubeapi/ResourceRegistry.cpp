#include "ResourceRegistry.h"

namespace quayside::test {

namespace {

QStringList allVerbs()
{
    return { QStringLiteral("create"), QStringLiteral("delete"), QStringLiteral("deletecollection"),
             QStringLiteral("get"),    QStringLiteral("list"),   QStringLiteral("patch"),
             QStringLiteral("update"), QStringLiteral("watch") };
}

ResourceType type(const char* group, const char* version, const char* resource, const char* kind, bool namespaced,
                  QStringList shortNames = {}, QStringList subresources = {}, QStringList categories = {})
{
    ResourceType t;
    t.group = QString::fromLatin1(group);
    t.version = QString::fromLatin1(version);
    t.resource = QString::fromLatin1(resource);
    t.kind = QString::fromLatin1(kind);
    t.singular = t.kind.toLower();
    t.namespaced = namespaced;
    t.shortNames = std::move(shortNames);
    t.verbs = allVerbs();
    t.subresources = std::move(subresources);
    t.categories = std::move(categories);
    return t;
}

} // namespace

ResourceRegistry::ResourceRegistry()
{
    const QStringList status { QStringLiteral("status") };
    const QStringList all { QStringLiteral("all") };
    m_types = {
        type("", "v1", "namespaces", "Namespace", false, { QStringLiteral("ns") }, status),
        type("", "v1", "pods", "Pod", true, { QStringLiteral("po") },
             { QStringLiteral("status"), QStringLiteral("log"), QStringLiteral("eviction") }, all),
        type("", "v1", "services", "Service", true, { QStringLiteral("svc") }, status, all),
        type("", "v1", "endpoints", "Endpoints", true, { QStringLiteral("ep") }),
        type("", "v1", "events", "Event", true, { QStringLiteral("ev") }),
        type("", "v1", "nodes", "Node", false, { QStringLiteral("no") }, status),
        type("", "v1", "configmaps", "ConfigMap", true, { QStringLiteral("cm") }),
        type("", "v1", "secrets", "Secret", true),
        type("", "v1", "serviceaccounts", "ServiceAccount", true, { QStringLiteral("sa") }),
        type("", "v1", "persistentvolumes", "PersistentVolume", false, { QStringLiteral("pv") }, status),
        type("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, { QStringLiteral("pvc") }, status),
        type("", "v1", "resourcequotas", "ResourceQuota", true, { QStringLiteral("quota") }, status),
        type("", "v1", "limitranges", "LimitRange", true, { QStringLiteral("limits") }),
        type("apps", "v1", "deployments", "Deployment", true, { QStringLiteral("deploy") },
             { QStringLiteral("status"), QStringLiteral("scale") }, all),
        type("apps", "v1", "replicasets", "ReplicaSet", true, { QStringLiteral("rs") },
             { QStringLiteral("status"), QStringLiteral("scale") }, all),
        type("apps", "v1", "statefulsets", "StatefulSet", true, { QStringLiteral("sts") },
             { QStringLiteral("status"), QStringLiteral("scale") }, all),
        type("apps", "v1", "daemonsets", "DaemonSet", true, { QStringLiteral("ds") }, status, all),
        type("batch", "v1", "jobs", "Job", true, {}, status, all),
        type("batch", "v1", "cronjobs", "CronJob", true, { QStringLiteral("cj") }, status, all),
        type("networking.k8s.io", "v1", "ingresses", "Ingress", true, { QStringLiteral("ing") }, status),
        type("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, { QStringLiteral("netpol") }),
        type("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, { QStringLiteral("sc") }),
        type("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true,
             { QStringLiteral("hpa") }, status, all),
        type("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
        type("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
        type("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
        type("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
    };
}

const ResourceType* ResourceRegistry::find(const QString& group, const QString& version, const QString& resource) const
{
    for (const ResourceType& t : m_types) {
        if (t.group == group && t.version == version && t.resource == resource)
            return &t;
    }
    return nullptr;
}

const ResourceType* ResourceRegistry::findByKind(const QString& apiVersion, const QString& kind) const
{
    for (const ResourceType& t : m_types) {
        if (t.apiVersion() == apiVersion && t.kind == kind)
            return &t;
    }
    return nullptr;
}

const ResourceType* ResourceRegistry::findByResource(const QString& resource) const
{
    for (const ResourceType& t : m_types) {
        if (t.resource == resource)
            return &t;
    }
    return nullptr;
}

QStringList ResourceRegistry::groups() const
{
    QStringList result;
    for (const ResourceType& t : m_types) {
        if (!t.group.isEmpty() && !result.contains(t.group))
            result.append(t.group);
    }
    return result;
}

} // namespace quayside::test
