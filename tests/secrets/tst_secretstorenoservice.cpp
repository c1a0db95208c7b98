#include "PrivateBus.h"
#include "keychain/Keychain.h"
#include "secrets/SecretStore.h"

#include <QSignalSpy>
#include <QTest>

using namespace quayside;

// No Secret Service on the bus: every state is "unavailable" with the actionable message, and set()
// fails without writing anywhere else.
class TestSecretStoreNoService : public QObject
{
    Q_OBJECT
private:
    test::PrivateBus m_bus;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_bus.start(&error), qPrintable(error));
        m_bus.exportToThisProcess();
    }

    void statesAreUnavailable()
    {
        Keychain keychain(QStringLiteral("quayside"), std::chrono::seconds(10));
        SecretStore store(&keychain, SecretSpecs::todoChatbot());
        QSignalSpy refreshed(&store, &SecretStore::refreshed);
        store.refresh();
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(store.keychainError().code, KeychainError::Code::NoService);
        QVERIFY(store.keychainError().message.startsWith(QStringLiteral("No keychain service is running")));
        for (const SecretStatus& status : store.statuses()) {
            QCOMPARE(status.state, SecretState::Unavailable);
            QCOMPARE(status.error.code, KeychainError::Code::NoService);
        }

        bool done = false;
        SecretStore::Result out;
        store.set(QStringLiteral("JWT_SECRET"), QByteArray(40, 'z'), this, [&](const SecretStore::Result& result) {
            out = result;
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 20000));
        QCOMPARE(out.status, SecretStore::Result::Status::Keychain);
        QVERIFY2(out.message.startsWith(QStringLiteral("Could not store JWT_SECRET: No keychain service is running")),
                 qPrintable(out.message));
    }
};

QTEST_GUILESS_MAIN(TestSecretStoreNoService)
#include "tst_secretstorenoservice.moc"
