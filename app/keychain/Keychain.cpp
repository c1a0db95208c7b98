#include "keychain/Keychain.h"

namespace quayside {

Keychain::Keychain(QString service, std::chrono::milliseconds timeout, QObject* parent)
    : QObject(parent)
    , m_service(std::move(service))
    , m_timeout(timeout)
{ }

KeychainReply* Keychain::read(const QString& key)
{
    return start(KeychainReply::Operation::Read, key, {});
}

KeychainReply* Keychain::write(const QString& key, const QByteArray& value)
{
    return start(KeychainReply::Operation::Write, key, value);
}

KeychainReply* Keychain::remove(const QString& key)
{
    return start(KeychainReply::Operation::Remove, key, {});
}

KeychainReply* Keychain::start(KeychainReply::Operation operation, const QString& key, QByteArray value)
{
    // Not a child of the keychain: a reply always finishes (at the latest at its timeout) and then
    // deletes itself, even when the Keychain object that started it is gone.
    auto* reply = new KeychainReply(operation, m_service, key, m_timeout);
    reply->start(std::move(value));
    return reply;
}

} // namespace quayside
