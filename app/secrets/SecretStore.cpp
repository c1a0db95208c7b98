#include "secrets/SecretStore.h"

#include "core/Log.h"
#include "core/Redactor.h"
#include "core/SecureMemory.h"
#include "keychain/Keychain.h"
#include "secrets/SecretValidator.h"

#include <QTimer>

#include <memory>

namespace quayside {

namespace {

void registerWithRedactor(const QByteArray& value)
{
    Redactor::instance().registerSecret(std::string_view(value.constData(), static_cast<std::size_t>(value.size())));
}

SecretStore::Result keychainFailure(const QString& what, const KeychainError& error)
{
    return { SecretStore::Result::Status::Keychain, what + QStringLiteral(": ") + error.message, error };
}

} // namespace

SecretStore::SecretStore(Keychain* keychain, SecretSpecs specs, QObject* parent)
    : QObject(parent)
    , m_keychain(keychain)
    , m_specs(std::move(specs))
{
    for (const SecretSpec& spec : m_specs.specs)
        m_entries.insert(spec.name, Entry { SecretStatus { spec.name, SecretState::Unknown, {}, {} }, 0 });
}

QString SecretStore::keychainKey(const QString& name) const
{
    return m_specs.profile + QLatin1Char('/') + name;
}

SecretStatus SecretStore::status(const QString& name) const
{
    return m_entries.value(name).status;
}

QList<SecretStatus> SecretStore::statuses() const
{
    QList<SecretStatus> list;
    for (const SecretSpec& spec : m_specs.specs)
        list << status(spec.name);
    return list;
}

void SecretStore::refresh()
{
    if (!m_keychain || m_pendingReads > 0)
        return;
    m_keychainError = {};
    m_pendingReads = static_cast<int>(m_specs.specs.size());
    if (m_pendingReads == 0) {
        QTimer::singleShot(0, this, [this] { Q_EMIT refreshed(); });
        return;
    }
    for (const SecretSpec& spec : m_specs.specs) {
        const QString name = spec.name;
        const quint64 writes = m_entries.value(name).writes;
        KeychainReply* reply = m_keychain->read(keychainKey(name));
        connect(reply, &KeychainReply::finished, this, [this, reply, name, writes] {
            QByteArray value = reply->takeValue();
            const KeychainError error = reply->error();
            if (!error.ok() && error.code != KeychainError::Code::NotFound && m_keychainError.ok())
                m_keychainError = error;
            updateFromRead(name, error, value, writes);
            secureWipe(value);
            if (--m_pendingReads == 0)
                Q_EMIT refreshed();
        });
    }
}

void SecretStore::updateFromRead(const QString& name, const KeychainError& error, const QByteArray& value,
                                 quint64 writesAtStart)
{
    if (m_entries.value(name).writes != writesAtStart)
        return; // a set() or remove() finished after this read started: its state is newer
    const SecretSpec* spec = m_specs.find(name);
    if (!spec)
        return;
    SecretStatus status { name, SecretState::Unknown, {}, {} };
    if (error.code == KeychainError::Code::NotFound) {
        status.state = SecretState::Missing;
    } else if (!error.ok()) {
        status.state = SecretState::Unavailable;
        status.error = error;
    } else {
        registerWithRedactor(value);
        status.validation = SecretValidator::validate(*spec, value);
        status.state = status.validation.acceptable() ? SecretState::Set : SecretState::Invalid;
    }
    setStatus(name, status);
}

void SecretStore::setStatus(const QString& name, SecretStatus status)
{
    auto it = m_entries.find(name);
    if (it == m_entries.end())
        return;
    it->status = std::move(status);
    Q_EMIT statusChanged(name);
}

SecretStore::Result SecretStore::validateForWrite(const QString& name, const QByteArray& value) const
{
    const SecretSpec* spec = m_specs.find(name);
    if (!spec) {
        return { Result::Status::UnknownName,
                 QStringLiteral("%1 is not a secret of the %2 profile (known: %3).")
                     .arg(name, m_specs.profile, m_specs.names().join(QStringLiteral(", "))),
                 {} };
    }
    const SecretValidation validation = SecretValidator::validate(*spec, value);
    if (!validation.acceptable())
        return { Result::Status::Invalid, name + QStringLiteral(": ") + validation.message, {} };
    return {};
}

void SecretStore::set(const QString& name, QByteArray value, QObject* context, Done done)
{
    SecretValues values;
    values.insert(name, std::move(value));
    setMany(std::move(values), context, std::move(done));
}

void SecretStore::setMany(SecretValues values, QObject* context, Done done)
{
    QObject* receiver = context ? context : this;
    auto finish = [receiver, done](Result result) {
        QTimer::singleShot(0, receiver, [done, result] {
            if (done)
                done(result);
        });
    };
    for (const QString& name : values.names()) {
        Result check = validateForWrite(name, values.map().value(name));
        if (!check.ok())
            return finish(check);
    }
    if (!m_keychain)
        return finish({ Result::Status::Keychain, QStringLiteral("No keychain."), {} });
    if (values.isEmpty())
        return finish({});

    // Shared by the per-item callbacks; the last one to finish reports.
    struct Batch
    {
        int pending = 0;
        QStringList failed;
        Result firstFailure;
    };
    auto batch = std::make_shared<Batch>();
    batch->pending = static_cast<int>(values.size());
    for (const QString& name : values.names()) {
        QByteArray value = values.value(name);
        // Before the value goes anywhere near a log line.
        registerWithRedactor(value);
        const SecretSpec* spec = m_specs.find(name);
        const SecretValidation validation = SecretValidator::validate(*spec, value);
        KeychainReply* reply = m_keychain->write(keychainKey(name), value);
        secureWipe(value);
        auto& entry = m_entries[name];
        ++entry.writes;
        connect(reply, &KeychainReply::finished, this, [this, reply, name, validation, batch, finish] {
            const KeychainError error = reply->error();
            if (error.ok()) {
                ++m_entries[name].writes;
                setStatus(name, { name, SecretState::Set, validation, {} });
                spdlog::info("secrets: stored {} in the keychain", log::str(keychainKey(name)));
            } else {
                batch->failed << name;
                if (batch->firstFailure.ok())
                    batch->firstFailure = keychainFailure(QStringLiteral("Could not store %1").arg(name), error);
            }
            if (--batch->pending > 0)
                return;
            if (batch->failed.isEmpty())
                return finish({});
            Result result = batch->firstFailure;
            if (batch->failed.size() > 1)
                result.message += QStringLiteral(" (not stored: %1)").arg(batch->failed.join(QStringLiteral(", ")));
            finish(result);
        });
    }
    values.wipe();
}

void SecretStore::remove(const QString& name, QObject* context, Done done)
{
    QObject* receiver = context ? context : this;
    auto finish = [receiver, done](Result result) {
        QTimer::singleShot(0, receiver, [done, result] {
            if (done)
                done(result);
        });
    };
    if (!m_specs.find(name)) {
        return finish({ Result::Status::UnknownName,
                        QStringLiteral("%1 is not a secret of the %2 profile.").arg(name, m_specs.profile),
                        {} });
    }
    if (!m_keychain)
        return finish({ Result::Status::Keychain, QStringLiteral("No keychain."), {} });
    ++m_entries[name].writes;
    KeychainReply* reply = m_keychain->remove(keychainKey(name));
    connect(reply, &KeychainReply::finished, this, [this, reply, name, finish] {
        const KeychainError error = reply->error();
        if (!error.ok())
            return finish(keychainFailure(QStringLiteral("Could not delete %1").arg(name), error));
        ++m_entries[name].writes;
        setStatus(name, { name, SecretState::Missing, {}, {} });
        spdlog::info("secrets: deleted {} from the keychain", log::str(keychainKey(name)));
        finish({});
    });
}

void SecretStore::readAll(QObject* context, ValuesDone done)
{
    QObject* receiver = context ? context : this;
    struct Collected
    {
        int pending = 0;
        SecretValues values;
        Result failure;
    };
    auto collected = std::make_shared<Collected>();
    auto finish = [receiver, done, collected] {
        QTimer::singleShot(0, receiver, [done, collected] {
            if (done)
                done(collected->values, collected->failure);
            collected->values.wipe();
        });
    };
    if (!m_keychain) {
        collected->failure = { Result::Status::Keychain, QStringLiteral("No keychain."), {} };
        return finish();
    }
    collected->pending = static_cast<int>(m_specs.specs.size());
    if (collected->pending == 0)
        return finish();
    for (const SecretSpec& spec : m_specs.specs) {
        const QString name = spec.name;
        const quint64 writes = m_entries.value(name).writes;
        KeychainReply* reply = m_keychain->read(keychainKey(name));
        connect(reply, &KeychainReply::finished, this, [this, reply, name, writes, collected, finish] {
            QByteArray value = reply->takeValue();
            const KeychainError error = reply->error();
            updateFromRead(name, error, value, writes);
            if (error.ok()) {
                collected->values.insert(name, std::move(value));
            } else if (error.code != KeychainError::Code::NotFound && collected->failure.ok()) {
                collected->failure = keychainFailure(QStringLiteral("Could not read %1").arg(name), error);
            }
            secureWipe(value);
            if (--collected->pending == 0) {
                if (!collected->failure.ok())
                    collected->values.wipe();
                finish();
            }
        });
    }
}

} // namespace quayside
