#include "profile/Profile.h"

#include <QDir>
#include <QFileInfo>

namespace quayside {

const Profile::Image* Profile::image(const QString& imageName) const
{
    for (const Image& candidate : images) {
        if (candidate.name == imageName)
            return &candidate;
    }
    return nullptr;
}

QString Profile::rootDirectory() const
{
    const QString base = sourceFile.isEmpty() ? QDir::currentPath() : QFileInfo(sourceFile).absolutePath();
    if (root.isEmpty())
        return QDir::cleanPath(base);
    return QDir::cleanPath(QDir(base).absoluteFilePath(root));
}

QString Profile::resolvePath(const QString& path) const
{
    if (path.isEmpty())
        return {};
    QString expanded = path;
    if (expanded.contains(QLatin1String("${source}"))) {
        if (source.isEmpty())
            return {};
        if (source == sourcePlaceholder())
            return QDir::cleanPath(expanded.replace(QLatin1String("${source}"), sourcePlaceholder()));
        // A relative source (written in the file) is relative to the root; ProfileLoader makes --source
        // absolute against the working directory before it lands here.
        expanded.replace(QLatin1String("${source}"), sourceDirectory());
    }
    if (expanded.startsWith(QLatin1String("~/")))
        expanded = QDir::homePath() + expanded.mid(1);
    return QDir::cleanPath(QDir(rootDirectory()).absoluteFilePath(expanded));
}

QString Profile::sourceDirectory() const
{
    if (source.isEmpty() || source == sourcePlaceholder())
        return {};
    return QDir::cleanPath(QDir(rootDirectory()).absoluteFilePath(source));
}

QStringList Profile::valuesFilePaths() const
{
    QStringList paths;
    for (const QString& file : chart.valuesFiles)
        paths << resolvePath(file);
    return paths;
}

bool Profile::needsSource() const
{
    for (const Image& candidate : images) {
        if (candidate.context.contains(QLatin1String("${source}")))
            return true;
    }
    return false;
}

QString Profile::modeName(Access::Mode mode)
{
    switch (mode) {
    case Access::Mode::Auto:
        return QStringLiteral("auto");
    case Access::Mode::NodePort:
        return QStringLiteral("nodeport");
    case Access::Mode::MinikubeService:
        return QStringLiteral("minikube-service");
    }
    return {};
}

bool Profile::modeFromName(const QString& name, Access::Mode* mode)
{
    for (Access::Mode candidate : { Access::Mode::Auto, Access::Mode::NodePort, Access::Mode::MinikubeService }) {
        if (modeName(candidate) == name) {
            *mode = candidate;
            return true;
        }
    }
    return false;
}

QString Profile::secretKindName(SecretSpec::Kind kind)
{
    switch (kind) {
    case SecretSpec::Kind::Text:
        return QStringLiteral("text");
    case SecretSpec::Kind::JwtSecret:
        return QStringLiteral("jwt-secret");
    case SecretSpec::Kind::PostgresUrl:
        return QStringLiteral("postgres-url");
    case SecretSpec::Kind::ApiKey:
        return QStringLiteral("api-key");
    }
    return {};
}

bool Profile::secretKindFromName(const QString& name, SecretSpec::Kind* kind)
{
    for (SecretSpec::Kind candidate : { SecretSpec::Kind::Text, SecretSpec::Kind::JwtSecret,
                                        SecretSpec::Kind::PostgresUrl, SecretSpec::Kind::ApiKey }) {
        if (secretKindName(candidate) == name) {
            *kind = candidate;
            return true;
        }
    }
    return false;
}

} // namespace quayside
