#include "kube/KubeError.h"

#include <QJsonDocument>

namespace quayside::kube {

KubeError::KubeError(Kind kind, QString message, int httpStatus, QString reason)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_httpStatus(httpStatus)
    , m_reason(std::move(reason))
{ }

KubeError KubeError::fromStatusObject(const QJsonObject& status)
{
    const int code = status.value(QLatin1String("code")).toInt();
    QString message = status.value(QLatin1String("message")).toString();
    const QString reason = status.value(QLatin1String("reason")).toString();
    if (message.isEmpty())
        message = reason.isEmpty() ? QStringLiteral("the server reported an error (HTTP %1)").arg(code) : reason;
    return KubeError(Kind::Status, message, code, reason);
}

KubeError KubeError::fromStatus(int httpStatus, const QByteArray& body)
{
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject object = doc.object();
        if (object.value(QLatin1String("kind")).toString() == QLatin1String("Status")) {
            KubeError error = fromStatusObject(object);
            if (error.m_httpStatus == 0)
                error.m_httpStatus = httpStatus;
            return error;
        }
    }
    // Not a Status (a proxy in between, an aggregated API that is down): show the first line of the body.
    QString text = QString::fromUtf8(body.left(512)).trimmed();
    text = text.section(QLatin1Char('\n'), 0, 0);
    QString message = QStringLiteral("the server responded with HTTP %1").arg(httpStatus);
    if (!text.isEmpty())
        message += QStringLiteral(": ") + text;
    return KubeError(Kind::Status, message, httpStatus);
}

bool KubeError::isExpired() const
{
    return m_httpStatus == 410 || m_reason == QLatin1String("Expired") || m_reason == QLatin1String("Gone");
}

bool KubeError::isTransient() const
{
    switch (m_kind) {
    case Kind::Unreachable:
    case Kind::Timeout:
    case Kind::Protocol:
        return true;
    case Kind::Status:
        return m_httpStatus == 429 || m_httpStatus >= 500;
    default:
        return false;
    }
}

} // namespace quayside::kube
