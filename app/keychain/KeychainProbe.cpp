#include "keychain/KeychainProbe.h"

#include "core/SecureMemory.h"
#include "keychain/Keychain.h"

#include <QRandomGenerator>
#include <QTimer>

namespace quayside {

KeychainProbe::KeychainProbe(Keychain* keychain, QObject* parent)
    : QObject(parent)
    , m_keychain(keychain)
{ }

KeychainProbe::~KeychainProbe()
{
    secureWipe(m_value);
}

void KeychainProbe::run()
{
    if (m_running)
        return;
    m_running = true;
    m_lastError = {};
    if (!m_keychain) {
        QTimer::singleShot(0, this, [this] {
            fail({ KeychainError::Code::Other, QStringLiteral("No keychain to probe."), {} });
        });
        return;
    }
    // A random value, so an item left behind by an earlier run cannot make a broken read look fine.
    m_value = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    write();
}

void KeychainProbe::write()
{
    KeychainReply* reply = m_keychain->write(probeKey(), m_value);
    connect(reply, &KeychainReply::finished, this, [this, reply] {
        if (!reply->ok())
            return fail(reply->error());
        read();
    });
}

void KeychainProbe::read()
{
    if (!m_keychain)
        return fail({ KeychainError::Code::Other, QStringLiteral("No keychain to probe."), {} });
    KeychainReply* reply = m_keychain->read(probeKey());
    connect(reply, &KeychainReply::finished, this, [this, reply] {
        if (!reply->ok())
            return fail(reply->error());
        QByteArray value = reply->takeValue();
        const bool same = value == m_value;
        secureWipe(value);
        if (!same) {
            return fail(
                { KeychainError::Code::Other,
                  QStringLiteral("The keychain returned something other than what was stored: check the keychain "
                                 "service, then retry."),
                  {} });
        }
        remove();
    });
}

void KeychainProbe::remove()
{
    if (!m_keychain)
        return fail({ KeychainError::Code::Other, QStringLiteral("No keychain to probe."), {} });
    KeychainReply* reply = m_keychain->remove(probeKey());
    connect(reply, &KeychainReply::finished, this, [this, reply] {
        if (!reply->ok())
            return fail(reply->error());
        succeed();
    });
}

void KeychainProbe::fail(const KeychainError& error)
{
    secureWipe(m_value);
    m_running = false;
    m_lastError = error;
    Q_EMIT finished(false, error.message, KeychainError::fixFor(error.code));
}

void KeychainProbe::succeed()
{
    secureWipe(m_value);
    m_running = false;
    m_lastError = {};
    Q_EMIT finished(true, QStringLiteral("The keychain works: a test item was written, read back and deleted."), {});
}

} // namespace quayside
