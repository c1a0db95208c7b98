#include "keychain/Keychain.h"
#include "keychain/KeychainProbe.h"

#include <QSignalSpy>
#include <QTest>

using namespace quayside;

// No session bus at all (a console login, a CI runner without dbus-run-session). DISPLAY is unset too:
// with a display, D-Bus would autolaunch a bus and gnome-keyring could wait on a prompt for ever.
class TestKeychainNoBus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY");
        qunsetenv("WAYLAND_DISPLAY");
    }

    void probeSaysThereIsNoBus()
    {
        Keychain keychain(QStringLiteral("quayside"), std::chrono::seconds(10));
        KeychainProbe probe(&keychain);
        QSignalSpy spy(&probe, &KeychainProbe::finished);
        probe.run();
        QVERIFY(spy.wait(20000));
        QCOMPARE(spy.at(0).at(0).toBool(), false);
        QCOMPARE(probe.lastError().code, KeychainError::Code::NoService);
        const QString message = spy.at(0).at(1).toString();
        QVERIFY2(message.startsWith(QStringLiteral("No D-Bus session bus")), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("gnome-keyring or KWallet")));
    }
};

QTEST_GUILESS_MAIN(TestKeychainNoBus)
#include "tst_keychainnobus.moc"
