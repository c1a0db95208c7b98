#pragma once

#include <QObject>

namespace quayside {

// Asks the Secret Service whether its default collection (where QtKeychain writes) is locked.
//
// Needed because a read from a locked gnome-keyring does not fail: libsecret tries to prompt for the
// password, the prompt cannot be shown (no display, or dismissed), and the lookup ends with "no such
// item". Without this check a locked keyring would look as if every secret were missing.
// Read-only (a property Get), asynchronous; reports `false` when there is no Secret Service to ask.
class SecretServiceLockCheck : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    // Emits finished() once, from the event loop.
    void start();

Q_SIGNALS:
    void finished(bool locked);
};

} // namespace quayside
