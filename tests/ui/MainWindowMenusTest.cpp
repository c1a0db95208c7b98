// The native window (issue 15): the menu bar's actions and shortcuts, View → Refresh per page, the
// About dialog fed by the doctor's report, and the status bar following the target and the watch. The
// real AppController over the pipeline's rig: stand-in tools and the fake API server.
#include "AppController.h"
#include "DeployRig.h"
#include "MainWindow.h"
#include "about/AboutDialog.h"
#include "core/Log.h"
#include "doctor/Doctor.h"
#include "help/HelpLinks.h"
#include "kube/InformerSet.h"
#include "session/ClusterSession.h"
#include "status/ClusterStatus.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;
using namespace quayside::ui;
using quayside::test::DeployRig;

class TestMainWindowMenus : public QObject
{
    Q_OBJECT

    QTemporaryDir m_logs;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<DeployRig> m_rig;
    std::unique_ptr<Preferences> m_preferences;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<AppController> m_controller;
    QList<QUrl> m_opened;

    MainWindow* window() const { return m_controller->window(); }

    void buildController()
    {
        m_controller.reset();
        m_workspace.reset();
        m_preferences = std::make_unique<Preferences>(m_settingsDir.filePath(QStringLiteral("quayside.ini")));
        WorkspaceOverrides overrides;
        overrides.kubeconfigFiles = { m_rig->server()->kubeconfigPath() };
        overrides.profileFile = m_rig->profilePath();
        m_workspace = std::make_unique<Workspace>(m_preferences.get(), overrides);
        m_workspace->load();
        AppController::Options options;
        options.runner = m_rig->runner();
        options.keychainService = QStringLiteral("quayside-menus-test");
        options.openUrl = [this](const QUrl& url) { m_opened << url; };
        m_controller = std::make_unique<AppController>(m_workspace.get(), options);
        m_controller->build();
        window()->resize(1280, 820);
        window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(window()));
        window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window()));
    }

    static void save(const QPixmap& image, const QString& name)
    {
        const QString dir = qEnvironmentVariable("QUAYSIDE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
        QVERIFY(image.save(path));
        std::printf("screenshot: %s\n", qPrintable(path));
    }

    QString pageName() const { return window()->page(window()->currentPage())->objectName(); }

private Q_SLOTS:
    void initTestCase() { log::initialize({ .directory = m_logs.path(), .verbose = false, .toStderr = false }); }

    void init()
    {
        DeployRig::Options options;
        options.keychainService = QStringLiteral("quayside-menus-test");
        m_rig = std::make_unique<DeployRig>(options);
        QString error;
        QVERIFY2(m_rig->setUp(&error), qPrintable(error));
        m_opened.clear();
    }

    void cleanup()
    {
        m_controller.reset();
        m_workspace.reset();
        m_preferences.reset();
        m_rig.reset();
    }

    // File, View and Help hold their actions with the desktop's shortcuts; Ctrl+1…Ctrl+5 switch pages
    // in sidebar order and the View menu's check follows the sidebar.
    void menusAndShortcuts()
    {
        buildController();
        QStringList menus;
        for (QAction* action : window()->menuBar()->actions())
            menus << action->text();
        QCOMPARE(menus, (QStringList { QStringLiteral("&File"), QStringLiteral("&View"), QStringLiteral("&Help") }));
        QVERIFY(window()->openProfileAction()->shortcuts().contains(QKeySequence(QKeySequence::Open)));
        QVERIFY(window()->settingsAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)));
        QVERIFY(window()->quitAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Q)));
        QCOMPARE(window()->refreshAction()->shortcut(), QKeySequence(Qt::Key_F5));
        QVERIFY(window()->fullScreenAction()->shortcuts().contains(QKeySequence(Qt::Key_F11)));
        QVERIFY(window()->fullScreenAction()->isCheckable());
        QVERIFY(window()->findChild<QAction*>(QStringLiteral("aboutQtAction")));

        const QStringList pages { QStringLiteral("prerequisitesPage"), QStringLiteral("secretsPage"),
                                  QStringLiteral("buildDeployPage"), QStringLiteral("dashboardPage"),
                                  QStringLiteral("askAiPage") };
        for (int i = pages.size() - 1; i >= 0; --i) {
            QAction* action = window()->pageAction(i);
            QVERIFY(action);
            QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
            QVERIFY(window()->viewMenu()->actions().contains(action));
            QTest::keyClick(window(), Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
            QCOMPARE(pageName(), pages.at(i));
            QVERIFY(action->isChecked());
        }
        // The sidebar with the arrows, as a keyboard user moves.
        auto* sidebar = window()->findChild<QWidget*>(QStringLiteral("sidebar"));
        sidebar->setFocus();
        QTest::keyClick(sidebar, Qt::Key_Down);
        QCOMPARE(pageName(), pages.at(1));
        QVERIFY(window()->pageAction(1)->isChecked());

        // Help opens the README and the troubleshooting guide (the source tree's in a build tree).
        window()->documentationAction()->trigger();
        window()->troubleshootingAction()->trigger();
        QCOMPARE(m_opened.size(), 2);
        QVERIFY2(m_opened.at(0).toString().endsWith(QLatin1String("README.md")), qPrintable(m_opened.at(0).toString()));
        QVERIFY2(m_opened.at(1).toString().endsWith(QLatin1String("k8s-templates/TROUBLESHOOTING.md")),
                 qPrintable(m_opened.at(1).toString()));
        QCOMPARE(HelpLinks::firstExisting({ QStringLiteral("/nonexistent/README.md") }, HelpLinks::projectUrl()),
                 HelpLinks::projectUrl());

        // The View menu open over the window, as a user sees it.
        QMenu* view = window()->viewMenu();
        const QRect entry = window()->menuBar()->actionGeometry(view->menuAction());
        view->popup(window()->menuBar()->mapToGlobal(entry.bottomLeft()));
        QTRY_VERIFY(view->isVisible());
        QApplication::processEvents();
        QPixmap image = window()->grab();
        {
            QPainter painter(&image);
            painter.drawPixmap(window()->mapFromGlobal(view->mapToGlobal(QPoint(0, 0))), view->grab());
        }
        save(image, QStringLiteral("window-menus"));
        view->hide();

        // Quit closes the window, which saves where the user was.
        window()->quitAction()->trigger();
        QTRY_VERIFY(!window()->isVisible());
        QCOMPARE(m_preferences->lastPage(), pages.at(1));
    }

    // F5 shows the current page's data again: the doctor on Prerequisites, a relist on the Dashboard.
    void refreshFollowsThePage()
    {
        buildController();
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->doctor()->isRunning(), 30000);
        window()->showPage(window()->pageIndex(QStringLiteral("prerequisitesPage")));
        QVERIFY(window()->refreshAction()->isEnabled());
        QSignalSpy started(m_controller->doctor(), &Doctor::started);
        QTest::keyClick(window(), Qt::Key_F5);
        QCOMPARE(started.count(), 1);

        window()->showPage(window()->pageIndex(QStringLiteral("dashboardPage")));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->session()->informers()->hasSynced(), 10000);
        QSignalSpy refreshed(m_controller.get(), &AppController::clusterRefreshed);
        m_rig->server()->clearRequests();
        QTest::keyClick(window(), Qt::Key_F5);
        QCOMPARE(refreshed.count(), 1);
        QVERIFY(refreshed.first().first().toBool());
        // A relist really went to the server.
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_rig->server()->requestsMatching(QStringLiteral("GET"), QStringLiteral("/pods")).isEmpty(), 10000);
        QCOMPARE(started.count(), 1); // the doctor was not run again from the Dashboard
    }

    // About shows Quayside's and Qt's versions and the tools' versions of the doctor's last report,
    // without running the tools again.
    void aboutShowsTheDoctorsVersions()
    {
        QFile version(QStringLiteral(QUAYSIDE_TESTS_DIR "/doctor/fixtures/kubectl-version-with-server.json"));
        QVERIFY(version.open(QIODevice::ReadOnly));
        m_rig->tools().addPrinting(QStringLiteral("kubectl"), QString::fromUtf8(version.readAll()));
        buildController();
        m_controller->doctor()->run();
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->doctor()->isRunning(), 30000);
        const DoctorReport report = m_controller->doctor()->report();
        const int callsBefore = int(m_rig->tools().calls().size());

        window()->aboutAction()->trigger();
        AboutDialog* about = m_controller->aboutDialog();
        QVERIFY(about);
        QTRY_VERIFY(about->isVisible());
        QVERIFY(!about->isModal());
        const QString text = about->versionsText();
        QVERIFY2(text.contains(QStringLiteral("Quayside " QUAYSIDE_VERSION)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("built with Qt " QT_VERSION_STR)), qPrintable(text));
        int versions = 0;
        for (const CheckResult& check : report.checks) {
            if (!AboutDialog::toolIds().contains(check.id))
                continue;
            QVERIFY2(text.contains(check.id), qPrintable(check.id));
            if (!check.version.isEmpty()) {
                ++versions;
                QVERIFY2(text.contains(check.version), qPrintable(check.id + QLatin1Char(' ') + check.version));
            }
        }
        QVERIFY(versions > 0);
        QVERIFY2(text.contains(QStringLiteral("1.32.4")), qPrintable(text)); // kubectl's, from the stand-in
        QCOMPARE(int(m_rig->tools().calls().size()), callsBefore);

        // A second trigger raises the same dialog.
        window()->aboutAction()->trigger();
        QCOMPARE(m_controller->aboutDialog(), about);
        QApplication::processEvents();
        save(about->grab(), QStringLiteral("about"));
        about->close();
        QTRY_VERIFY(!m_controller->aboutDialog());
    }

    // The status bar says which context / namespace every page acts on and how the watch is doing; it
    // follows a namespace switch and a server that goes away.
    void statusBarFollowsTargetAndConnection()
    {
        buildController();
        ClusterStatus* status = m_controller->clusterStatus();
        QVERIFY(status);
        QVERIFY(window()->statusBar()->isAncestorOf(status));
        auto* target = status->findChild<QLabel*>(QStringLiteral("statusTarget"));
        auto* watch = status->findChild<QLabel*>(QStringLiteral("statusWatch"));
        const QString context = m_workspace->target().context;
        QVERIFY(target->text().contains(QStringLiteral("%1 / %2").arg(context, m_workspace->target().nameSpace)));
        QTRY_COMPARE_WITH_TIMEOUT(watch->text(), QStringLiteral("Watch: connected"), 15000);

        m_workspace->setNamespace(QStringLiteral("staging"));
        QVERIFY2(target->text().contains(QStringLiteral("%1 / staging").arg(context)), qPrintable(target->text()));
        QTRY_COMPARE_WITH_TIMEOUT(watch->text(), QStringLiteral("Watch: connected"), 15000);

        m_rig->server()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(watch->text() == QStringLiteral("Watch: reconnecting")
                                     || watch->text() == QStringLiteral("Watch: disconnected"),
                                 30000);
        QApplication::processEvents();
        save(window()->grab(), QStringLiteral("window-statusbar"));
    }
};

QTEST_MAIN(TestMainWindowMenus)
#include "MainWindowMenusTest.moc"
