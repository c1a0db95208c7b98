#pragma once

#include "doctor/Check.h"

namespace quayside {

class Keychain;

// "keychain": the OS keychain can store, return and delete an item. Secrets live nowhere else, so
// without it Quayside cannot deploy.
class KeychainCheck final : public Check
{
    Q_OBJECT
public:
    KeychainCheck(CheckContext context, Keychain* keychain, QObject* parent = nullptr);

    QList<CheckResult> pending() const override;
    void start() override;

private:
    Keychain* m_keychain;
};

} // namespace quayside
