// The diagnosis in the real window: the test API server runs a scenario, the AppController builds the
// dashboard over it, and the health summary, the badges, the Problems tab and the one-click actions
// (confirmed by the test) are driven as a user would. With QUAYSIDE_SCREENSHOT_DIR set it also writes
// the README's screenshots of the Problems tab.
#include "problems/ProblemsPanel.h"

#include "AppController.h"
#include "FakeApiServerThread.h"
#include "MainWindow.h"
#include "Theme.h"
#include "core/Log.h"
#include "dashboard/DashboardHeader.h"
#include "dashboard/DashboardPage.h"
#include "dashboard/PodTableModel.h"
#include "diagnosis/LiveDiagnosis.h"
#include "problems/FindingsModel.h"
#include "process/ProcessToolRunner.h"
#include "secrets/SecretRow.h"
#include "secrets/SecretsPage.h"
#include "widgets/MessageBox.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;
using namespace quayside::ui;
using quayside::test::FakeApiServer;
using quayside::test::FakeApiServerThread;
using quayside::test::Scenario;

class TestProblemsPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FakeApiServerThread> m_fake;
    std::unique_ptr<ProcessToolRunner> m_runner;
    std::unique_ptr<Preferences> m_preferences;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<AppController> m_controller;

    void startWindow(const Scenario& scenario)
    {
        m_fake = std::make_unique<FakeApiServerThread>();
        FakeApiServer::Options options;
        options.contextNamespace = QStringLiteral("todo-app");
        options.scenario = scenario;
        options.scenarioAgeSeconds = 900;
        QVERIFY2(m_fake->start(options), qPrintable((*m_fake)->errorString()));
        m_preferences = std::make_unique<Preferences>(m_dir.filePath(QStringLiteral("quayside.ini")));
        WorkspaceOverrides overrides;
        overrides.kubeconfigFiles = { (*m_fake)->kubeconfigPath() };
        m_workspace = std::make_unique<Workspace>(m_preferences.get(), overrides);
        m_workspace->load();
        QVERIFY2(m_workspace->hasProfile(), qPrintable(m_workspace->profileProblem()));
        m_runner = std::make_unique<ProcessToolRunner>();
        AppController::Options controllerOptions;
        controllerOptions.runner = m_runner.get();
        controllerOptions.firstPage = QStringLiteral("dashboard");
        controllerOptions.keychainService = QStringLiteral("quayside-problems-test");
        m_controller = std::make_unique<AppController>(m_workspace.get(), controllerOptions);
        m_controller->build();
        m_controller->window()->resize(1440, 900);
        m_controller->window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_controller->window()));
        QTRY_VERIFY_WITH_TIMEOUT(dashboard()->diagnosis() && dashboard()->diagnosis()->hasSynced(), 15000);
    }

    DashboardPage* dashboard() const { return m_controller->dashboardPage(); }

    QString podOf(const QString& deployment) const
    {
        for (int row = 0; row < dashboard()->podModel()->rowCount(); ++row) {
            const kube::PodSummary* pod = dashboard()->podModel()->summaryAt(row);
            if (pod && pod->deployment == deployment)
                return pod->name;
        }
        return {};
    }

    void screenshot(const QString& name)
    {
        const QString dir = qEnvironmentVariable("QUAYSIDE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QApplication::processEvents();
        const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
        QVERIFY(m_controller->window()->grab().save(path));
        std::printf("screenshot: %s\n", qPrintable(path));
    }

    QPushButton* actionButton(const QString& title) const
    {
        for (QPushButton* button : dashboard()->problems()->actionButtons()) {
            if (button->accessibleName() == title || button->text() == title)
                return button;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        log::initialize({ .directory = m_dir.filePath(QStringLiteral("logs")), .verbose = false, .toStderr = false });
    }

    void cleanup()
    {
        m_controller.reset();
        m_workspace.reset();
        m_preferences.reset();
        m_fake.reset();
    }

    // A healthy namespace says so, and nothing carries a badge.
    void healthyNamespace()
    {
        startWindow(Scenario::todoApp());
        QPushButton* health = dashboard()->header()->healthButton();
        QTRY_COMPARE_WITH_TIMEOUT(health->text(), QStringLiteral("All healthy"), 15000);
        QCOMPARE(dashboard()->findingsModel()->problemCount(), 0);
        QTest::mouseClick(health, Qt::LeftButton);
        QVERIFY(dashboard()->problems()->isVisible());
        QVERIFY(dashboard()->problems()->findChild<QLabel*>(QStringLiteral("problemsEmpty"))->isVisible());
    }

    // A backend that crash-loops because DATABASE_URL is missing: the summary in the header, a badge on
    // the pod and the card, the Problems tab with the log line that proves it, and the fixes.
    void crashLoopMissingSecretKey()
    {
        startWindow(Scenario::crashLoop());
        QPushButton* health = dashboard()->header()->healthButton();
        QTRY_VERIFY_WITH_TIMEOUT(
            health->text().endsWith(QLatin1String("problems")) || health->text() == QLatin1String("1 problem"), 15000);
        const QString pod = podOf(QStringLiteral("backend"));
        QVERIFY(!pod.isEmpty());
        // The previous log arrives after the first evaluation: the finding then names the key.
        QTRY_VERIFY_WITH_TIMEOUT(dashboard()->podModel()->problemOf(pod).contains(QLatin1String("DATABASE_URL")),
                                 15000);
        auto* card = dashboard()->findChild<QPushButton*>(QStringLiteral("diagnose_backend"));
        QVERIFY(card);
        QTRY_VERIFY(card->isVisible());

        // Diagnose on the card opens the tab on the deployment; the pod's finding is one click away.
        QTest::mouseClick(card, Qt::LeftButton);
        auto* tabs = dashboard()->findChild<QTabWidget*>(QStringLiteral("dashboardTabs"));
        QCOMPARE(tabs->currentWidget(), dashboard()->problems());
        dashboard()->showProblems(QStringLiteral("Pod"), pod);
        const diagnosis::Finding* finding = dashboard()->problems()->currentFinding();
        QVERIFY(finding);
        QCOMPARE(finding->objectName, pod);
        const QString evidence = dashboard()->problems()->evidenceView()->toPlainText();
        QVERIFY2(evidence.contains(QLatin1String("DATABASE_URL")), qPrintable(evidence));
        QVERIFY2(evidence.contains(QLatin1String("exit code 1")), qPrintable(evidence));
        screenshot(QStringLiteral("problems-crashloop"));

        // "Set DATABASE_URL": confirmed, it opens the Secrets page with the cursor in that key's field.
        QPushButton* openSecrets = nullptr;
        for (QPushButton* b : dashboard()->problems()->actionButtons()) {
            if (b->text().contains(QLatin1String("Secrets page")))
                openSecrets = b;
        }
        QVERIFY(openSecrets);
        MessageBox::setNextAnswer(true);
        QTest::mouseClick(openSecrets, Qt::LeftButton);
        MainWindow* window = m_controller->window();
        QTRY_COMPARE(window->page(window->currentPage())->objectName(), QStringLiteral("secretsPage"));
        // The window's focus widget (hasFocus() also needs an active window, which offscreen may not be).
        QLineEdit* field = m_controller->secretsPage()->row(QStringLiteral("DATABASE_URL"))->valueEdit();
        QTRY_COMPARE_WITH_TIMEOUT(field->window()->focusWidget(), static_cast<QWidget*>(field), 10000);

        // "Delete pod": the confirmation names the command; the API gets the DELETE; a new pod replaces it.
        window->showPage(window->pageIndex(QStringLiteral("dashboardPage")));
        dashboard()->showProblems(QStringLiteral("Pod"), pod);
        QPushButton* remove = actionButton(QStringLiteral("Delete pod"));
        QVERIFY(remove);
        const int asked = MessageBox::questionsAsked();
        MessageBox::setNextAnswer(true);
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(MessageBox::questionsAsked(), asked + 1);
        QVERIFY2(MessageBox::lastQuestion().contains(QStringLiteral("kubectl -n todo-app delete pod ") + pod),
                 qPrintable(MessageBox::lastQuestion()));
        QTRY_VERIFY_WITH_TIMEOUT(!(*m_fake)->requestsMatching(QStringLiteral("DELETE"), pod).isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard()->problems()->actionResult()->text().contains(QLatin1String("Deleted")),
                                 10000);

        // Declining a confirmation runs nothing.
        dashboard()->showProblems(QStringLiteral("Deployment"), QStringLiteral("backend"));
        QPushButton* restart = actionButton(QStringLiteral("Restart deployment"));
        if (restart) {
            const auto patches
                = (*m_fake)->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("deployments/backend")).size();
            MessageBox::setNextAnswer(false);
            QTest::mouseClick(restart, Qt::LeftButton);
            QTest::qWait(300);
            QCOMPARE((*m_fake)->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("deployments/backend")).size(),
                     patches);
        }
    }

    // The frontend's image was never loaded into minikube: the finding names the image and the pull
    // policy, and its fix is the Build & Deploy pipeline (confirmed first).
    // The dashboard over the crash-looping backend in both schemes (the README's theme screenshots),
    // switched through Settings' preference as a user would; then the Problems tab rendered at a device
    // pixel ratio of 2: twice the pixels in each direction, drawn at that density.
    void themesAndHighDpi()
    {
        startWindow(Scenario::crashLoop());
        const QString pod = podOf(QStringLiteral("backend"));
        QVERIFY(!pod.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(dashboard()->podModel()->problemOf(pod).contains(QLatin1String("DATABASE_URL")),
                                 15000);
        m_preferences->setTheme(Preferences::Theme::Dark);
        QTRY_VERIFY(Theme::instance()->isDark());
        QCOMPARE(QApplication::palette().color(QPalette::Base),
                 Theme::palette(Theme::Scheme::Dark).color(QPalette::Base));
        screenshot(QStringLiteral("dashboard-dark"));
        m_preferences->setTheme(Preferences::Theme::Light);
        QTRY_VERIFY(!Theme::instance()->isDark());
        screenshot(QStringLiteral("dashboard-light"));

        dashboard()->showProblems(QStringLiteral("Pod"), pod);
        QWidget* window = m_controller->window();
        QImage image(window->size() * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2.0);
        image.fill(Qt::transparent);
        window->render(&image);
        QCOMPARE(image.devicePixelRatio(), 2.0);
        QCOMPARE(image.size(), window->size() * 2);
        QCOMPARE(image.deviceIndependentSize().toSize(), window->size());
        if (const QString dir = qEnvironmentVariable("QUAYSIDE_SCREENSHOT_DIR"); !dir.isEmpty()) {
            const QString path = dir + QStringLiteral("/problems-2x.png");
            QVERIFY(image.save(path));
            std::printf("screenshot: %s\n", qPrintable(path));
        }
        m_preferences->setTheme(Preferences::Theme::System);
    }

    void imageNotLoaded()
    {
        startWindow(Scenario::imageNotLoaded());
        const QString pod = podOf(QStringLiteral("frontend"));
        QVERIFY(!pod.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard()->podModel()->problemOf(pod).isEmpty(), 15000);
        dashboard()->showProblems(QStringLiteral("Pod"), pod);
        const diagnosis::Finding* finding = dashboard()->problems()->currentFinding();
        QVERIFY(finding);
        QCOMPARE(finding->rule, QStringLiteral("image-not-present"));
        QVERIFY2(finding->summary.contains(QLatin1String("todo-frontend")), qPrintable(finding->summary));
        QVERIFY2(dashboard()->problems()->evidenceView()->toPlainText().contains(QLatin1String("ErrImageNeverPull")),
                 qPrintable(dashboard()->problems()->evidenceView()->toPlainText()));
        screenshot(QStringLiteral("problems-image-not-loaded"));
        QPushButton* rebuild = nullptr;
        for (QPushButton* b : dashboard()->problems()->actionButtons()) {
            if (b->text().contains(QLatin1String("uild")))
                rebuild = b;
        }
        QVERIFY(rebuild);
        MessageBox::setNextAnswer(false); // declined: nothing runs, the user stays here
        QTest::mouseClick(rebuild, Qt::LeftButton);
        QTest::qWait(100);
        MainWindow* window = m_controller->window();
        QCOMPARE(window->page(window->currentPage())->objectName(), QStringLiteral("dashboardPage"));
        MessageBox::setNextAnswer(true);
        QTest::mouseClick(rebuild, Qt::LeftButton);
        QTRY_COMPARE(window->page(window->currentPage())->objectName(), QStringLiteral("buildDeployPage"));
    }

    // OOMKilled: the fix is a Helm upgrade of that one value; the confirmation shows the command, and
    // its outcome (here: no helm on this PATH) is reported where the user clicked.
    void oomKilledRaisesTheLimitThroughHelm()
    {
        startWindow(Scenario::oomKilled());
        const QString pod = podOf(QStringLiteral("backend"));
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard()->podModel()->problemOf(pod).isEmpty(), 15000);
        dashboard()->showProblems(QStringLiteral("Pod"), pod);
        QCOMPARE(dashboard()->problems()->currentFinding()->rule, QStringLiteral("oom-killed"));
        QPushButton* raise = nullptr;
        for (QPushButton* b : dashboard()->problems()->actionButtons()) {
            if (b->text().contains(QLatin1String("limit")))
                raise = b;
        }
        QVERIFY(raise);
        MessageBox::setNextAnswer(true);
        QTest::mouseClick(raise, Qt::LeftButton);
        QTRY_VERIFY(MessageBox::lastQuestion().contains(
            QLatin1String("--reuse-values --set backend.resources.limits.memory=")));
        QVERIFY2(MessageBox::lastQuestion().contains(QLatin1String("k8s-templates/helm/todo-chatbot")),
                 qPrintable(MessageBox::lastQuestion()));
        QTRY_VERIFY_WITH_TIMEOUT(dashboard()->problems()->actionResult()->isVisible(), 10000);
    }

    // Evidence lines are selectable and copied as they are.
    void evidenceIsCopyable()
    {
        startWindow(Scenario::crashLoop());
        QTRY_VERIFY_WITH_TIMEOUT(dashboard()->findingsModel()->problemCount() > 0, 15000);
        dashboard()->showProblems();
        QPlainTextEdit* evidence = dashboard()->problems()->evidenceView();
        QVERIFY(evidence->isReadOnly());
        QVERIFY(evidence->textInteractionFlags() & Qt::TextSelectableByMouse);
        QTRY_VERIFY(!evidence->toPlainText().isEmpty());
        QTest::mouseClick(dashboard()->problems()->findChild<QPushButton*>(QStringLiteral("copyEvidenceButton")),
                          Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), evidence->toPlainText());
    }
};

QTEST_MAIN(TestProblemsPanel)
#include "ProblemsPanelTest.moc"
