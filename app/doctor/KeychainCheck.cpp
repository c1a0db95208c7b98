#include "doctor/KeychainCheck.h"

#include "keychain/Keychain.h"
#include "keychain/KeychainProbe.h"

namespace quayside {

KeychainCheck::KeychainCheck(CheckContext context, Keychain* keychain, QObject* parent)
    : Check(std::move(context), parent)
    , m_keychain(keychain)
{ }

QList<CheckResult> KeychainCheck::pending() const
{
    CheckResult r;
    r.id = QStringLiteral("keychain");
    r.title = QStringLiteral("OS keychain");
    return { r };
}

void KeychainCheck::start()
{
    auto* probe = new KeychainProbe(m_keychain, this);
    connect(probe, &KeychainProbe::finished, this, [this, probe](bool ok, const QString& message, const QString& fix) {
        CheckResult r = pending().constFirst();
        r.status = ok ? CheckStatus::Ok : CheckStatus::Error;
        r.message = message;
        r.fix = fix;
        report(r);
        probe->deleteLater();
        finishWhenIdle();
    });
    probe->run();
}

} // namespace quayside
