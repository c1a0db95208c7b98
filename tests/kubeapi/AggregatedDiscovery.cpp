#include "AggregatedDiscovery.h"

#include <QJsonArray>
#include <QMap>

namespace quayside::test {

namespace {

QJsonObject kind(const QString& group, const QString& version, const QString& kindName)
{
    return { { QStringLiteral("group"), group },
             { QStringLiteral("version"), version },
             { QStringLiteral("kind"), kindName } };
}

QJsonObject subresource(const ResourceType& type, const QString& name)
{
    if (name == QLatin1String("log"))
        return { { QStringLiteral("subresource"), name },
                 { QStringLiteral("responseKind"), kind(type.group, type.version, type.kind) },
                 { QStringLiteral("verbs"), QJsonArray { QStringLiteral("get") } } };
    if (name == QLatin1String("eviction"))
        return { { QStringLiteral("subresource"), name },
                 { QStringLiteral("responseKind"),
                   kind(QStringLiteral("policy"), QStringLiteral("v1"), QStringLiteral("Eviction")) },
                 { QStringLiteral("verbs"), QJsonArray { QStringLiteral("create") } } };
    const QJsonArray verbs { QStringLiteral("get"), QStringLiteral("patch"), QStringLiteral("update") };
    if (name == QLatin1String("scale"))
        return { { QStringLiteral("subresource"), name },
                 { QStringLiteral("responseKind"),
                   kind(QStringLiteral("autoscaling"), QStringLiteral("v1"), QStringLiteral("Scale")) },
                 { QStringLiteral("verbs"), verbs } };
    return { { QStringLiteral("subresource"), name },
             { QStringLiteral("responseKind"), kind(type.group, type.version, type.kind) },
             { QStringLiteral("verbs"), verbs } };
}

QJsonObject resource(const ResourceType& type)
{
    QJsonObject out { { QStringLiteral("resource"), type.resource },
                      { QStringLiteral("responseKind"), kind(type.group, type.version, type.kind) },
                      { QStringLiteral("scope"),
                        type.namespaced ? QStringLiteral("Namespaced") : QStringLiteral("Cluster") },
                      { QStringLiteral("singularResource"), type.singular },
                      { QStringLiteral("verbs"), QJsonArray::fromStringList(type.verbs) } };
    if (!type.shortNames.isEmpty())
        out.insert(QStringLiteral("shortNames"), QJsonArray::fromStringList(type.shortNames));
    if (!type.categories.isEmpty())
        out.insert(QStringLiteral("categories"), QJsonArray::fromStringList(type.categories));
    QJsonArray subresources;
    for (const QString& name : type.subresources)
        subresources.append(subresource(type, name));
    if (!subresources.isEmpty())
        out.insert(QStringLiteral("subresources"), subresources);
    return out;
}

QJsonObject group(const QString& name, const QString& version, const QJsonArray& resources)
{
    QJsonObject metadata { { QStringLiteral("creationTimestamp"), QJsonValue::Null } };
    if (!name.isEmpty())
        metadata.insert(QStringLiteral("name"), name);
    return { { QStringLiteral("metadata"), metadata },
             { QStringLiteral("versions"),
               QJsonArray { QJsonObject { { QStringLiteral("version"), version },
                                          { QStringLiteral("resources"), resources },
                                          { QStringLiteral("freshness"), QStringLiteral("Current") } } } } };
}

} // namespace

QJsonObject AggregatedDiscovery::document(const ResourceRegistry& registry, bool core, bool metrics,
                                          const QString& version)
{
    // Groups in the registry's (preference) order, one version each.
    QStringList order;
    QMap<QString, QString> versions;
    QMap<QString, QJsonArray> resources;
    for (const ResourceType& type : registry.types()) {
        if (type.group.isEmpty() != core)
            continue;
        if (!order.contains(type.group)) {
            order.append(type.group);
            versions.insert(type.group, type.version);
        }
        resources[type.group].append(resource(type));
    }
    QJsonArray items;
    for (const QString& name : order)
        items.append(group(name, versions.value(name), resources.value(name)));
    if (!core && metrics) {
        const QJsonArray verbs { QStringLiteral("get"), QStringLiteral("list") };
        const QString metricsGroup = QStringLiteral("metrics.k8s.io");
        const QString metricsVersion = QStringLiteral("v1beta1");
        items.append(
            group(metricsGroup, metricsVersion,
                  QJsonArray { QJsonObject { { QStringLiteral("resource"), QStringLiteral("nodes") },
                                             { QStringLiteral("responseKind"),
                                               kind(metricsGroup, metricsVersion, QStringLiteral("NodeMetrics")) },
                                             { QStringLiteral("scope"), QStringLiteral("Cluster") },
                                             { QStringLiteral("verbs"), verbs } },
                               QJsonObject { { QStringLiteral("resource"), QStringLiteral("pods") },
                                             { QStringLiteral("responseKind"),
                                               kind(metricsGroup, metricsVersion, QStringLiteral("PodMetrics")) },
                                             { QStringLiteral("scope"), QStringLiteral("Namespaced") },
                                             { QStringLiteral("verbs"), verbs } } }));
    }
    return { { QStringLiteral("kind"), QStringLiteral("APIGroupDiscoveryList") },
             { QStringLiteral("apiVersion"), QString(QStringLiteral("apidiscovery.k8s.io/") + version) },
             { QStringLiteral("metadata"), QJsonObject() },
             { QStringLiteral("items"), items } };
}

} // namespace quayside::test
