#pragma once

#include "keychain/KeychainError.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace QKeychain {
class Job;
}

namespace quayside {

class Keychain;

// One keychain job (read, write or remove). Emits finished() exactly once, from the event loop (never
// from inside Keychain::read()/write()/remove()), then deletes itself later: callers only connect.
//
// A timeout ends the reply with Code::Timeout while the QtKeychain job may still be pending. That job
// is never deleted early: libsecret's callbacks hold a raw pointer to it, so deleting it would turn a
// late answer into a use-after-free. It is detached instead and deletes itself if the answer ever comes.
class KeychainReply : public QObject
{
    Q_OBJECT
public:
    enum class Operation { Read, Write, Remove };

    ~KeychainReply() override;

    Operation operation() const { return m_operation; }
    QString key() const { return m_key; }
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && m_error.ok(); }
    KeychainError error() const { return m_error; }
    // The value read (reads only). The reply wipes its own copy when it is destroyed; prefer takeValue()
    // so only one copy exists and the caller wipes it (secureWipe) when done.
    QByteArray value() const { return m_value; }
    QByteArray takeValue();

Q_SIGNALS:
    void finished();

private:
    friend class Keychain;
    KeychainReply(Operation operation, QString service, QString key, std::chrono::milliseconds timeout);
    void start(QByteArray value);
    void onJobFinished();
    void checkWhetherLocked(KeychainError notFound);
    void onTimeout();
    void complete(KeychainError error);

    Operation m_operation;
    QString m_service;
    QString m_key;
    std::chrono::milliseconds m_timeout;
    QPointer<QKeychain::Job> m_job;
    QTimer m_timer;
    KeychainError m_error;
    QByteArray m_value;
    bool m_finished = false;
};

} // namespace quayside
