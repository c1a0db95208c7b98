#pragma once

#include "keychain/KeychainReply.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>

namespace quayside {

// The OS keychain (Secret Service via gnome-keyring or KWallet on Linux, Keychain on macOS, Credential
// Manager on Windows) through QtKeychain. Items are stored as attribute.server=<service>,
// attribute.user=<key> (check with `secret-tool search --all server quayside`).
//
// Every job is asynchronous and has a timeout: a keychain that waits on an unlock prompt nobody can see
// never answers, and the GUI must not wait with it. There is no plaintext fallback, ever.
class Keychain : public QObject
{
    Q_OBJECT
public:
    explicit Keychain(QString service = QStringLiteral("quayside"),
                      std::chrono::milliseconds timeout = std::chrono::seconds(10), QObject* parent = nullptr);

    QString service() const { return m_service; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // Each returns a reply that emits finished() once from the event loop and then deletes itself.
    // A missing item is Code::NotFound for read(); remove() of a missing item succeeds.
    KeychainReply* read(const QString& key);
    // The caller's `value` is not modified; wipe your own copy when done (secureWipe).
    KeychainReply* write(const QString& key, const QByteArray& value);
    KeychainReply* remove(const QString& key);

private:
    KeychainReply* start(KeychainReply::Operation operation, const QString& key, QByteArray value);

    QString m_service;
    std::chrono::milliseconds m_timeout;
};

} // namespace quayside
