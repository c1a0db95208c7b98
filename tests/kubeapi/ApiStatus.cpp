#include "ApiStatus.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace quayside::test {

namespace {

QString qualified(const QString& group, const QString& resource)
{
    return group.isEmpty() ? resource : resource + QLatin1Char('.') + group;
}

QJsonObject details(const QString& group, const QString& resource, const QString& name)
{
    QJsonObject d { { QStringLiteral("name"), name }, { QStringLiteral("kind"), resource } };
    if (!group.isEmpty())
        d.insert(QStringLiteral("group"), group);
    return d;
}

} // namespace

ApiStatus::ApiStatus(int code, const QString& reason, const QString& message)
    : m_code(code)
    , m_reason(reason)
    , m_message(message)
{ }

ApiStatus ApiStatus::success(const QJsonObject& d)
{
    ApiStatus status(200, QString(), QString());
    status.m_details = d;
    return status;
}

ApiStatus ApiStatus::notFound(const QString& group, const QString& resource, const QString& name)
{
    return ApiStatus(404, QStringLiteral("NotFound"),
                     QStringLiteral("%1 \"%2\" not found").arg(qualified(group, resource), name))
        .withDetails(details(group, resource, name));
}

ApiStatus ApiStatus::pathNotFound()
{
    return ApiStatus(404, QStringLiteral("NotFound"),
                     QStringLiteral("the server could not find the requested resource"))
        .withDetails({});
}

ApiStatus ApiStatus::alreadyExists(const QString& group, const QString& resource, const QString& name)
{
    return ApiStatus(409, QStringLiteral("AlreadyExists"),
                     QStringLiteral("%1 \"%2\" already exists").arg(qualified(group, resource), name))
        .withDetails(details(group, resource, name));
}

ApiStatus ApiStatus::conflict(const QString& group, const QString& resource, const QString& name)
{
    return ApiStatus(
               409, QStringLiteral("Conflict"),
               QStringLiteral("Operation cannot be fulfilled on %1 \"%2\": the object has been modified; please apply "
                              "your changes to the latest version and try again")
                   .arg(qualified(group, resource), name))
        .withDetails(details(group, resource, name));
}

ApiStatus ApiStatus::invalid(const QString& kind, const QString& name, const QString& field, const QString& detail)
{
    QJsonObject d { { QStringLiteral("name"), name },
                    { QStringLiteral("kind"), kind },
                    { QStringLiteral("causes"),
                      QJsonArray { QJsonObject { { QStringLiteral("reason"), QStringLiteral("FieldValueInvalid") },
                                                 { QStringLiteral("message"), detail },
                                                 { QStringLiteral("field"), field } } } } };
    return ApiStatus(422, QStringLiteral("Invalid"),
                     QStringLiteral("%1 \"%2\" is invalid: %3: %4").arg(kind, name, field, detail))
        .withDetails(d);
}

ApiStatus ApiStatus::badRequest(const QString& message)
{
    return ApiStatus(400, QStringLiteral("BadRequest"), message);
}

ApiStatus ApiStatus::methodNotSupported(const QString& group, const QString& resource, const QString& method)
{
    return ApiStatus(
        405, QStringLiteral("MethodNotAllowed"),
        QStringLiteral("%1 is not supported on resources of kind \"%2\"").arg(method, qualified(group, resource)));
}

ApiStatus ApiStatus::unauthorized()
{
    return ApiStatus(401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized"));
}

ApiStatus ApiStatus::expired(const QString& message)
{
    return ApiStatus(410, QStringLiteral("Expired"), message);
}

ApiStatus ApiStatus::gone(const QString& message)
{
    return ApiStatus(410, QStringLiteral("Gone"), message);
}

ApiStatus ApiStatus::internalError(const QString& message)
{
    return ApiStatus(500, QStringLiteral("InternalError"), QStringLiteral("Internal error occurred: ") + message)
        .withDetails(
            { { QStringLiteral("causes"), QJsonArray { QJsonObject { { QStringLiteral("message"), message } } } } });
}

ApiStatus ApiStatus::tooManyRequests(int retryAfterSeconds)
{
    return ApiStatus(429, QStringLiteral("TooManyRequests"),
                     QStringLiteral("Too many requests, please try again later."))
        .withDetails({ { QStringLiteral("retryAfterSeconds"), retryAfterSeconds } });
}

ApiStatus ApiStatus::unsupportedMediaType(const QString& contentType)
{
    return ApiStatus(415, QStringLiteral("UnsupportedMediaType"),
                     QStringLiteral("the body of the request was in an unknown format - accepted media types include: "
                                    "application/json-patch+json, application/merge-patch+json, "
                                    "application/apply-patch+yaml, application/strategic-merge-patch+json (got %1)")
                         .arg(contentType));
}

ApiStatus ApiStatus::unsupportedBodyType(const QString& contentType)
{
    return ApiStatus(415, QStringLiteral("UnsupportedMediaType"),
                     QStringLiteral("the body of the request was in an unknown format - accepted media types include: "
                                    "application/json, application/vnd.kubernetes.protobuf (got %1)")
                         .arg(contentType));
}

ApiStatus& ApiStatus::withDetails(const QJsonObject& d)
{
    m_details = d;
    return *this;
}

QJsonObject ApiStatus::toJson() const
{
    QJsonObject status { { QStringLiteral("kind"), QStringLiteral("Status") },
                         { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                         { QStringLiteral("metadata"), QJsonObject() } };
    if (m_code < 300) {
        status.insert(QStringLiteral("status"), QStringLiteral("Success"));
    } else {
        status.insert(QStringLiteral("status"), QStringLiteral("Failure"));
        status.insert(QStringLiteral("message"), m_message);
        status.insert(QStringLiteral("reason"), m_reason);
    }
    if (!m_details.isEmpty() || m_code == 404)
        status.insert(QStringLiteral("details"), m_details);
    status.insert(QStringLiteral("code"), m_code);
    return status;
}

QByteArray ApiStatus::toBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace quayside::test
