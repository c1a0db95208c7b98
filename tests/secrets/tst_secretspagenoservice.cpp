#include "PrivateBus.h"
#include "keychain/Keychain.h"
#include "secrets/SecretStore.h"
#include "secrets/SecretsPage.h"

#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace quayside;
using namespace quayside::ui;

// The page on a session bus without a Secret Service: a banner says what is missing and how to get it,
// and nothing can be typed into a field that has nowhere safe to go.
class TestSecretsPageNoService : public QObject
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

    void bannerExplainsAndRowsAreDisabled()
    {
        Keychain keychain(QStringLiteral("quayside"), std::chrono::seconds(10));
        SecretStore store(&keychain, SecretSpecs::todoChatbot());
        SecretsPage page(&store);
        page.resize(1000, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* banner = page.findChild<QFrame*>(QStringLiteral("keychainBanner"));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
        const QString message = page.findChild<QLabel*>(QStringLiteral("keychainBannerMessage"))->text();
        QVERIFY2(message.contains(
                     QStringLiteral("No keychain service is running: install and start gnome-keyring (or KWallet)")),
                 qPrintable(message));
        const QString fix = page.findChild<QLabel*>(QStringLiteral("keychainBannerFix"))->text();
        QVERIFY2(fix.contains(QStringLiteral("gnome-keyring")), qPrintable(fix));
        QVERIFY(page.findChild<QPushButton*>(QStringLiteral("keychainRetryButton"))->isEnabled());
        QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("importEnvButton"))->isEnabled());
        for (const QString& name : store.specs().names()) {
            QVERIFY(!page.findChild<QLineEdit*>(QStringLiteral("valueEdit_") + name)->isEnabled());
            QVERIFY(page.findChild<QLabel*>(QStringLiteral("stateLabel_") + name)
                        ->text()
                        .contains(QStringLiteral("Keychain unavailable")));
        }
        QVERIFY(page.findChild<QLabel*>(QStringLiteral("secretsSummary"))
                    ->text()
                    .contains(QStringLiteral("cannot be used")));
        const QString shot = qEnvironmentVariable("QUAYSIDE_SCREENSHOT_NOSERVICE");
        if (!shot.isEmpty())
            QVERIFY(page.grab().save(shot));
    }
};

QTEST_MAIN(TestSecretsPageNoService)
#include "tst_secretspagenoservice.moc"
