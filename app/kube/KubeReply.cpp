#include "kube/KubeReply.h"

#include <QJsonDocument>

namespace quayside::kube {

KubeReply::KubeReply(QObject* parent)
    : QObject(parent)
{ }

KubeReply::~KubeReply()
{
    if (!m_finished && !m_aborted && m_canceller)
        m_canceller();
}

QJsonObject KubeReply::json() const
{
    return QJsonDocument::fromJson(m_body).object();
}

void KubeReply::abort()
{
    if (m_finished || m_aborted)
        return;
    m_aborted = true;
    if (auto canceller = std::exchange(m_canceller, {}))
        canceller();
    if (m_autoDelete)
        deleteLater();
}

void KubeReply::complete(int httpStatus, QByteArray body, KubeError error)
{
    if (m_finished || m_aborted)
        return;
    m_finished = true;
    m_canceller = {};
    m_httpStatus = httpStatus;
    m_body = std::move(body);
    m_error = std::move(error);
    Q_EMIT finished();
    if (m_autoDelete)
        deleteLater();
}

} // namespace quayside::kube
