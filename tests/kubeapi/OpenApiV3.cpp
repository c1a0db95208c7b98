#include "OpenApiV3.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace quayside::test {

namespace {

QString pathKey(const ResourceType& type)
{
    // "api/v1" or "apis/apps/v1", as the index names group/versions.
    return type.groupVersionPath().mid(1);
}

QString hashOf(const QString& key)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha512).toHex().toUpper().left(128));
}

} // namespace

QJsonObject OpenApiV3::index(const ResourceRegistry& registry)
{
    QJsonObject paths;
    for (const ResourceType& type : registry.types()) {
        const QString key = pathKey(type);
        paths.insert(
            key,
            QJsonObject { { QStringLiteral("serverRelativeURL"),
                            QString(QStringLiteral("/openapi/v3/") + key + QStringLiteral("?hash=") + hashOf(key)) } });
    }
    return { { QStringLiteral("paths"), paths } };
}

std::optional<QJsonObject> OpenApiV3::document(const ResourceRegistry& registry, const QString& groupVersionPath)
{
    const QJsonArray parameters {
        QJsonObject {
            { QStringLiteral("name"), QStringLiteral("fieldValidation") },
            { QStringLiteral("in"), QStringLiteral("query") },
            { QStringLiteral("description"),
              QStringLiteral("fieldValidation instructs the server on how to handle objects in the request "
                             "containing unknown or duplicate fields.") },
            { QStringLiteral("schema"), QJsonObject { { QStringLiteral("type"), QStringLiteral("string") } } } },
        QJsonObject {
            { QStringLiteral("name"), QStringLiteral("dryRun") },
            { QStringLiteral("in"), QStringLiteral("query") },
            { QStringLiteral("schema"), QJsonObject { { QStringLiteral("type"), QStringLiteral("string") } } } }
    };
    QJsonObject paths;
    for (const ResourceType& type : registry.types()) {
        if (pathKey(type) != groupVersionPath)
            continue;
        const QString path = type.groupVersionPath()
            + (type.namespaced ? QStringLiteral("/namespaces/{namespace}/") : QStringLiteral("/")) + type.resource
            + QStringLiteral("/{name}");
        const QJsonObject patch { { QStringLiteral("operationId"), QString(QStringLiteral("patch") + type.kind) },
                                  { QStringLiteral("parameters"), parameters },
                                  { QStringLiteral("responses"),
                                    QJsonObject {
                                        { QStringLiteral("200"),
                                          QJsonObject { { QStringLiteral("description"), QStringLiteral("OK") } } } } },
                                  { QStringLiteral("x-kubernetes-action"), QStringLiteral("patch") },
                                  { QStringLiteral("x-kubernetes-group-version-kind"),
                                    QJsonObject { { QStringLiteral("group"), type.group },
                                                  { QStringLiteral("version"), type.version },
                                                  { QStringLiteral("kind"), type.kind } } } };
        paths.insert(path,
                     QJsonObject { { QStringLiteral("parameters"), parameters }, { QStringLiteral("patch"), patch } });
    }
    if (paths.isEmpty())
        return std::nullopt;
    return QJsonObject { { QStringLiteral("openapi"), QStringLiteral("3.0.0") },
                         { QStringLiteral("info"),
                           QJsonObject { { QStringLiteral("title"), QStringLiteral("Kubernetes") },
                                         { QStringLiteral("version"), QStringLiteral("unversioned") } } },
                         { QStringLiteral("paths"), paths },
                         { QStringLiteral("components"),
                           QJsonObject { { QStringLiteral("schemas"), QJsonObject() } } } };
}

} // namespace quayside::test
