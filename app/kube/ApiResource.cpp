#include "kube/ApiResource.h"

#include <QUrl>

namespace quayside::kube {

ApiResource ApiResource::pods()
{
    return { {}, QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("Pod"), true };
}

ApiResource ApiResource::deployments()
{
    return { QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), QStringLiteral("Deployment"),
             true };
}

ApiResource ApiResource::replicaSets()
{
    return { QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("replicasets"), QStringLiteral("ReplicaSet"),
             true };
}

ApiResource ApiResource::services()
{
    return { {}, QStringLiteral("v1"), QStringLiteral("services"), QStringLiteral("Service"), true };
}

ApiResource ApiResource::endpoints()
{
    return { {}, QStringLiteral("v1"), QStringLiteral("endpoints"), QStringLiteral("Endpoints"), true };
}

ApiResource ApiResource::events()
{
    return { {}, QStringLiteral("v1"), QStringLiteral("events"), QStringLiteral("Event"), true };
}

ApiResource ApiResource::nodes()
{
    return { {}, QStringLiteral("v1"), QStringLiteral("nodes"), QStringLiteral("Node"), false };
}

ApiResource ApiResource::namespaces()
{
    return { {}, QStringLiteral("v1"), QStringLiteral("namespaces"), QStringLiteral("Namespace"), false };
}

ApiResource ApiResource::secrets()
{
    return { {}, QStringLiteral("v1"), QStringLiteral("secrets"), QStringLiteral("Secret"), true };
}

QString ApiResource::path(const QString& nameSpace, const QString& name, const QString& subresource) const
{
    // Names are DNS labels, but percent-encode anyway: a typo must produce a 404, not a different URL.
    const auto segment = [](const QString& s) { return QString::fromLatin1(QUrl::toPercentEncoding(s)); };
    QString p = group.isEmpty() ? QString(QStringLiteral("/api/") + version)
                                : QString(QStringLiteral("/apis/") + group + QLatin1Char('/') + version);
    if (namespaced && !nameSpace.isEmpty())
        p += QStringLiteral("/namespaces/") + segment(nameSpace);
    p += QLatin1Char('/') + plural;
    if (!name.isEmpty()) {
        p += QLatin1Char('/') + segment(name);
        if (!subresource.isEmpty())
            p += QLatin1Char('/') + subresource;
    }
    return p;
}

} // namespace quayside::kube
