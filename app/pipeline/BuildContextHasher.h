#pragma once

#include <QMap>
#include <QString>

namespace quayside {

// The content address of an image: SHA-256 over what `docker build` would see, namely every file of
// the build context that .dockerignore lets through (path, executable bit and bytes; symlinks by
// their target), the Dockerfile's bytes and the build args. The image tag is its first 12 hex
// digits, so an unchanged app maps to a tag minikube already has and no build runs at all, and a
// changed one gets a new tag (minikube keeps serving a cached image under a reused tag: #11276).
//
// Synchronous and thread-safe: callers run it on a worker thread (the Images step does).
class BuildContextHasher
{
public:
    struct Input
    {
        QString contextDirectory;
        QString dockerfile;
        QMap<QString, QString> buildArgs;
        // Empty: chosen as Docker does (ignoreFileFor).
        QString ignoreFile;
    };

    struct Result
    {
        QString hash; // 64 lower-case hex digits; empty on error
        QString error;
        QString ignoreFile; // the .dockerignore applied, empty when none
        int files = 0;
        qint64 bytes = 0;
        bool ok() const { return error.isEmpty(); }
        QString tag() const { return hash.left(12); }
    };

    static Result hash(const Input& input);

    // BuildKit reads <Dockerfile>.dockerignore next to the Dockerfile first, then <context>/.dockerignore;
    // the legacy builder only the latter. Empty when neither exists.
    static QString ignoreFileFor(const QString& contextDirectory, const QString& dockerfile);
};

} // namespace quayside
