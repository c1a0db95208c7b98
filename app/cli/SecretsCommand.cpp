#include "cli/SecretsCommand.h"

#include "cli/CommonOptions.h"
#include "cli/TextTable.h"
#include "core/SecureMemory.h"
#include "keychain/Keychain.h"
#include "secrets/DotEnvParser.h"
#include "secrets/SecretApplier.h"
#include "secrets/SecretImportPlan.h"
#include "secrets/SecretStore.h"

#include "kube/KubeClient.h"
#include "workspace/Workspace.h"
#include "kube/KubeconfigLoader.h"
#include "secrets/KubeSecretApi.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace quayside::cli {

namespace {

// A secret is small; a bigger stdin or .env file is a mistake (the wrong file), not a secret.
constexpr qint64 kMaximumInput = 1024 * 1024;

#ifdef Q_OS_UNIX
// Reads one line from the terminal with echo off, as passwd and ssh-keygen do.
QByteArray readHiddenLine(bool* ok)
{
    termios saved {};
    const bool terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    int c = 0;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n' && line.size() < kMaximumInput)
        line.append(static_cast<char>(c));
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputc('\n', stderr);
    }
    *ok = c != EOF || !line.isEmpty();
    return line;
}
#endif

QByteArray readStandardInput(bool* ok, bool* tooLarge)
{
    QFile in;
    *tooLarge = false;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        *ok = false;
        return {};
    }
    QByteArray data = in.read(kMaximumInput + 1);
    if (data.size() > kMaximumInput) {
        secureWipe(data);
        *tooLarge = true;
        *ok = false;
        return {};
    }
    // `echo value | quayside secrets set NAME` adds a newline that is not part of the secret.
    if (data.endsWith("\r\n"))
        data.chop(2);
    else if (data.endsWith('\n'))
        data.chop(1);
    *ok = true;
    return data;
}

} // namespace

SecretsCommand::SecretsCommand() = default;

SecretsCommand::~SecretsCommand() = default;

QString SecretsCommand::usage()
{
    return QStringLiteral(
        "Usage: quayside secrets <command> [options]\n"
        "\n"
        "Commands:\n"
        "  list [-o table|json]   names and states of the profile's secrets (never their values)\n"
        "  set NAME               store NAME; the value is read from stdin, never from the command line\n"
        "  import FILE            store the profile's secrets found in a .env file\n"
        "  delete NAME            remove NAME from the keychain\n"
        "  apply                  create or update the Kubernetes Secret from the stored values\n"
        "\n"
        "The secrets are the deployment profile's (-p/--profile); apply goes to the workspace's context and\n"
        "namespace (--kubeconfig, --context, -n).");
}

void SecretsCommand::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Manage the app's secrets in the OS keychain."));
    CommonOptions::addOutputOption(parser, { QStringLiteral("table"), QStringLiteral("json") });
    CommonOptions::addGlobalOptions(parser);
    parser.addOption({ QStringLiteral("timeout"), QStringLiteral("Seconds a keychain operation may take."),
                       QStringLiteral("seconds"), QStringLiteral("10") });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("list, set, import, delete or apply"));
    QString error;
    if (!CommonOptions::parse(parser, arguments, &error))
        return usageError(error, usage());
    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    bool ok = false;
    const int timeoutSeconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || timeoutSeconds <= 0)
        return usageError(QStringLiteral("--timeout needs a positive number of seconds"), {});

    auto expectArguments = [&](int count, const QString& what) {
        if (positional.size() - 1 == count)
            return true;
        if (command == QLatin1String("set") && positional.size() > 2) {
            usageError(QStringLiteral("the value is read from stdin, never from the command line (where ps and the "
                                      "shell history would keep it): echo -n VALUE | quayside secrets set NAME"),
                       usage());
        } else {
            usageError(QStringLiteral("secrets %1 takes %2").arg(command, what), usage());
        }
        return false;
    };

    // The profile says which secrets the app has and where its Secret goes.
    if (!workspace()->hasProfile())
        return fail(workspace()->profileProblem());
    m_specs = workspace()->profile().secrets;
    m_keychain = std::make_unique<Keychain>(QStringLiteral("quayside"), std::chrono::seconds(timeoutSeconds));
    m_store = new SecretStore(m_keychain.get(), m_specs, this);

    if (command == QLatin1String("list")) {
        if (!expectArguments(0, QStringLiteral("no arguments")))
            return;
        const QString format
            = CommonOptions::outputFormat(parser, { QStringLiteral("table"), QStringLiteral("json") }, &error);
        if (format.isEmpty())
            return usageError(error, {});
        return list(format);
    }
    if (command == QLatin1String("set")) {
        if (!expectArguments(1, QStringLiteral("one NAME")))
            return;
        return set(positional.at(1));
    }
    if (command == QLatin1String("import")) {
        if (!expectArguments(1, QStringLiteral("one FILE")))
            return;
        return importFile(positional.at(1));
    }
    if (command == QLatin1String("delete")) {
        if (!expectArguments(1, QStringLiteral("one NAME")))
            return;
        return remove(positional.at(1));
    }
    if (command == QLatin1String("apply")) {
        if (!expectArguments(0, QStringLiteral("no arguments")))
            return;
        return apply();
    }
    usageError(command.isEmpty() ? QStringLiteral("which secrets command?")
                                 : QStringLiteral("unknown secrets command \"%1\"").arg(command),
               usage());
}

void SecretsCommand::failWithKeychainFix(const QString& message, KeychainError::Code code)
{
    const QString fix = KeychainError::fixFor(code);
    if (!fix.isEmpty())
        err() << "fix: " << fix << Qt::endl;
    fail(message);
}

void SecretsCommand::list(const QString& format)
{
    connect(m_store, &SecretStore::refreshed, this, [this, format] {
        const KeychainError keychainError = m_store->keychainError();
        if (format == QLatin1String("json")) {
            QJsonArray secrets;
            for (const SecretStatus& status : m_store->statuses()) {
                const SecretSpec* spec = m_specs.find(status.name);
                QJsonObject item { { QStringLiteral("name"), status.name },
                                   { QStringLiteral("state"), secretStateName(status.state) },
                                   { QStringLiteral("required"), spec->required },
                                   { QStringLiteral("description"), spec->description },
                                   { QStringLiteral("kubernetesSecret"), spec->kubernetesSecret },
                                   { QStringLiteral("kubernetesKey"), spec->kubernetesKey } };
                const QString message
                    = status.state == SecretState::Unavailable ? status.error.message : status.validation.message;
                if (!message.isEmpty())
                    item.insert(QStringLiteral("message"), message);
                secrets.append(item);
            }
            const QJsonObject keychain { { QStringLiteral("ok"), keychainError.ok() },
                                         { QStringLiteral("code"), KeychainError::codeName(keychainError.code) },
                                         { QStringLiteral("message"), keychainError.message },
                                         { QStringLiteral("fix"), KeychainError::fixFor(keychainError.code) } };
            const QJsonObject document { { QStringLiteral("profile"), m_specs.profile },
                                         { QStringLiteral("namespace"), m_specs.nameSpace },
                                         { QStringLiteral("secret"), m_specs.secretName },
                                         { QStringLiteral("keychain"), keychain },
                                         { QStringLiteral("secrets"), secrets } };
            out() << QJsonDocument(document).toJson(QJsonDocument::Indented);
            out().flush();
            return finish(keychainError.ok() ? ExitOk : ExitError);
        }
        if (!keychainError.ok())
            return failWithKeychainFix(keychainError.message, keychainError.code);
        TextTable table(
            { QStringLiteral("NAME"), QStringLiteral("STATE"), QStringLiteral("REQUIRED"), QStringLiteral("DETAILS") });
        for (const SecretStatus& status : m_store->statuses()) {
            const SecretSpec* spec = m_specs.find(status.name);
            QString details = status.validation.message;
            if (status.state == SecretState::Missing)
                details = spec->description;
            table.addRow({ status.name, secretStateName(status.state),
                           spec->required ? QStringLiteral("yes") : QStringLiteral("no"), details });
        }
        writeLine(table.toString());
        writeLine(QStringLiteral("\nSecret %1 in namespace %2 (profile %3). Values are kept in the system keychain.")
                      .arg(m_specs.secretName, m_specs.nameSpace, m_specs.profile));
        finish(ExitOk);
    });
    m_store->refresh();
}

void SecretsCommand::set(const QString& name)
{
    const SecretSpec* spec = m_specs.find(name);
    if (!spec) {
        return fail(QStringLiteral("%1 is not a secret of the %2 profile (known: %3)")
                        .arg(name, m_specs.profile, m_specs.names().join(QStringLiteral(", "))));
    }
    bool ok = false;
    bool tooLarge = false;
    QByteArray value;
#ifdef Q_OS_UNIX
    if (isatty(STDIN_FILENO)) {
        err() << "Value for " << name << " (input hidden): ";
        err().flush();
        value = readHiddenLine(&ok);
    } else
#endif
    {
        value = readStandardInput(&ok, &tooLarge);
    }
    if (tooLarge)
        return fail(QStringLiteral("the input is larger than 1 MiB: that is not a secret (wrong file?)"));
    if (!ok || value.isEmpty()) {
        secureWipe(value);
        return fail(QStringLiteral("no value on stdin: echo -n VALUE | quayside secrets set %1").arg(name));
    }
    m_store->set(name, std::move(value), this, [this, name](const SecretStore::Result& result) {
        if (!result.ok()) {
            if (result.status == SecretStore::Result::Status::Keychain)
                return failWithKeychainFix(result.message, result.keychain.code);
            return fail(result.message);
        }
        const SecretStatus status = m_store->status(name);
        if (status.validation.severity == SecretValidation::Severity::Warning)
            err() << "warning: " << name << ": " << status.validation.message << Qt::endl;
        writeLine(QStringLiteral("Stored %1 in the keychain.").arg(name));
        finish(ExitOk);
    });
}

void SecretsCommand::importFile(const QString& path)
{
    // Regular files only, read up to the limit (a FIFO would never end, a device never fit).
    QString error;
    std::optional<QByteArray> read = DotEnvParser::readFile(path, &error);
    if (!read)
        return fail(error);
    QByteArray content = std::move(*read);
    DotEnvResult parsed = DotEnvParser::parse(content);
    secureWipe(content);
    auto plan = std::make_shared<SecretImportPlan>(SecretImportPlan::fromDotEnv(parsed, m_specs));
    const QString fileName = QFileInfo(path).fileName();

    for (const QString& line : plan->describe()) {
        if (!line.startsWith(QLatin1String("error: ")) && line != QLatin1String("Nothing was imported."))
            err() << line << Qt::endl;
    }
    if (!plan->errors.isEmpty()) {
        for (const DotEnvProblem& problem : plan->errors)
            err() << "error: " << path << ": " << problem.message << Qt::endl;
        return fail(QStringLiteral("%1 could not be read as a .env file; nothing was imported").arg(path));
    }
    if (!plan->canImport())
        return fail(QStringLiteral("%1 has invalid values (above); nothing was imported").arg(path));
    if (plan->values.isEmpty()) {
        return fail(QStringLiteral("%1 has no secrets of the %2 profile (expected some of: %3)")
                        .arg(path, m_specs.profile, m_specs.names().join(QStringLiteral(", "))));
    }
    const QStringList names = plan->values.names();
    m_store->setMany(std::move(plan->values), this, [this, names, fileName](const SecretStore::Result& result) {
        if (!result.ok()) {
            if (result.status == SecretStore::Result::Status::Keychain)
                return failWithKeychainFix(result.message, result.keychain.code);
            return fail(result.message);
        }
        writeLine(QStringLiteral("Imported %1 secret%2 from %3: %4")
                      .arg(names.size())
                      .arg(names.size() == 1 ? QString() : QStringLiteral("s"))
                      .arg(fileName, names.join(QStringLiteral(", "))));
        finish(ExitOk);
    });
}

void SecretsCommand::remove(const QString& name)
{
    m_store->remove(name, this, [this, name](const SecretStore::Result& result) {
        if (!result.ok()) {
            if (result.status == SecretStore::Result::Status::Keychain)
                return failWithKeychainFix(result.message, result.keychain.code);
            return fail(result.message);
        }
        writeLine(QStringLiteral("Deleted %1 from the keychain.").arg(name));
        finish(ExitOk);
    });
}

void SecretsCommand::apply()
{
    // The workspace's namespace: the profile's unless -n or the window's switcher chose another, which
    // is where the chart will look for the Secret too.
    const QString nameSpace = workspace()->target().nameSpace;
    QString error;
    const auto config = kube::KubeconfigLoader::load(workspace()->target().loaderOptions(), &error);
    if (!config)
        return fail(error);
    auto* client = new kube::KubeClient(*config, this);
    m_api = std::make_unique<KubeSecretApi>(client);

    m_store->readAll(this, [this, nameSpace](SecretValues& values, const SecretStore::Result& result) {
        if (!result.ok())
            return failWithKeychainFix(result.message, result.keychain.code);
        const QString problem = SecretApplier::checkComplete(m_specs, values);
        if (!problem.isEmpty())
            return fail(problem);
        auto* applier = new SecretApplier(m_api.get(), this);
        connect(applier, &SecretApplier::finished, this, [this](const SecretApplier::Result& applied) {
            if (!applied.ok)
                return fail(applied.message);
            writeLine(applied.message);
            writeLine(QStringLiteral("Keys: %1").arg(applied.keys.join(QStringLiteral(", "))));
            writeLine(QStringLiteral("Checksum (for the %1 annotation): %2")
                          .arg(QStringLiteral("checksum/secret"), applied.checksum));
            finish(ExitOk);
        });
        applier->apply(nameSpace, m_specs.secretName, std::move(values), m_specs.profile);
    });
}

} // namespace quayside::cli
