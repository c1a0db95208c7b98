#pragma once

#include "cli/Command.h"
#include "keychain/KeychainError.h"
#include "secrets/SecretSpecs.h"

#include <QCommandLineParser>

#include <memory>

namespace quayside {
class Keychain;
class SecretStore;
class SecretApplier;
class SecretApi;
} // namespace quayside

namespace quayside::cli {

// `quayside secrets list|set|import|delete|apply`: the profile's secrets in the OS keychain and the
// Kubernetes Secret made from them. Values never travel through argv (visible in ps and shell history)
// and are never printed: `set` reads stdin, `list` shows states only.
class SecretsCommand : public Command
{
    Q_OBJECT
public:
    SecretsCommand();
    ~SecretsCommand() override;

    void start(const QStringList& arguments) override;

    static QString usage();

private:
    void list(const QString& format);
    void set(const QString& name);
    void importFile(const QString& path);
    void remove(const QString& name);
    void apply();
    void failWithKeychainFix(const QString& message, KeychainError::Code code);

    SecretSpecs m_specs;
    std::unique_ptr<Keychain> m_keychain;
    SecretStore* m_store = nullptr;
    std::unique_ptr<SecretApi> m_api;
};

} // namespace quayside::cli
