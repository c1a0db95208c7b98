#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace quayside::test {

// One kind the fake server serves, as discovery describes it.
struct ResourceType
{
    QString group; // "" = core
    QString version; // "v1"
    QString resource; // plural, as in URLs: "pods"
    QString kind; // "Pod"
    QString singular; // "pod"
    bool namespaced = true;
    QStringList shortNames;
    QStringList verbs;
    QStringList subresources; // "status", "scale", "log"
    QStringList categories; // "all"

    QString groupVersion() const { return group.isEmpty() ? version : group + QLatin1Char('/') + version; }
    QString apiVersion() const { return groupVersion(); }
    // "/api/v1" or "/apis/apps/v1"
    QString groupVersionPath() const
    {
        return group.isEmpty() ? QStringLiteral("/api/") + version : QStringLiteral("/apis/") + groupVersion();
    }
};

// The kinds the server declares: core/v1, apps/v1, and the rest that kubectl apply of the project's
// manifests needs; metrics.k8s.io is served separately (it is an aggregated API on a real cluster).
// Every declared kind gets generic storage; some also get behaviour (ClusterSimulator). Resource
// names are unique across groups here, so the store keys objects by resource name alone.
class ResourceRegistry
{
public:
    ResourceRegistry();

    const QList<ResourceType>& types() const { return m_types; }
    const ResourceType* find(const QString& group, const QString& version, const QString& resource) const;
    const ResourceType* findByKind(const QString& apiVersion, const QString& kind) const;
    const ResourceType* findByResource(const QString& resource) const; // first match in any group
    QStringList groups() const; // non-core groups in preference order

private:
    QList<ResourceType> m_types;
};

} // namespace quayside::test
