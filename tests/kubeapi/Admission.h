#pragma once

#include "ApiStatus.h"
#include "ResourceRegistry.h"

#include <QJsonObject>
#include <QRandomGenerator>

#include <optional>

namespace quayside::test {

class ObjectStore;

// What kube-apiserver's registry strategies and admission do to an object on its way into storage:
// validation the clients can run into (names, namespaces, selectors, base64 in Secrets, stale
// resourceVersions), defaulting (pod specs, Service cluster IPs and node ports, Secret stringData,
// Deployment strategy...) and status handling (status is reset on create and kept on update of the
// main resource for kinds with a status subresource).
class Admission
{
public:
    explicit Admission(ObjectStore& store);
    void setSeed(quint64 seed) { m_random.seed(static_cast<quint32>(seed)); }

    // `urlNamespace` is the namespace from the request path ("" for cluster-scoped kinds).
    std::optional<ApiStatus> admitCreate(const ResourceType& type, QJsonObject& object, const QString& urlNamespace);
    // `statusOnly`: a write to the status subresource (only status changes are taken).
    std::optional<ApiStatus> admitUpdate(const ResourceType& type, const QJsonObject& old, QJsonObject& object,
                                         bool statusOnly);

    static void defaultPodSpec(QJsonObject& spec, bool forPod);
    // "abcde": the suffix alphabet Kubernetes uses for generated names (no vowels, no confusables).
    QString randomSuffix(int length = 5);

private:
    std::optional<ApiStatus> applyDefaults(const ResourceType& type, QJsonObject& object, const QJsonObject& old);
    QString allocateClusterIp(const QString& ns, const QString& name);
    int allocateNodePort();

    ObjectStore& m_store;
    QRandomGenerator m_random { 7 };
};

} // namespace quayside::test
