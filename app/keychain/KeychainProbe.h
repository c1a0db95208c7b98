#pragma once

#include "keychain/KeychainError.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

namespace quayside {

class Keychain;

// Writes, reads back and deletes a probe item: the only honest answer to "can Quayside keep secrets
// here?" (a service can be present and still refuse writes, e.g. when its keyring is locked).
// Used by `quayside doctor` and the Secrets page banner.
class KeychainProbe : public QObject
{
    Q_OBJECT
public:
    explicit KeychainProbe(Keychain* keychain, QObject* parent = nullptr);
    ~KeychainProbe() override;

    static QString probeKey() { return QStringLiteral("quayside-keychain-probe"); }

    // Asynchronous; finished() follows from the event loop. Ignored while a run is in progress.
    void run();
    bool isRunning() const { return m_running; }
    // The error of the last failed run (Code::None after a successful one).
    KeychainError lastError() const { return m_lastError; }

Q_SIGNALS:
    // `message` is one sentence for the user; `fix` a step or command that repairs it (empty when ok).
    void finished(bool ok, const QString& message, const QString& fix);

private:
    void write();
    void read();
    void remove();
    void fail(const KeychainError& error);
    void succeed();

    QPointer<Keychain> m_keychain;
    QByteArray m_value;
    KeychainError m_lastError;
    bool m_running = false;
};

} // namespace quayside
