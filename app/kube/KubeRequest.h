#pragma once

#include <QByteArray>
#include <QString>
#include <QUrlQuery>

#include <chrono>

namespace quayside::kube {

// One API call: method, path and query, optional body. Bodies are never logged (a Secret's data can be
// in them); KubeClient logs the method, path, status and duration only.
struct KubeRequest
{
    QByteArray method = "GET";
    QString path; // "/api/v1/namespaces/default/pods"
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;
    QByteArray accept = "application/json";
    // One-shot requests: the whole-request deadline (zero: the client's default, 30 s; there is always
    // one). Streams: the idle guard, no bytes for this long ends the stream (zero: no guard).
    std::chrono::milliseconds timeout { 30'000 };

    static KubeRequest get(const QString& path, const QUrlQuery& query = {});
    // "/api/v1/...?watch=1&..." for logs and errors.
    QString displayPath() const;
};

} // namespace quayside::kube
