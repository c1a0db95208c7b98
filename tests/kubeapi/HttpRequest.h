#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace quayside::test {

// One parsed HTTP/1.1 request. Header names are lower-cased.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as on the request line: path and query
    QString path; // percent-decoded path
    QByteArray rawQuery;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool keepAlive = true;

    QByteArray header(const QByteArray& lowerCaseName) const
    {
        for (const auto& [name, value] : headers) {
            if (name == lowerCaseName)
                return value;
        }
        return {};
    }
    bool hasQueryItem(const QString& key) const { return query.hasQueryItem(key); }
    QString queryValue(const QString& key) const { return query.queryItemValue(key, QUrl::FullyDecoded); }
    // Kubernetes booleans in queries: "true", "1" (kubectl sends watch=true, client-go watch=1).
    bool queryFlag(const QString& key) const
    {
        const QString value = queryValue(key);
        return value == QLatin1String("true") || value == QLatin1String("1");
    }
};

} // namespace quayside::test
