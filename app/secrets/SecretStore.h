#pragma once

#include "keychain/KeychainError.h"
#include "secrets/SecretSpecs.h"
#include "secrets/SecretState.h"
#include "secrets/SecretValues.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace quayside {

class Keychain;

// The secrets of one profile in the OS keychain, item "<profile>/<NAME>" (service "quayside").
//
// Knows each secret's state (set / missing / invalid) without keeping any value: values are read,
// validated, registered with the Redactor (so logs write *** for them) and wiped. Every operation is
// asynchronous (keychain jobs with timeouts); completion callbacks run from the event loop and are
// dropped when their `context` object is gone, like QObject::connect with a context.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        enum class Status {
            Ok,
            UnknownName, // not a secret of this profile
            Invalid, // the value fails validation; nothing was written
            Keychain, // the keychain failed (see `keychain`)
        };
        Status status = Status::Ok;
        QString message; // a sentence for the user; never contains a value
        KeychainError keychain;
        bool ok() const { return status == Status::Ok; }
    };
    using Done = std::function<void(const Result& result)>;
    // `values` holds every stored secret (missing ones are absent); it is wiped after the callback
    // returns, so std::move it out to keep it longer.
    using ValuesDone = std::function<void(SecretValues& values, const Result& result)>;

    SecretStore(Keychain* keychain, SecretSpecs specs, QObject* parent = nullptr);

    const SecretSpecs& specs() const { return m_specs; }
    QString keychainKey(const QString& name) const;
    SecretStatus status(const QString& name) const;
    QList<SecretStatus> statuses() const; // in the profile's order
    bool isRefreshing() const { return m_pendingReads > 0; }
    // The keychain failure of the last refresh (NoService, Locked, Timeout...); ok() when it worked.
    KeychainError keychainError() const { return m_keychainError; }

    // Reads every secret to learn its state: statusChanged() per secret, then refreshed().
    void refresh();
    // Validates, then stores `value` (also how a secret is rotated: set a new value). The value is
    // registered with the Redactor first and wiped afterwards.
    void set(const QString& name, QByteArray value, QObject* context, Done done);
    void remove(const QString& name, QObject* context, Done done);
    // Stores several values (an import). Every value is validated first; if any fails, nothing is written.
    void setMany(SecretValues values, QObject* context, Done done);
    // Every stored value, for `secrets apply`.
    void readAll(QObject* context, ValuesDone done);

Q_SIGNALS:
    void statusChanged(const QString& name);
    void refreshed();

private:
    struct Entry
    {
        SecretStatus status;
        quint64 writes = 0; // bumped by set/remove so an older read cannot overwrite a newer state
    };

    void updateFromRead(const QString& name, const KeychainError& error, const QByteArray& value,
                        quint64 writesAtStart);
    void setStatus(const QString& name, SecretStatus status);
    Result validateForWrite(const QString& name, const QByteArray& value) const;

    QPointer<Keychain> m_keychain;
    SecretSpecs m_specs;
    QHash<QString, Entry> m_entries;
    int m_pendingReads = 0;
    KeychainError m_keychainError;
};

} // namespace quayside
