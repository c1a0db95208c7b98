#pragma once

#include <QObject>
#include <QString>

#include <chrono>

namespace quayside {

// What went wrong with a keychain job, in words a user can act on. QtKeychain reports most failures on
// Linux as OtherError with the Secret Service's own text ("NoBackendAvailable" is never returned there),
// so the mapping looks at that text to tell a missing service from a locked keyring.
struct KeychainError
{
    Q_GADGET
public:
    enum class Code {
        None,
        NotFound, // no item under that key (not a failure for a read that asks "is it set?")
        NoService, // no session bus, no Secret Service / KWallet, or no login keyring
        Locked, // the keyring exists but is locked
        AccessDenied, // the user or the service refused
        Timeout, // no answer in time (a prompt nobody can see, a wedged daemon)
        Other,
    };
    Q_ENUM(Code)

    Code code = Code::None;
    // One actionable sentence: what is missing and how to get it.
    QString message;
    // The backend's own words (QtKeychain's errorString()), for logs and --verbose; may be empty.
    QString detail;

    bool ok() const { return code == Code::None; }

    // `backendError` is a QKeychain::Error value; kept as int so this header does not need QtKeychain.
    static KeychainError fromBackend(int backendError, const QString& backendText);
    static KeychainError timedOut(std::chrono::milliseconds after);
    // A short command or step that fixes it, for `quayside doctor` and the Secrets page banner.
    static QString fixFor(Code code);
    // A stable lower-case name ("no-service", "locked", ...) for logs and `-o json`.
    static QString codeName(Code code);
};

} // namespace quayside
