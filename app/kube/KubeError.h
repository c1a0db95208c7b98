#pragma once

#include <QJsonObject>
#include <QString>

namespace quayside::kube {

// What went wrong with a request, already worded for the user: message() is what `quayside` prints
// after "error: " and what the dashboard shows. For API errors it is the server's own Status message
// (as kubectl shows it), never a generic "HTTP 404".
class KubeError
{
public:
    enum class Kind {
        None,
        Config, // kubeconfig or credentials could not be loaded
        Unreachable, // connection refused, host not found, network down
        Tls, // certificate problems on either side
        Timeout, // no answer within the request's timeout
        Status, // the server answered with an HTTP error (usually a Status object)
        Protocol, // an answer we could not understand
        Cancelled, // abort() was called
    };

    KubeError() = default;
    KubeError(Kind kind, QString message, int httpStatus = 0, QString reason = {});

    // A Status object ({"kind":"Status","message":...,"reason":...,"code":...}) or a non-Status error body.
    static KubeError fromStatus(int httpStatus, const QByteArray& body);
    static KubeError fromStatusObject(const QJsonObject& status);

    bool isError() const { return m_kind != Kind::None; }
    Kind kind() const { return m_kind; }
    int httpStatus() const { return m_httpStatus; }
    const QString& reason() const { return m_reason; }
    const QString& message() const { return m_message; }

    // 410 Gone / reason Expired: the resourceVersion asked for is older than the server's history.
    bool isExpired() const;
    bool isNotFound() const { return m_httpStatus == 404; }
    bool isConflict() const { return m_httpStatus == 409; }
    bool isTooManyRequests() const { return m_httpStatus == 429; }
    // Worth retrying with backoff without changing anything (network trouble, 5xx, 429).
    bool isTransient() const;

private:
    Kind m_kind = Kind::None;
    QString m_message;
    int m_httpStatus = 0;
    QString m_reason;
};

} // namespace quayside::kube
