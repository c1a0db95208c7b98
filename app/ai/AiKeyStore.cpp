#include "ai/AiKeyStore.h"

#include "ai/AiTool.h"
#include "core/Redactor.h"
#include "core/SecureMemory.h"
#include "keychain/Keychain.h"
#include "keychain/KeychainReply.h"

#include <QPointer>

namespace quayside::ai {

AiKeyStore::AiKeyStore(Keychain* keychain, QObject* parent)
    : QObject(parent)
    , m_keychain(keychain)
{ }

void AiKeyStore::read(const QString& providerId, QObject* context, ReadDone done)
{
    KeychainReply* reply = m_keychain->read(AiProvider::keychainKey(providerId));
    QPointer<QObject> guard(context);
    connect(reply, &KeychainReply::finished, this, [reply, guard, done = std::move(done)] {
        QByteArray key;
        KeychainError error = reply->error();
        if (reply->ok()) {
            key = reply->takeValue();
            Redactor::instance().registerSecret(
                std::string_view(key.constData(), static_cast<std::size_t>(key.size())));
        } else if (error.code == KeychainError::Code::NotFound) {
            error = {};
        }
        if (guard)
            done(key, error);
        secureWipe(key);
    });
}

void AiKeyStore::write(const QString& providerId, QByteArray key, QObject* context, Done done)
{
    Redactor::instance().registerSecret(std::string_view(key.constData(), static_cast<std::size_t>(key.size())));
    KeychainReply* reply = m_keychain->write(AiProvider::keychainKey(providerId), key);
    secureWipe(key);
    QPointer<QObject> guard(context);
    connect(reply, &KeychainReply::finished, this, [reply, guard, done = std::move(done)] {
        if (guard)
            done(reply->error());
    });
}

void AiKeyStore::remove(const QString& providerId, QObject* context, Done done)
{
    KeychainReply* reply = m_keychain->remove(AiProvider::keychainKey(providerId));
    QPointer<QObject> guard(context);
    connect(reply, &KeychainReply::finished, this, [reply, guard, done = std::move(done)] {
        if (guard)
            done(reply->error());
    });
}

} // namespace quayside::ai
