#include "keychain/KeychainReply.h"

#include "core/Log.h"
#include "core/SecureMemory.h"
#include "keychain/SecretServiceLockCheck.h"

#include <QStringDecoder>
#include <qt6keychain/keychain.h>

namespace quayside {

namespace {

const char* operationName(KeychainReply::Operation operation)
{
    switch (operation) {
    case KeychainReply::Operation::Read:
        return "read";
    case KeychainReply::Operation::Write:
        return "write";
    case KeychainReply::Operation::Remove:
        return "remove";
    }
    return "?";
}

} // namespace

KeychainReply::KeychainReply(Operation operation, QString service, QString key, std::chrono::milliseconds timeout)
    : m_operation(operation)
    , m_service(std::move(service))
    , m_key(std::move(key))
    , m_timeout(timeout)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &KeychainReply::onTimeout);
}

KeychainReply::~KeychainReply()
{
    secureWipe(m_value);
    // A job still pending here timed out (or the reply was deleted early): leave it to finish and delete
    // itself, but make sure it can never call back into this object.
    if (m_job)
        m_job->disconnect(this);
}

QByteArray KeychainReply::takeValue()
{
    return std::exchange(m_value, QByteArray());
}

void KeychainReply::start(QByteArray value)
{
    QKeychain::Job* job = nullptr;
    switch (m_operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Operation::Write: {
        auto* write = new QKeychain::WritePasswordJob(m_service);
        // Text mode stores the value as is (libsecret "plaintext" type, readable with secret-tool);
        // bytes that are not UTF-8 go as binary, which QtKeychain base64-encodes.
        QStringDecoder decoder(QStringDecoder::Utf8, QStringConverter::Flag::ConvertInitialBom);
        QString text = decoder(value);
        QByteArray roundTrip = text.toUtf8();
        if (!decoder.hasError() && roundTrip == value)
            write->setTextData(text);
        else
            write->setBinaryData(value);
        secureWipe(text);
        secureWipe(roundTrip);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    secureWipe(value);

    // No parent: the job must be able to outlive this reply (see the class comment).
    job->setAutoDelete(true);
    // Never a silent plaintext fallback: QtKeychain would otherwise write the secret into QSettings.
    job->setInsecureFallback(false);
    job->setKey(m_key);
    m_job = job;
    connect(job, &QKeychain::Job::finished, this, &KeychainReply::onJobFinished);
    if (m_timeout.count() > 0)
        m_timer.start(m_timeout);
    job->start(); // queued: finished() always comes from the event loop
}

void KeychainReply::onJobFinished()
{
    QKeychain::Job* job = m_job.data();
    if (!job || m_finished)
        return;
    m_job.clear();
    job->disconnect(this);
    KeychainError error = KeychainError::fromBackend(job->error(), job->errorString());
    // Shares the job's buffer rather than copying it: once the job is gone this reply owns the only
    // copy, so the wipe in the destructor (or the caller's, after takeValue()) reaches the real bytes.
    if (error.ok() && m_operation == Operation::Read)
        m_value = static_cast<QKeychain::ReadPasswordJob*>(job)->binaryData();
    // Deleting a missing item is what the caller wanted; reporting NotFound would only add noise.
    if (m_operation == Operation::Remove && error.code == KeychainError::Code::NotFound)
        error = {};
    if (m_operation == Operation::Read && error.code == KeychainError::Code::NotFound)
        return checkWhetherLocked(std::move(error));
    complete(std::move(error));
}

void KeychainReply::checkWhetherLocked(KeychainError notFound)
{
    // Still under this reply's timeout: the check is part of the job as far as callers can tell.
    auto* check = new SecretServiceLockCheck(this);
    connect(check, &SecretServiceLockCheck::finished, this, [this, check, notFound](bool locked) {
        check->deleteLater();
        if (m_finished)
            return;
        if (locked) {
            complete(KeychainError::fromBackend(
                QKeychain::AccessDenied,
                QStringLiteral(
                    "The default collection is locked (the lookup found nothing because it could not unlock it)")));
        } else {
            complete(notFound);
        }
    });
    check->start();
}

void KeychainReply::onTimeout()
{
    if (m_finished)
        return;
    if (m_job) {
        m_job->disconnect(this);
        m_job.clear();
    }
    spdlog::warn("keychain: {} of \"{}\" timed out after {} ms", operationName(m_operation), log::str(m_key),
                 m_timeout.count());
    complete(KeychainError::timedOut(m_timeout));
}

void KeychainReply::complete(KeychainError error)
{
    m_finished = true;
    m_timer.stop();
    m_error = std::move(error);
    if (!m_error.ok() && m_error.code != KeychainError::Code::NotFound)
        spdlog::debug("keychain: {} of \"{}\": {} ({})", operationName(m_operation), log::str(m_key),
                      log::str(m_error.message), log::str(m_error.detail));
    Q_EMIT finished();
    deleteLater();
}

} // namespace quayside
