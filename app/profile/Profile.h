#pragma once

#include "secrets/SecretSpecs.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>

namespace quayside {

// One application as Quayside deploys it: where its sources and Dockerfiles are, which minikube
// profile runs it, which Helm chart installs it, which secrets it needs and how to reach it. Loaded
// from a YAML file by ProfileLoader (which also validates it) and written by ProfileWriter.
//
// Paths are stored as written in the file; resolved() gives them absolute. Relative paths are relative
// to `root`, which is itself relative to the profile file's directory, so the shipped profile can
// point at the repository's docker/ and k8s-templates/ wherever the repository is checked out.
struct Profile
{
    struct Minikube
    {
        QString profile = QStringLiteral("minikube"); // `minikube -p`; also the kubeconfig context
        int cpus = 2;
        int memoryMb = 4096;
        QString driver; // empty: minikube chooses (or keeps the existing cluster's)
        QStringList addons; // enabled after the cluster is up, e.g. metrics-server
    };

    struct Image
    {
        QString name; // "backend": the key in chart.images and in step names
        QString context; // build context directory; may contain ${source}
        QString dockerfile;
        QString repository; // "todo-backend"; the tag is the content hash
        QMap<QString, QString> buildArgs; // never secrets: build args are visible in image history
    };

    // Where one image's repository and tag go in the chart's values.
    struct ImageValues
    {
        QString repositoryKey; // "backend.image.repository"
        QString tagKey; // "backend.image.tag"
    };

    struct Chart
    {
        QString path;
        QString release;
        QStringList valuesFiles; // applied before Quayside's own override, in order
        QMap<QString, ImageValues> images; // image name -> values keys
        // The Deployments the chart creates, watched by the Rollout step. Empty: every Deployment in
        // the namespace labelled app.kubernetes.io/instance=<release>.
        QStringList deployments;
        std::chrono::seconds timeout { 300 }; // helm --timeout
    };

    struct Access
    {
        enum class Mode {
            Auto, // NodePort on Linux; `minikube service --url` where the driver needs a tunnel
            NodePort, // http://<minikube ip>:<nodePort>
            MinikubeService, // `minikube service <service> -n <ns> --url`
        };
        QString service; // "frontend-service"
        int nodePort = 0; // 0: read from the Service
        Mode mode = Mode::Auto;
    };

    struct HealthCheck
    {
        QString name;
        QString path = QStringLiteral("/"); // appended to the access URL
        int expectStatus = 200;
    };

    QString apiVersion = QStringLiteral("quayside/v1");
    QString name;
    QString nameSpace;
    QString root; // see above; empty: the profile file's directory
    QString source; // the app's source directory (${source} in image contexts); --source overrides
    Minikube minikube;
    QList<Image> images;
    Chart chart;
    SecretSpecs secrets; // profile, nameSpace and secretName filled from this profile
    Access access;
    QList<HealthCheck> healthChecks;

    // The file it was loaded from (absolute), empty for a profile built in code.
    QString sourceFile;

    const Image* image(const QString& imageName) const;

    // The directory relative paths are resolved against (absolute).
    QString rootDirectory() const;
    // `path` with ${source} substituted and made absolute against rootDirectory(); empty stays empty.
    QString resolvePath(const QString& path) const;
    QString contextDirectory(const Image& image) const { return resolvePath(image.context); }
    QString dockerfilePath(const Image& image) const { return resolvePath(image.dockerfile); }
    QString chartPath() const { return resolvePath(chart.path); }
    QStringList valuesFilePaths() const;
    // `source` made absolute (empty when none is chosen).
    QString sourceDirectory() const;
    // Whether any image context uses ${source} (then a source directory must be chosen).
    bool needsSource() const;

    // For a dry run without a source directory: ${source} becomes the shell variable ${SOURCE} and
    // paths under it stay as written, so the printed commands work once SOURCE is set.
    static QString sourcePlaceholder() { return QStringLiteral("${SOURCE}"); }

    static QString modeName(Access::Mode mode);
    static bool modeFromName(const QString& name, Access::Mode* mode);
    static QString secretKindName(SecretSpec::Kind kind);
    static bool secretKindFromName(const QString& name, SecretSpec::Kind* kind);
};

} // namespace quayside
