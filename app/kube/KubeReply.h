#pragma once

#include "kube/KubeError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>

#include <functional>

namespace quayside::kube {

// The result of one API call, delivered asynchronously: finished() is emitted exactly once, from the
// event loop, unless abort() is called first. Like ToolJob, a reply deletes itself after finished()
// unless setAutoDelete(false); read it inside the slot.
//
// Composite operations (rollout restart: GET then PATCH) hand out a KubeReply they complete themselves.
class KubeReply : public QObject
{
    Q_OBJECT
public:
    explicit KubeReply(QObject* parent = nullptr);
    ~KubeReply() override;

    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_error.isError(); }
    const KubeError& error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }
    const QByteArray& body() const { return m_body; }
    // The body as a JSON object (empty when it is not one).
    QJsonObject json() const;

    // Cancels the call; finished() will not be emitted. Safe after finished().
    void abort();
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

    // For producers.
    void complete(int httpStatus, QByteArray body, KubeError error);
    void completeWithError(const KubeError& error) { complete(error.httpStatus(), {}, error); }
    void setCanceller(std::function<void()> canceller) { m_canceller = std::move(canceller); }
    bool isAborted() const { return m_aborted; }

Q_SIGNALS:
    void finished();

private:
    KubeError m_error;
    int m_httpStatus = 0;
    QByteArray m_body;
    std::function<void()> m_canceller;
    bool m_finished = false;
    bool m_aborted = false;
    bool m_autoDelete = true;
};

} // namespace quayside::kube
