// Every interactive control of every page (and of the window's dialogs) has a name a screen reader
// can say: the test asks Qt's accessibility layer itself (QAccessibleInterface::text(Name)), so a
// button's text or a label's buddy counts only when Qt really exposes it as the name.
#include "AppController.h"
#include "DeployRig.h"
#include "MainWindow.h"
#include "about/AboutDialog.h"
#include "core/Log.h"
#include "doctor/Doctor.h"
#include "settings/SettingsDialog.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

using namespace quayside;
using namespace quayside::ui;
using quayside::test::DeployRig;

namespace {

bool isInteractive(const QWidget* widget)
{
    return qobject_cast<const QAbstractButton*>(widget) || qobject_cast<const QLineEdit*>(widget)
        || qobject_cast<const QComboBox*>(widget) || qobject_cast<const QAbstractSpinBox*>(widget)
        || qobject_cast<const QAbstractItemView*>(widget) || qobject_cast<const QPlainTextEdit*>(widget)
        || qobject_cast<const QTextEdit*>(widget);
}

// The parts Qt composes a control from (a combo box's line edit and popup list, a spin box's line
// edit, a tab bar's scroll arrows, a line edit's clear button, the menu bar's overflow arrow, a
// table's header): the control they belong to carries the name.
bool isPartOfAnotherControl(const QWidget* widget)
{
    if (qobject_cast<const QHeaderView*>(widget))
        return true;
    for (const QObject* p = widget->parent(); p; p = p->parent()) {
        if (qobject_cast<const QComboBox*>(p) || qobject_cast<const QAbstractSpinBox*>(p)
            || qobject_cast<const QTabBar*>(p) || qobject_cast<const QLineEdit*>(p) || qobject_cast<const QMenuBar*>(p))
            return true;
        if (qobject_cast<const QAbstractItemView*>(p)
            && widget->parent() == static_cast<const QAbstractItemView*>(p)->viewport())
            return false; // an index widget: a control of its own
    }
    // A scroll area's corner widgets and the like have no text of their own; they are not reached by Tab.
    return widget->focusPolicy() == Qt::NoFocus && qobject_cast<const QAbstractButton*>(widget)
        && static_cast<const QAbstractButton*>(widget)->text().isEmpty()
        && static_cast<const QAbstractButton*>(widget)->icon().isNull();
}

QString describe(const QWidget* widget)
{
    QStringList chain;
    for (const QWidget* w = widget; w; w = w->parentWidget()) {
        if (!w->objectName().isEmpty()) {
            chain.prepend(w->objectName());
            if (w->objectName().endsWith(QLatin1String("Page")) || w->isWindow())
                break;
        }
    }
    return QStringLiteral("%1 (%2)").arg(QString::fromLatin1(widget->metaObject()->className()),
                                         chain.join(QLatin1String(" > ")));
}

// Every unnamed control under `root`, described.
QStringList unnamed(const QWidget* root)
{
    QStringList missing;
    for (QWidget* widget : root->findChildren<QWidget*>()) {
        if (!isInteractive(widget) || isPartOfAnotherControl(widget))
            continue;
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
        const QString name = accessible ? accessible->text(QAccessible::Name).trimmed() : QString();
        if (name.isEmpty())
            missing << describe(widget);
    }
    missing.removeDuplicates();
    return missing;
}

} // namespace

class TestAccessibleNames : public QObject
{
    Q_OBJECT

    QTemporaryDir m_logs;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<DeployRig> m_rig;
    std::unique_ptr<Preferences> m_preferences;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<AppController> m_controller;

private Q_SLOTS:
    void initTestCase()
    {
        log::initialize({ .directory = m_logs.path(), .verbose = false, .toStderr = false });
        DeployRig::Options options;
        options.keychainService = QStringLiteral("quayside-accessible-names-test");
        m_rig = std::make_unique<DeployRig>(options);
        QString error;
        QVERIFY2(m_rig->setUp(&error), qPrintable(error));
        m_preferences = std::make_unique<Preferences>(m_settingsDir.filePath(QStringLiteral("quayside.ini")));
        WorkspaceOverrides overrides;
        overrides.kubeconfigFiles = { m_rig->server()->kubeconfigPath() };
        overrides.profileFile = m_rig->profilePath();
        m_workspace = std::make_unique<Workspace>(m_preferences.get(), overrides);
        m_workspace->load();
        AppController::Options controllerOptions;
        controllerOptions.runner = m_rig->runner();
        controllerOptions.keychainService = options.keychainService;
        controllerOptions.openUrl = [](const QUrl&) {};
        m_controller = std::make_unique<AppController>(m_workspace.get(), controllerOptions);
        m_controller->build();
        m_controller->window()->resize(1280, 820);
        m_controller->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_controller->window()));
        // Rows that appear once the doctor, the keychain and the cluster have answered are walked too.
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->doctor()->isRunning(), 30000);
    }

    void cleanupTestCase()
    {
        m_controller.reset();
        m_workspace.reset();
        m_preferences.reset();
        m_rig.reset();
    }

    void everyPage_data()
    {
        QTest::addColumn<QString>("page");
        for (const char* page : { "prerequisitesPage", "secretsPage", "buildDeployPage", "dashboardPage", "askAiPage" })
            QTest::newRow(page) << QString::fromLatin1(page);
    }

    void everyPage()
    {
        QFETCH(QString, page);
        MainWindow* window = m_controller->window();
        const int index = window->pageIndex(page);
        QVERIFY(index >= 0);
        window->showPage(index);
        QApplication::processEvents();
        const QStringList missing = unnamed(window->page(index));
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("no accessible name:\n  ") + missing.join(QStringLiteral("\n  "))));
    }

    // The frame: the sidebar and the Settings button.
    void theFrame()
    {
        MainWindow* window = m_controller->window();
        QStringList missing;
        for (const QString& name : unnamed(window)) {
            if (!name.contains(QLatin1String("Page")))
                missing << name;
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("no accessible name:\n  ") + missing.join(QStringLiteral("\n  "))));
    }

    void theDialogs()
    {
        m_controller->openSettings();
        QTRY_VERIFY(m_controller->settingsDialog());
        QStringList missing = unnamed(m_controller->settingsDialog());
        m_controller->settingsDialog()->reject();
        m_controller->openAbout();
        QVERIFY(m_controller->aboutDialog());
        missing << unnamed(m_controller->aboutDialog());
        m_controller->aboutDialog()->close();
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("no accessible name:\n  ") + missing.join(QStringLiteral("\n  "))));
    }

    // Tab reaches the sidebar and moves on into the page, and the sidebar moves with the arrows.
    void keyboardReachesThePages()
    {
        MainWindow* window = m_controller->window();
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
        auto* sidebar = window->findChild<QWidget*>(QStringLiteral("sidebar"));
        QVERIFY(sidebar->focusPolicy() & Qt::TabFocus);
        sidebar->setFocus(Qt::TabFocusReason);
        window->showPage(0);
        for (int i = 1; i < 5; ++i) {
            QTest::keyClick(sidebar, Qt::Key_Down);
            QCOMPARE(window->currentPage(), i);
        }
        QTest::keyClick(sidebar, Qt::Key_Tab);
        QWidget* focused = QApplication::focusWidget();
        QVERIFY(focused);
        QVERIFY2(focused != sidebar, "Tab must leave the sidebar");
    }
};

QTEST_MAIN(TestAccessibleNames)
#include "AccessibleNamesTest.moc"
