#pragma once

#include <QString>

namespace quayside::kube {

// A container image reference split as the container runtime splits it
// ([registry/]repository[:tag][@digest], distribution/reference's grammar), and the pull policy the
// API server gives a container that sets none.
struct ImageReference
{
    QString registry; // "localhost:5000", "ghcr.io"; empty for Docker Hub's short names
    QString repository; // "todo-backend", "library/nginx", "org/app" (without the registry)
    QString tag; // empty when none was written (the runtime then uses "latest")
    QString digest; // "sha256:..." or empty

    // The repository as written, with its registry: what a profile's image names.
    QString name() const { return registry.isEmpty() ? repository : registry + QLatin1Char('/') + repository; }
    // No tag and no digest, or the tag "latest".
    bool isLatest() const { return digest.isEmpty() && (tag.isEmpty() || tag == QLatin1String("latest")); }

    static ImageReference parse(const QString& image);
    // SetDefaults_Container (pkg/apis/core/v1/defaults.go): Always for :latest or no tag, else
    // IfNotPresent.
    static QString defaultPullPolicy(const QString& image);
};

} // namespace quayside::kube
