#include "keychain/KeychainError.h"

#include <QTest>
#include <qt6keychain/keychain.h>

using quayside::KeychainError;
using Code = quayside::KeychainError::Code;

// The texts are the ones QtKeychain 0.13 / libsecret really produce on Debian 12 (README, "Testing").
class TestKeychainError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapsBackendErrors_data()
    {
        QTest::addColumn<int>("backendError");
        QTest::addColumn<QString>("text");
        QTest::addColumn<Code>("code");
        QTest::addColumn<QString>("messageStart");

        QTest::newRow("no error") << int(QKeychain::NoError) << QString() << Code::None << QString();
        QTest::newRow("not found") << int(QKeychain::EntryNotFound) << QStringLiteral("Entry not found")
                                   << Code::NotFound << QStringLiteral("Nothing is stored");
        QTest::newRow("no bus") << int(QKeychain::OtherError)
                                << QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY") << Code::NoService
                                << QStringLiteral("No D-Bus session bus");
        QTest::newRow("no secrets service")
            << int(QKeychain::OtherError)
            << QStringLiteral("The name org.freedesktop.secrets was not provided by any .service files")
            << Code::NoService << QStringLiteral("No keychain service is running: install and start gnome-keyring");
        QTest::newRow("service unknown (kwallet path)")
            << int(QKeychain::NoBackendAvailable) << QStringLiteral("No keychain service available") << Code::NoService
            << QStringLiteral("No keychain service is running");
        QTest::newRow("no login keyring")
            << int(QKeychain::OtherError)
            << QStringLiteral("Object does not exist at path \u201c/org/freedesktop/secrets/collection/login\u201d")
            << Code::NoService << QStringLiteral("The keychain has no default (login) keyring");
        QTest::newRow("locked") << int(QKeychain::AccessDenied)
                                << QStringLiteral("Cannot create an item in a locked collection") << Code::Locked
                                << QStringLiteral("The login keyring is locked: unlock it in Passwords and Keys");
        QTest::newRow("locked as other error") << int(QKeychain::OtherError) << QStringLiteral("Collection is locked")
                                               << Code::Locked << QStringLiteral("The login keyring is locked");
        QTest::newRow("denied by user") << int(QKeychain::AccessDeniedByUser) << QStringLiteral("Denied")
                                        << Code::AccessDenied << QStringLiteral("Access to the keychain was refused");
        QTest::newRow("denied") << int(QKeychain::AccessDenied) << QStringLiteral("Access to keychain denied")
                                << Code::AccessDenied << QStringLiteral("The keychain refused access");
        QTest::newRow("something else") << int(QKeychain::OtherError) << QStringLiteral("Disk on fire") << Code::Other
                                        << QStringLiteral("The keychain reported an error (Disk on fire)");
    }
    void mapsBackendErrors()
    {
        QFETCH(int, backendError);
        QFETCH(QString, text);
        QFETCH(Code, code);
        QFETCH(QString, messageStart);
        const KeychainError error = KeychainError::fromBackend(backendError, text);
        QCOMPARE(error.code, code);
        QCOMPARE(error.ok(), code == Code::None);
        QVERIFY2(error.message.startsWith(messageStart), qPrintable(error.message));
        if (code != Code::None)
            QCOMPARE(error.detail, text);
        // One sentence a user can act on: it says what to do, not only what failed.
        if (code == Code::NoService || code == Code::Locked)
            QVERIFY(!KeychainError::fixFor(code).isEmpty());
    }

    void timeoutSaysHowLongAndWhatToDo()
    {
        const KeychainError error = KeychainError::timedOut(std::chrono::milliseconds(2500));
        QCOMPARE(error.code, Code::Timeout);
        QVERIFY2(error.message.startsWith(QStringLiteral("The keychain did not answer within 2.5 s")),
                 qPrintable(error.message));
        QVERIFY(error.message.contains(QStringLiteral("unlock")));
    }
};

QTEST_GUILESS_MAIN(TestKeychainError)
#include "tst_keychainerror.moc"
