#include "kube/KubeRequest.h"

namespace quayside::kube {

KubeRequest KubeRequest::get(const QString& path, const QUrlQuery& query)
{
    KubeRequest request;
    request.path = path;
    request.query = query;
    return request;
}

QString KubeRequest::displayPath() const
{
    if (query.isEmpty())
        return path;
    return path + QLatin1Char('?') + query.toString(QUrl::FullyEncoded);
}

} // namespace quayside::kube
