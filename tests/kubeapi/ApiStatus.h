#pragma once

#include <QJsonObject>
#include <QString>

namespace quayside::test {

// A Kubernetes Status object and the HTTP code it is served with, built the way kube-apiserver words
// them (k8s.io/apimachinery/pkg/api/errors), because clients and kubectl show `message` verbatim.
class ApiStatus
{
public:
    ApiStatus() = default;
    ApiStatus(int code, const QString& reason, const QString& message);

    static ApiStatus success(const QJsonObject& details = {});
    // `group` may be empty (core). `resource` is the plural: pods "x" not found.
    static ApiStatus notFound(const QString& group, const QString& resource, const QString& name);
    static ApiStatus pathNotFound(); // "the server could not find the requested resource"
    static ApiStatus alreadyExists(const QString& group, const QString& resource, const QString& name);
    static ApiStatus conflict(const QString& group, const QString& resource, const QString& name);
    static ApiStatus invalid(const QString& kind, const QString& name, const QString& field, const QString& detail);
    static ApiStatus badRequest(const QString& message);
    static ApiStatus methodNotSupported(const QString& group, const QString& resource, const QString& method);
    static ApiStatus unauthorized();
    static ApiStatus expired(const QString& message); // 410 Expired
    static ApiStatus gone(const QString& message); // 410 Gone (HTTP status of an expired watch/list)
    static ApiStatus internalError(const QString& message);
    static ApiStatus tooManyRequests(int retryAfterSeconds);
    static ApiStatus unsupportedMediaType(const QString& contentType); // a PATCH body
    static ApiStatus unsupportedBodyType(const QString& contentType); // a create/update body

    int code() const { return m_code; }
    QString reason() const { return m_reason; }
    QString message() const { return m_message; }
    ApiStatus& withDetails(const QJsonObject& details);
    QJsonObject toJson() const;
    QByteArray toBytes() const;

private:
    int m_code = 200;
    QString m_reason;
    QString m_message;
    QJsonObject m_details;
};

} // namespace quayside::test
