#pragma once

#include <QString>

namespace quayside::kube {

// Where a resource lives in the API: /api/v1/... for the core group, /apis/<group>/<version>/...
// otherwise. Built in rather than discovered: Quayside only touches a handful of stable resources.
struct ApiResource
{
    QString group; // "" for core
    QString version;
    QString plural;
    QString kind;
    bool namespaced = true;

    static ApiResource pods();
    static ApiResource deployments();
    static ApiResource replicaSets();
    static ApiResource services();
    static ApiResource endpoints(); // v1 Endpoints (discovery.k8s.io EndpointSlices are not needed here)
    static ApiResource events();
    static ApiResource nodes();
    static ApiResource namespaces();
    static ApiResource secrets();

    // The collection ("/api/v1/namespaces/ns/pods") or, with a name, the object; a subresource after it.
    QString path(const QString& nameSpace, const QString& name = {}, const QString& subresource = {}) const;

    bool operator==(const ApiResource&) const = default;
};

} // namespace quayside::kube
