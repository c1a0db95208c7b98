#include "PrivateBus.h"
#include "PrivateKeyring.h"
#include "keychain/Keychain.h"
#include "keychain/KeychainProbe.h"

#include <QSignalSpy>
#include <QTest>

using namespace quayside;

// A real gnome-keyring whose login keyring the test locks (org.freedesktop.Secret.Service.Lock) on a
// bus of its own, so the shared test keyring stays unlocked for the other tests.
class TestKeychainLocked : public QObject
{
    Q_OBJECT
private:
    test::PrivateBus m_bus;
    std::unique_ptr<test::PrivateKeyring> m_keyring;

    static KeychainError run(KeychainReply* reply, QByteArray* value = nullptr)
    {
        QSignalSpy spy(reply, &KeychainReply::finished);
        if (!spy.wait(20000))
            return { KeychainError::Code::Other, QStringLiteral("no finished() within 20 s"), {} };
        if (value)
            *value = reply->takeValue();
        return reply->error();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_bus.start(&error), qPrintable(error));
        m_keyring = std::make_unique<test::PrivateKeyring>(m_bus);
        QVERIFY2(m_keyring->start(&error), qPrintable(error));
        m_bus.exportToThisProcess();
    }

    void cleanupTestCase() { m_keyring.reset(); }

    void unlockedKeyringWorks()
    {
        Keychain keychain(QStringLiteral("quayside"), std::chrono::seconds(10));
        const KeychainError error
            = run(keychain.write(QStringLiteral("todo-chatbot/JWT_SECRET"), "stored-before-lock"));
        QVERIFY2(error.ok(), qPrintable(error.message + QLatin1Char(' ') + error.detail));
    }

    void lockTheLoginKeyring()
    {
        QString error;
        QVERIFY2(m_keyring->lockLogin(&error), qPrintable(error));
    }

    void probeNamesTheLockedKeyring()
    {
        Keychain keychain(QStringLiteral("quayside"), std::chrono::seconds(10));
        KeychainProbe probe(&keychain);
        QSignalSpy spy(&probe, &KeychainProbe::finished);
        probe.run();
        QVERIFY(spy.wait(20000));
        QCOMPARE(spy.at(0).at(0).toBool(), false);
        const QString message = spy.at(0).at(1).toString();
        QVERIFY2(message.startsWith(QStringLiteral("The login keyring is locked: unlock it in Passwords and Keys")),
                 qPrintable(message + QStringLiteral(" / ") + probe.lastError().detail));
        QCOMPARE(probe.lastError().code, KeychainError::Code::Locked);
        QVERIFY(spy.at(0).at(2).toString().contains(QStringLiteral("unlock")));
    }

    void writeIsRefused()
    {
        Keychain keychain(QStringLiteral("quayside"), std::chrono::seconds(10));
        const KeychainError error = run(keychain.write(QStringLiteral("todo-chatbot/NEW"), "never-stored"));
        QCOMPARE(error.code, KeychainError::Code::Locked);
    }

    void readSaysLockedNotMissing_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("stored before the lock") << QStringLiteral("todo-chatbot/JWT_SECRET");
        QTest::newRow("never stored") << QStringLiteral("todo-chatbot/NEVER");
    }
    void readSaysLockedNotMissing()
    {
        // libsecret tries to prompt for the password, the prompt cannot open (no display) and the lookup
        // ends as "not found". A locked keyring must not look like a keyring with no secrets in it.
        QFETCH(QString, key);
        Keychain keychain(QStringLiteral("quayside"), std::chrono::seconds(10));
        QByteArray value;
        const KeychainError error = run(keychain.read(key), &value);
        QCOMPARE(error.code, KeychainError::Code::Locked);
        QVERIFY2(error.message.startsWith(QStringLiteral("The login keyring is locked")), qPrintable(error.message));
        QVERIFY(value.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKeychainLocked)
#include "tst_keychainlocked.moc"
