#include "core/Log.h"
#include "core/Redactor.h"
#include "keychain/Keychain.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;

// The store against the real gnome-keyring of the test session (tests/support/run-headless.sh).
class TestSecretStore : public QObject
{
    Q_OBJECT
private:
    // A profile of its own so parallel tests sharing the keyring cannot see each other's items.
    const QString m_profile = QStringLiteral("todo-chatbot-test-%1").arg(QCoreApplication::applicationPid());
    QTemporaryDir m_logDir;
    Keychain m_keychain { QStringLiteral("quayside"), std::chrono::seconds(10) };
    std::unique_ptr<SecretStore> m_store;
    QList<QByteArray> m_valuesUsed;

    static const QByteArray& jwt()
    {
        static const QByteArray value("jwt-Q7s9dK2mX4vB8nL1pR6tY3wZ0aC5eG7hJ9kM2qS4uV6x");
        return value;
    }
    static const QByteArray& databaseUrl()
    {
        static const QByteArray value(
            "postgresql://neondb_owner:npg_S3cr3tP4ss@ep-test-123.eu-central-1.aws.neon.tech/neondb?sslmode=require");
        return value;
    }

    QString secretTool(const QStringList& arguments)
    {
        QProcess tool;
        tool.setProcessChannelMode(QProcess::MergedChannels);
        tool.start(QStringLiteral("secret-tool"), arguments);
        if (!tool.waitForFinished(15000))
            tool.kill();
        return QString::fromUtf8(tool.readAll());
    }
    QString lookup(const QString& name)
    {
        return secretTool({ QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("quayside"),
                            QStringLiteral("user"), m_profile + QLatin1Char('/') + name });
    }

    SecretStore::Result set(const QString& name, const QByteArray& value)
    {
        m_valuesUsed << value;
        SecretStore::Result out { SecretStore::Result::Status::Keychain, QStringLiteral("no answer"), {} };
        bool done = false;
        m_store->set(name, value, this, [&](const SecretStore::Result& result) {
            out = result;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 15000))
            return out;
        return out;
    }
    SecretStore::Result remove(const QString& name)
    {
        SecretStore::Result out { SecretStore::Result::Status::Keychain, QStringLiteral("no answer"), {} };
        bool done = false;
        m_store->remove(name, this, [&](const SecretStore::Result& result) {
            out = result;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 15000))
            return out;
        return out;
    }
    bool refresh()
    {
        QSignalSpy spy(m_store.get(), &SecretStore::refreshed);
        m_store->refresh();
        return spy.wait(15000) && spy.count() == 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Only inside tests/support/run-headless.sh (which sets QUAYSIDE_REAL_HOME): never against the
        // developer's own keyring, whose items this test writes and clears.
        if (!qEnvironmentVariableIsSet("QUAYSIDE_REAL_HOME") || qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs the private session of tests/support/run-headless.sh");
        QVERIFY(m_logDir.isValid());
        log::initialize({ .directory = m_logDir.path(), .verbose = true, .toStderr = false });
        SecretSpecs specs = SecretSpecs::todoChatbot();
        specs.profile = m_profile;
        m_store = std::make_unique<SecretStore>(&m_keychain, specs);
    }

    void cleanupTestCase()
    {
        secretTool({ QStringLiteral("clear"), QStringLiteral("server"), QStringLiteral("quayside"),
                     QStringLiteral("user"), m_profile + QStringLiteral("/JWT_SECRET") });
        for (const QString& name : SecretSpecs::todoChatbot().names())
            secretTool({ QStringLiteral("clear"), QStringLiteral("server"), QStringLiteral("quayside"),
                         QStringLiteral("user"), m_profile + QLatin1Char('/') + name });
    }

    void startsUnknownThenMissing()
    {
        for (const SecretStatus& status : m_store->statuses())
            QCOMPARE(status.state, SecretState::Unknown);
        QSignalSpy changed(m_store.get(), &SecretStore::statusChanged);
        QVERIFY(refresh());
        QCOMPARE(changed.count(), 7);
        QVERIFY(m_store->keychainError().ok());
        for (const SecretStatus& status : m_store->statuses())
            QCOMPARE(status.state, SecretState::Missing);
    }

    void keychainKeyIsProfileSlashName()
    {
        QCOMPARE(m_store->keychainKey(QStringLiteral("JWT_SECRET")), m_profile + QStringLiteral("/JWT_SECRET"));
    }

    void setStoresInTheKeychainAndRegistersWithTheRedactor()
    {
        const SecretStore::Result result = set(QStringLiteral("JWT_SECRET"), jwt());
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(m_store->status(QStringLiteral("JWT_SECRET")).state, SecretState::Set);
        QCOMPARE(lookup(QStringLiteral("JWT_SECRET")).toUtf8(), jwt());
        const QString found = secretTool({ QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                                           QStringLiteral("quayside"), QStringLiteral("user"),
                                           m_profile + QStringLiteral("/JWT_SECRET") });
        QVERIFY(found.contains(QStringLiteral("attribute.server = quayside")));
        QVERIFY(found.contains(QStringLiteral("attribute.user = ") + m_profile + QStringLiteral("/JWT_SECRET")));
        QCOMPARE(Redactor::instance().redact(QStringLiteral("token=") + QString::fromUtf8(jwt())),
                 QStringLiteral("token=***"));

        QVERIFY(set(QStringLiteral("DATABASE_URL"), databaseUrl()).ok());
        QCOMPARE(m_store->status(QStringLiteral("DATABASE_URL")).state, SecretState::Set);
    }

    void refusesInvalidValuesWithoutWriting_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<SecretStore::Result::Status>("status");
        QTest::newRow("short jwt") << QStringLiteral("OPENAI_API_KEY") << QByteArray("sk with spaces")
                                   << SecretStore::Result::Status::Invalid;
        QTest::newRow("not postgres") << QStringLiteral("GEMINI_API_KEY") << QByteArray()
                                      << SecretStore::Result::Status::Invalid;
        QTest::newRow("unknown name") << QStringLiteral("LOG_LEVEL") << QByteArray("INFO-INFO")
                                      << SecretStore::Result::Status::UnknownName;
    }
    void refusesInvalidValuesWithoutWriting()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, value);
        QFETCH(SecretStore::Result::Status, status);
        const SecretStore::Result result = set(name, value);
        QCOMPARE(result.status, status);
        QVERIFY(!result.message.isEmpty());
        if (value.size() >= 4)
            QVERIFY(!result.message.contains(QString::fromUtf8(value)));
        QVERIFY(lookup(name).isEmpty());
    }

    void anInvalidStoredValueShowsAsInvalid()
    {
        // Written behind the store's back (an older version, another tool).
        KeychainReply* reply
            = m_keychain.write(m_store->keychainKey(QStringLiteral("JWT_SECRET")), "only-20-characters!");
        QSignalSpy written(reply, &KeychainReply::finished);
        QVERIFY(written.wait(15000));
        QVERIFY(refresh());
        const SecretStatus status = m_store->status(QStringLiteral("JWT_SECRET"));
        QCOMPARE(status.state, SecretState::Invalid);
        QVERIFY2(status.validation.message.startsWith(QStringLiteral("Too short")),
                 qPrintable(status.validation.message));
        QCOMPARE(Redactor::instance().redact(QStringLiteral("only-20-characters!")), QStringLiteral("***"));
    }

    void rotateReplacesTheValue()
    {
        const QByteArray rotated("rotated-5fK8sL2pQ9wE4rT7yU1iO3pA6sD8fG0hJ2kL4zX");
        QVERIFY(set(QStringLiteral("JWT_SECRET"), rotated).ok());
        QCOMPARE(lookup(QStringLiteral("JWT_SECRET")).toUtf8(), rotated);
        QVERIFY(refresh());
        QCOMPARE(m_store->status(QStringLiteral("JWT_SECRET")).state, SecretState::Set);
    }

    void setManyIsAllOrNothing()
    {
        SecretValues values;
        values.insert(QStringLiteral("OPENAI_API_KEY"), QByteArray("sk-proj-all-or-nothing"));
        values.insert(QStringLiteral("JWT_SECRET"), QByteArray("short"));
        bool done = false;
        SecretStore::Result out;
        m_store->setMany(std::move(values), this, [&](const SecretStore::Result& result) {
            out = result;
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 15000));
        QCOMPARE(out.status, SecretStore::Result::Status::Invalid);
        QVERIFY(lookup(QStringLiteral("OPENAI_API_KEY")).isEmpty());
    }

    void readAllReturnsExactlyTheStoredValues()
    {
        QVERIFY(set(QStringLiteral("OPENAI_API_KEY"), "sk-proj-readall-0001").ok());
        bool done = false;
        QMap<QString, QByteArray> copy;
        m_store->readAll(this, [&](SecretValues& values, const SecretStore::Result& result) {
            QVERIFY(result.ok());
            copy = values.map();
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 15000));
        QCOMPARE(copy.keys(), QStringList({ "DATABASE_URL", "JWT_SECRET", "OPENAI_API_KEY" }));
        QCOMPARE(copy.value(QStringLiteral("DATABASE_URL")), databaseUrl());
        QCOMPARE(copy.value(QStringLiteral("OPENAI_API_KEY")), QByteArray("sk-proj-readall-0001"));
    }

    void removeDeletesTheItem()
    {
        const SecretStore::Result result = remove(QStringLiteral("OPENAI_API_KEY"));
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(m_store->status(QStringLiteral("OPENAI_API_KEY")).state, SecretState::Missing);
        QVERIFY(lookup(QStringLiteral("OPENAI_API_KEY")).isEmpty());
        // Deleting what is not there is fine.
        QVERIFY(remove(QStringLiteral("OPENAI_API_KEY")).ok());
        QCOMPARE(remove(QStringLiteral("NOT_A_SECRET")).status, SecretStore::Result::Status::UnknownName);
    }

    void noValueInTheLogOrInAnyFile()
    {
        log::flush();
        QList<QByteArray> values = m_valuesUsed;
        values << jwt() << databaseUrl() << QByteArray("npg_S3cr3tP4ss");
        // The log files and every file under the throw-away HOME (QSettings, caches, config).
        QStringList roots { m_logDir.path(), QDir::homePath() };
        int logLines = 0;
        for (const QString& root : roots) {
            QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (!file.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray content = file.readAll();
                if (file.fileName().endsWith(QLatin1String("quayside.log")))
                    logLines += static_cast<int>(content.count('\n'));
                for (const QByteArray& value : values) {
                    if (value.size() >= 8)
                        QVERIFY2(!content.contains(value), qPrintable(file.fileName()));
                }
            }
        }
        QVERIFY(logLines > 0); // the store did log (its operations, never the values)
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
