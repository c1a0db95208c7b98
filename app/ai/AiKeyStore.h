#pragma once

#include "keychain/KeychainError.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace quayside {
class Keychain;
}

namespace quayside::ai {

// The LLM provider's API key, in the OS keychain (item "ai/<provider>", service "quayside") and nowhere
// else: it reaches only the AI tool's environment, is registered with the Redactor the moment it is
// read or written (so a tool echoing it shows ***), and every copy Quayside holds is wiped after use.
class AiKeyStore : public QObject
{
    Q_OBJECT
public:
    explicit AiKeyStore(Keychain* keychain, QObject* parent = nullptr);

    // `key` is empty (and error ok()) when none is stored; wiped after the callback returns.
    using ReadDone = std::function<void(QByteArray& key, const KeychainError& error)>;
    using Done = std::function<void(const KeychainError& error)>;
    void read(const QString& providerId, QObject* context, ReadDone done);
    void write(const QString& providerId, QByteArray key, QObject* context, Done done);
    void remove(const QString& providerId, QObject* context, Done done);

private:
    Keychain* m_keychain;
};

} // namespace quayside::ai
