#include "core/Redactor.h"
#include "keychain/Keychain.h"
#include "secrets/SecretRow.h"
#include "secrets/SecretStore.h"
#include "secrets/SecretsPage.h"
#include "widgets/MessageBox.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace quayside;
using namespace quayside::ui;

// The Secrets page against the real gnome-keyring of the test session, driven like a user would.
class TestSecretsPage : public QObject
{
    Q_OBJECT
private:
    // The real profile under a keychain service of its own, so the page looks as a user sees it and
    // parallel tests sharing the keyring cannot see each other's items.
    const QString m_service = QStringLiteral("quayside-gui-test-%1").arg(QCoreApplication::applicationPid());
    const QString m_profile = QStringLiteral("todo-chatbot");
    Keychain m_keychain { m_service, std::chrono::seconds(10) };
    std::unique_ptr<SecretStore> m_store;
    std::unique_ptr<SecretsPage> m_page;
    QTemporaryDir m_dir;
    QStringList m_values; // every value the test entered, for the "never shown" check

    template<typename T> T* find(const QString& objectName) const { return m_page->findChild<T*>(objectName); }
    QString lookup(const QString& name)
    {
        QProcess tool;
        tool.start(QStringLiteral("secret-tool"),
                   { QStringLiteral("lookup"), QStringLiteral("server"), m_service, QStringLiteral("user"),
                     m_profile + QLatin1Char('/') + name });
        if (!tool.waitForFinished(15000))
            tool.kill();
        return QString::fromUtf8(tool.readAllStandardOutput());
    }
    QString writeFile(const QString& name, const QByteArray& content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }
    QString stateText(const QString& name) const { return find<QLabel>(QStringLiteral("stateLabel_") + name)->text(); }
    QString validationText(const QString& name) const
    {
        return find<QLabel>(QStringLiteral("validationLabel_") + name)->text();
    }

    // What a person (or a screen reader) can see anywhere on the page.
    QStringList visibleTexts() const
    {
        QStringList texts;
        for (QWidget* w : m_page->findChildren<QWidget*>()) {
            texts << w->toolTip() << w->accessibleName() << w->accessibleDescription() << w->windowTitle()
                  << w->statusTip() << w->whatsThis();
            if (auto* label = qobject_cast<QLabel*>(w))
                texts << label->text();
            if (auto* button = qobject_cast<QAbstractButton*>(w))
                texts << button->text();
            if (auto* edit = qobject_cast<QLineEdit*>(w))
                texts << edit->placeholderText() << edit->displayText();
        }
        return texts;
    }
    void verifyNoValueShown()
    {
        const QString all = visibleTexts().join(QLatin1Char('\n'));
        for (const QString& value : m_values)
            QVERIFY2(!all.contains(value),
                     qPrintable(QStringLiteral("a value is visible: ") + value.left(4) + QStringLiteral("…")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Only inside tests/support/run-headless.sh (which sets QUAYSIDE_REAL_HOME): never against the
        // developer's own keyring, whose items this test writes and clears.
        if (!qEnvironmentVariableIsSet("QUAYSIDE_REAL_HOME") || qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs the private session of tests/support/run-headless.sh");
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<SecretStore>(&m_keychain, SecretSpecs::todoChatbot());
        m_page = std::make_unique<SecretsPage>(m_store.get());
        m_page->resize(1000, 900);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QTRY_COMPARE_WITH_TIMEOUT(stateText(QStringLiteral("JWT_SECRET")).contains(QStringLiteral("Not set")), true,
                                  15000);
    }

    void cleanupTestCase()
    {
        for (const QString& name : SecretSpecs::todoChatbot().names()) {
            QProcess::execute(QStringLiteral("secret-tool"),
                              { QStringLiteral("clear"), QStringLiteral("server"), m_service, QStringLiteral("user"),
                                m_profile + QLatin1Char('/') + name });
        }
    }

    void oneRowPerSecretWithNamesOnEveryControl()
    {
        for (const QString& name : m_store->specs().names()) {
            SecretRow* row = m_page->row(name);
            QVERIFY(row);
            QCOMPARE(row->objectName(), QStringLiteral("secretRow_") + name);
            QVERIFY(find<QLineEdit>(QStringLiteral("valueEdit_") + name));
            QCOMPARE(find<QLineEdit>(QStringLiteral("valueEdit_") + name)->echoMode(), QLineEdit::Password);
            QVERIFY(find<QToolButton>(QStringLiteral("revealButton_") + name));
            QVERIFY(find<QToolButton>(QStringLiteral("pasteButton_") + name));
            QVERIFY(find<QPushButton>(QStringLiteral("saveButton_") + name));
            QVERIFY(find<QPushButton>(QStringLiteral("deleteButton_") + name));
            QCOMPARE(find<QPushButton>(QStringLiteral("generateButton_") + name) != nullptr,
                     name == QLatin1String("JWT_SECRET"));
        }
        // Every control a user can reach has an object name and an accessible name.
        for (QWidget* w : m_page->findChildren<QWidget*>()) {
            if (!qobject_cast<QAbstractButton*>(w) && !qobject_cast<QLineEdit*>(w))
                continue;
            if (w->objectName().startsWith(QLatin1String("qt_")))
                continue; // Qt's own (scroll area internals)
            QVERIFY2(!w->objectName().isEmpty(), w->metaObject()->className());
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        }
        QVERIFY(find<QFrame>(QStringLiteral("keychainBanner"))->isHidden());
        QTRY_VERIFY(find<QLabel>(QStringLiteral("secretsSummary"))->text().contains(QStringLiteral("Not ready")));
    }

    void anInvalidJwtShowsAMessageAsYouType()
    {
        auto* edit = find<QLineEdit>(QStringLiteral("valueEdit_JWT_SECRET"));
        auto* save = find<QPushButton>(QStringLiteral("saveButton_JWT_SECRET"));
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("too-short-jwt"));
        m_values << QStringLiteral("too-short-jwt");
        QVERIFY2(validationText(QStringLiteral("JWT_SECRET"))
                     .contains(QStringLiteral("Too short: at least 32 characters are needed, this has 13")),
                 qPrintable(validationText(QStringLiteral("JWT_SECRET"))));
        QVERIFY(!save->isEnabled());
        QTest::keyClicks(edit, QString(19, QLatin1Char('x')));
        QVERIFY(validationText(QStringLiteral("JWT_SECRET")).contains(QStringLiteral("32 characters.")));
        QVERIFY(save->isEnabled());
        verifyNoValueShown();
    }

    void revealOnlyWhileHeld()
    {
        auto* edit = find<QLineEdit>(QStringLiteral("valueEdit_JWT_SECRET"));
        auto* reveal = find<QToolButton>(QStringLiteral("revealButton_JWT_SECRET"));
        QTest::mousePress(reveal, Qt::LeftButton);
        QCOMPARE(edit->echoMode(), QLineEdit::Normal);
        QTest::mouseRelease(reveal, Qt::LeftButton);
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
    }

    void generateMakes64ValidCharactersAndSaveStoresThem()
    {
        auto* edit = find<QLineEdit>(QStringLiteral("valueEdit_JWT_SECRET"));
        QTest::mouseClick(find<QPushButton>(QStringLiteral("generateButton_JWT_SECRET")), Qt::LeftButton);
        const QString generated = edit->text();
        m_values << generated;
        QCOMPARE(generated.size(), 64);
        QVERIFY(validationText(QStringLiteral("JWT_SECRET")).contains(QStringLiteral("64 characters.")));
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        QTest::mouseClick(find<QPushButton>(QStringLiteral("saveButton_JWT_SECRET")), Qt::LeftButton);
        QVERIFY(edit->text().isEmpty());
        QVERIFY(!edit->isUndoAvailable());
        QTRY_VERIFY_WITH_TIMEOUT(stateText(QStringLiteral("JWT_SECRET")).contains(QStringLiteral("Set")), 15000);
        QCOMPARE(lookup(QStringLiteral("JWT_SECRET")), generated);
        QCOMPARE(Redactor::instance().redact(generated), QStringLiteral("***"));
        verifyNoValueShown();
    }

    void pasteDropsTheTrailingLineBreakAndEnterSaves()
    {
        QGuiApplication::clipboard()->setText(QStringLiteral("sk-proj-pasted-0123456789\n"));
        m_values << QStringLiteral("sk-proj-pasted-0123456789");
        QTest::mouseClick(find<QToolButton>(QStringLiteral("pasteButton_OPENAI_API_KEY")), Qt::LeftButton);
        auto* edit = find<QLineEdit>(QStringLiteral("valueEdit_OPENAI_API_KEY"));
        QCOMPARE(edit->text(), QStringLiteral("sk-proj-pasted-0123456789"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(stateText(QStringLiteral("OPENAI_API_KEY")).contains(QStringLiteral("Set")), 15000);
        QCOMPARE(lookup(QStringLiteral("OPENAI_API_KEY")), QStringLiteral("sk-proj-pasted-0123456789"));
        QGuiApplication::clipboard()->clear();
    }

    void importUpdatesRowsAndListsUnknownKeys()
    {
        const QString path = writeFile(
            QStringLiteral("backend.env"),
            "# exported from the Neon console\r\n"
            "DATABASE_URL=\"postgresql://neondb_owner:npg_GuiP4ss@ep-gui.neon.tech/neondb?sslmode=require\"\r\n"
            "export CLOUDINARY_CLOUD_NAME=my-cloud-name\r\n"
            "LOG_LEVEL=INFO\r\n"
            "CLOUDINARY_API_KEY='1111222233334444'\r\n"
            "CLOUDINARY_API_KEY='5555666677778888'\r\n");
        m_values << QStringLiteral("npg_GuiP4ss") << QStringLiteral("1111222233334444")
                 << QStringLiteral("5555666677778888");
        QSignalSpy done(m_page.get(), &SecretsPage::importFinished);
        m_page->importFile(path);
        QVERIFY(done.wait(15000));
        QCOMPARE(done.at(0).at(0).toBool(), true);
        for (const char* name : { "DATABASE_URL", "CLOUDINARY_CLOUD_NAME", "CLOUDINARY_API_KEY" })
            QTRY_VERIFY(stateText(QString::fromLatin1(name)).contains(QStringLiteral("Set")));
        QCOMPARE(lookup(QStringLiteral("CLOUDINARY_API_KEY")), QStringLiteral("5555666677778888"));
        const QString result = find<QLabel>(QStringLiteral("importResultLabel"))->text();
        QVERIFY2(result.contains(QStringLiteral("Imported 3 secrets from backend.env")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("not imported (not secrets of this profile): LOG_LEVEL")),
                 qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("CLOUDINARY_API_KEY is set again")), qPrintable(result));
        QVERIFY(lookup(QStringLiteral("LOG_LEVEL")).isEmpty());
        QVERIFY(find<QLabel>(QStringLiteral("secretsSummary"))->text().contains(QStringLiteral("Ready.")));
        verifyNoValueShown();
    }

    void screenshot()
    {
        // For README and the lead: QUAYSIDE_SCREENSHOT=/path.png saves the page as it is now.
        const QString path = qEnvironmentVariable("QUAYSIDE_SCREENSHOT");
        if (path.isEmpty())
            QSKIP("set QUAYSIDE_SCREENSHOT to save one");
        auto* edit = find<QLineEdit>(QStringLiteral("valueEdit_GEMINI_API_KEY"));
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("AIza has spaces"));
        QVERIFY(m_page->grab().save(path));
        edit->setText(QString());
    }

    void aMalformedFileImportsNothing()
    {
        const QString path = writeFile(QStringLiteral("broken.env"),
                                       "GEMINI_API_KEY=AIza-should-not-arrive\nthis line has no equals sign\n");
        m_values << QStringLiteral("AIza-should-not-arrive");
        QSignalSpy done(m_page.get(), &SecretsPage::importFinished);
        m_page->importFile(path);
        QVERIFY(done.wait(5000));
        QCOMPARE(done.at(0).at(0).toBool(), false);
        const QString result = find<QLabel>(QStringLiteral("importResultLabel"))->text();
        QVERIFY2(result.contains(QStringLiteral("Nothing was imported from broken.env")), qPrintable(result));
        QVERIFY(result.contains(QStringLiteral("line 2: expected NAME=VALUE")));
        QTest::qWait(300);
        QVERIFY(lookup(QStringLiteral("GEMINI_API_KEY")).isEmpty());
        QVERIFY(stateText(QStringLiteral("GEMINI_API_KEY")).contains(QStringLiteral("Not set")));
        verifyNoValueShown();
    }

    void deleteAsksThenRemoves()
    {
        MessageBox::setNextAnswer(false);
        QTest::mouseClick(find<QPushButton>(QStringLiteral("deleteButton_OPENAI_API_KEY")), Qt::LeftButton);
        QTest::qWait(200);
        QVERIFY(stateText(QStringLiteral("OPENAI_API_KEY")).contains(QStringLiteral("Set")));
        MessageBox::setNextAnswer(true);
        QTest::mouseClick(find<QPushButton>(QStringLiteral("deleteButton_OPENAI_API_KEY")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(stateText(QStringLiteral("OPENAI_API_KEY")).contains(QStringLiteral("Not set")),
                                 15000);
        QVERIFY(lookup(QStringLiteral("OPENAI_API_KEY")).isEmpty());
        QVERIFY(!find<QPushButton>(QStringLiteral("deleteButton_OPENAI_API_KEY"))->isEnabled());
    }
};

QTEST_MAIN(TestSecretsPage)
#include "tst_secretspage.moc"
