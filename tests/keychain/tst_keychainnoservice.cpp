#include "PrivateBus.h"
#include "keychain/Keychain.h"
#include "keychain/KeychainProbe.h"

#include <QSignalSpy>
#include <QTest>

using namespace quayside;

// A session bus on which nothing provides org.freedesktop.secrets: the probe and every job must end
// quickly with the actionable "no keychain service" message, never hang and never fall back.
class TestKeychainNoService : public QObject
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

    void probeReportsNoService()
    {
        Keychain keychain(QStringLiteral("quayside"), std::chrono::seconds(10));
        KeychainProbe probe(&keychain);
        QSignalSpy spy(&probe, &KeychainProbe::finished);
        probe.run();
        QVERIFY(spy.wait(20000));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toBool(), false);
        const QString message = spy.at(0).at(1).toString();
        QVERIFY2(message.startsWith(
                     QStringLiteral("No keychain service is running: install and start gnome-keyring (or KWallet)")),
                 qPrintable(message));
        QVERIFY(spy.at(0).at(2).toString().contains(QStringLiteral("gnome-keyring")));
        QCOMPARE(probe.lastError().code, KeychainError::Code::NoService);
        QVERIFY2(probe.lastError().detail.contains(QStringLiteral("org.freedesktop.secrets")),
                 qPrintable(probe.lastError().detail));
    }

    void everyOperationReportsNoService_data()
    {
        QTest::addColumn<int>("operation");
        QTest::newRow("read") << 0;
        QTest::newRow("write") << 1;
        QTest::newRow("remove") << 2;
    }
    void everyOperationReportsNoService()
    {
        QFETCH(int, operation);
        Keychain keychain(QStringLiteral("quayside"), std::chrono::seconds(10));
        KeychainReply* reply = operation == 0 ? keychain.read(QStringLiteral("p/X"))
            : operation == 1                  ? keychain.write(QStringLiteral("p/X"), "value-that-goes-nowhere")
                                              : keychain.remove(QStringLiteral("p/X"));
        QSignalSpy spy(reply, &KeychainReply::finished);
        QVERIFY(spy.wait(20000));
        QCOMPARE(reply->error().code, KeychainError::Code::NoService);
    }
};

QTEST_GUILESS_MAIN(TestKeychainNoService)
#include "tst_keychainnoservice.moc"
