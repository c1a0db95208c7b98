// The composition of the window, headless: the AppController built from a Workspace over a kubeconfig
// that is not ~/.kube/config, with stand-in tools and the fake API server of the pipeline's rig. What a
// user does in one place (deploy, switch namespace, change a setting) must reach every page.
#include "AppController.h"

#include "DeployRig.h"
#include "MainWindow.h"
#include "core/Log.h"
#include "dashboard/DashboardHeader.h"
#include "dashboard/DashboardPage.h"
#include "dashboard/LogView.h"
#include "dashboard/TargetSwitcher.h"
#include "deploy/BuildDeployPage.h"
#include "doctor/Doctor.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "pipeline/Pipeline.h"
#include "pipeline/PipelineContext.h"
#include "secrets/SecretRow.h"
#include "secrets/SecretsPage.h"
#include "session/ClusterSession.h"
#include "settings/SettingsDialog.h"
#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;
using namespace quayside::ui;
using quayside::test::DeployRig;
using quayside::test::StandInTools;

class TestAppController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_logs;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<DeployRig> m_rig;
    std::unique_ptr<Preferences> m_preferences;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<AppController> m_controller;

    QString settingsFile() const { return m_settingsDir.filePath(QStringLiteral("quayside.ini")); }

    // A controller as `quayside --kubeconfig K -p P` would build it.
    void buildController(WorkspaceOverrides overrides = {})
    {
        m_controller.reset();
        m_workspace.reset();
        m_preferences = std::make_unique<Preferences>(settingsFile());
        if (overrides.kubeconfigFiles.isEmpty())
            overrides.kubeconfigFiles = { m_rig->server()->kubeconfigPath() };
        if (overrides.profileFile.isEmpty())
            overrides.profileFile = m_rig->profilePath();
        m_workspace = std::make_unique<Workspace>(m_preferences.get(), overrides);
        m_workspace->load();
        AppController::Options options;
        options.runner = m_rig->runner();
        options.keychainService = QStringLiteral("quayside-app-controller-test");
        m_controller = std::make_unique<AppController>(m_workspace.get(), options);
        m_controller->build();
        m_controller->window()->resize(1280, 820);
        m_controller->window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_controller->window()));
    }

    void screenshot(QWidget* widget, const QString& name, QWidget* popup = nullptr)
    {
        const QString dir = qEnvironmentVariable("QUAYSIDE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QApplication::processEvents();
        QPixmap image = widget->grab();
        // A popup is its own window: paint it where the user sees it.
        if (popup) {
            QPainter painter(&image);
            painter.drawPixmap(widget->mapFromGlobal(popup->mapToGlobal(QPoint(0, 0))), popup->grab());
        }
        const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
        QVERIFY(image.save(path));
        std::printf("screenshot: %s\n", qPrintable(path));
    }

private Q_SLOTS:
    void initTestCase() { log::initialize({ .directory = m_logs.path(), .verbose = false, .toStderr = false }); }

    void init()
    {
        DeployRig::Options options;
        // Tests run in parallel against one keyring: this one keeps its secrets under its own service.
        options.keychainService = QStringLiteral("quayside-app-controller-test");
        m_rig = std::make_unique<DeployRig>(options);
        QString error;
        QVERIFY2(m_rig->setUp(&error), qPrintable(error));
        QFile::remove(settingsFile());
        // ~/.kube/config must not exist: everything has to come from --kubeconfig.
        QVERIFY(!QFileInfo::exists(QDir::home().filePath(QStringLiteral(".kube/config"))));
    }

    void cleanup()
    {
        if (m_controller && m_controller->deployPage() && m_controller->deployPage()->pipeline()->isRunning()) {
            QSignalSpy finished(m_controller->deployPage()->pipeline(), &Pipeline::finished);
            m_controller->deployPage()->pipeline()->cancel();
            finished.wait(10000);
        }
        m_controller.reset();
        m_workspace.reset();
        m_preferences.reset();
        m_rig.reset();
    }

    // The window started with --kubeconfig K deploys through K: helm and the API client get it, and
    // the dashboard refreshes onto what was deployed.
    void deploysThroughTheWindowsKubeconfig()
    {
        buildController();
        const QString kubeconfig = m_rig->server()->kubeconfigPath();
        const QString context = m_workspace->target().context;
        QVERIFY(!context.isEmpty());
        BuildDeployPage* deploy = m_controller->deployPage();
        QVERIFY(deploy);
        m_controller->window()->showPage(m_controller->window()->pageIndex(QStringLiteral("buildDeployPage")));
        deploy->setSourceDirectory(m_rig->sourceDir());
        QSignalSpy finished(deploy->pipeline(), &Pipeline::finished);
        QSignalSpy refreshed(m_controller.get(), &AppController::clusterRefreshed);
        QTest::mouseClick(deploy->findChild<QPushButton*>(QStringLiteral("deployButton")), Qt::LeftButton);
        QVERIFY(finished.wait(90000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(deploy->pipeline()->failureMessage()));

        const QList<StandInTools::Call> helm = m_rig->tools().calls(QStringLiteral("helm"));
        QVERIFY(!helm.isEmpty());
        for (const StandInTools::Call& call : helm) {
            const QStringList& a = call.arguments;
            const bool hasKubeconfig = a.contains(QStringLiteral("--kubeconfig"))
                && a.at(a.indexOf(QStringLiteral("--kubeconfig")) + 1) == kubeconfig;
            QVERIFY2(hasKubeconfig, qPrintable(a.join(QLatin1Char(' '))));
            const bool hasContext = a.contains(QStringLiteral("--kube-context"))
                && a.at(a.indexOf(QStringLiteral("--kube-context")) + 1) == context;
            QVERIFY2(hasContext, qPrintable(a.join(QLatin1Char(' '))));
        }
        // Deploy finished → the dashboard was refreshed (a relist, not new informers) and shows it.
        QTRY_VERIFY(!refreshed.isEmpty());
        QVERIFY(refreshed.last().first().toBool());
        kube::InformerSet* informers = m_controller->session()->informers();
        QVERIFY(informers);
        QTRY_VERIFY_WITH_TIMEOUT(informers->deployments()->store().size() >= 2, 10000);
    }

    // Switching the namespace in the dashboard header moves the session, the pipeline, the release
    // history, the Secrets page and the doctor together, and is remembered for this kubeconfig.
    void namespaceSwitchMovesEverything()
    {
        buildController();
        DashboardPage* dashboard = m_controller->dashboardPage();
        QComboBox* box = dashboard->header()->namespaceBox();
        QVERIFY(box->isEditable());
        QSignalSpy targetChanged(m_workspace.get(), &Workspace::targetChanged);
        QSignalSpy sourcesChanged(m_controller->session(), &ClusterSession::sourcesChanged);
        box->lineEdit()->selectAll();
        QTest::keyClicks(box->lineEdit(), QStringLiteral("staging"));
        QTest::keyClick(box->lineEdit(), Qt::Key_Return);
        QCOMPARE(targetChanged.count(), 1);
        QCOMPARE(m_workspace->target().nameSpace, QStringLiteral("staging"));
        QCOMPARE(m_controller->session()->nameSpace(), QStringLiteral("staging"));
        QVERIFY(sourcesChanged.count() >= 1);
        QCOMPARE(m_controller->deployPage()->pipeline()->profile().nameSpace, QStringLiteral("staging"));
        QCOMPARE(m_controller->deployPage()->pipeline()->options().target.nameSpace, QStringLiteral("staging"));
        QTRY_VERIFY(m_controller->secretsPage());
        QVERIFY(m_controller->secretsPage()->findChild<QPushButton*>(QStringLiteral("applySecretsButton")));

        // A second run with the same settings and kubeconfig comes back to it.
        buildController();
        QCOMPARE(m_workspace->target().nameSpace, QStringLiteral("staging"));
        QCOMPARE(m_controller->session()->nameSpace(), QStringLiteral("staging"));
        QCOMPARE(m_controller->dashboardPage()->header()->namespaceBox()->currentText(), QStringLiteral("staging"));
    }

    // Two kubeconfig files merged (as $KUBECONFIG a:b): the switcher lists both files' contexts with the
    // files' current one marked; choosing one reopens the session there, moves the pipeline (helm gets
    // both files through KUBECONFIG) and is remembered for this pair of files.
    void contextSwitcherOverTwoKubeconfigFiles()
    {
        const QString first = m_rig->server()->kubeconfigPath();
        QFile in(first);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray yaml = in.readAll();
        yaml.replace("minikube", "kind-staging");
        const QString second = m_settingsDir.filePath(QStringLiteral("kind-staging.yaml"));
        QFile out(second);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(yaml);
        out.close();
        WorkspaceOverrides overrides;
        overrides.kubeconfigFiles = { first + QDir::listSeparator() + second };
        buildController(overrides);
        QCOMPARE(m_workspace->target().kubeconfigFiles, (QStringList { first, second }));
        m_controller->window()->showPage(m_controller->window()->pageIndex(QStringLiteral("dashboardPage")));

        QComboBox* contexts = m_controller->dashboardPage()->header()->contextBox();
        QCOMPARE(contexts->count(), 2);
        QVERIFY(contexts->isEnabled());
        QCOMPARE(contexts->currentData().toString(), QStringLiteral("minikube"));
        QVERIFY(contexts->currentText().contains(QStringLiteral("(current)")));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->session()->informers()->hasSynced(), 10000);
        QComboBox* namespaces = m_controller->dashboardPage()->header()->namespaceBox();
        QTRY_VERIFY(namespaces->findText(QStringLiteral("kube-system")) >= 0);
        contexts->showPopup();
        screenshot(m_controller->window(), QStringLiteral("dashboard-switcher"), contexts->view()->window());
        contexts->hidePopup();

        QSignalSpy sourcesChanged(m_controller->session(), &ClusterSession::sourcesChanged);
        const int staging = contexts->findData(QStringLiteral("kind-staging"));
        QVERIFY(staging >= 0);
        contexts->setCurrentIndex(staging);
        Q_EMIT contexts->activated(staging);
        QCOMPARE(m_workspace->target().context, QStringLiteral("kind-staging"));
        QCOMPARE(m_controller->session()->contextName(), QStringLiteral("kind-staging"));
        QVERIFY(sourcesChanged.count() >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->session()->informers()->hasSynced(), 10000);
        const PipelineContext& pipeline = m_controller->deployPage()->pipeline()->context();
        QCOMPARE(pipeline.kubeContext(), QStringLiteral("kind-staging"));
        QCOMPARE(pipeline.clusterEnvironment().value(QStringLiteral("KUBECONFIG")),
                 first + QDir::listSeparator() + second);
        QVERIFY(!pipeline.helmClusterArguments().contains(QStringLiteral("--kubeconfig")));

        // The next run over the same two files starts where the user left.
        buildController(overrides);
        QCOMPARE(m_workspace->target().context, QStringLiteral("kind-staging"));
    }

    // The profile decides which secrets the Secrets page shows, which minikube the header asks about and
    // the default namespace.
    void profileDecides()
    {
        QFile in(m_rig->profilePath());
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray yaml = in.readAll();
        yaml.replace("namespace: todo-app", "namespace: shop");
        yaml.replace("profile: minikube", "profile: demo");
        yaml.replace("OPENAI_API_KEY", "STRIPE_KEY");
        const QString custom = QFileInfo(m_rig->profilePath()).absolutePath() + QStringLiteral("/shop.yaml");
        QFile out(custom);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(yaml);
        out.close();
        WorkspaceOverrides overrides;
        overrides.profileFile = custom;
        buildController(overrides);
        QCOMPARE(m_workspace->target().nameSpace, QStringLiteral("shop"));
        QCOMPARE(m_workspace->target().minikubeProfile, QStringLiteral("demo"));
        SecretsPage* secrets = m_controller->secretsPage();
        QVERIFY(secrets);
        QVERIFY(secrets->row(QStringLiteral("STRIPE_KEY")));
        QVERIFY(secrets->row(QStringLiteral("DATABASE_URL")));
        QVERIFY(!secrets->row(QStringLiteral("OPENAI_API_KEY")));
        QVERIFY(!secrets->row(QStringLiteral("CLOUDINARY_API_KEY"))); // the old built-in list is gone
        QCOMPARE(m_controller->session()->target().minikubeProfile, QStringLiteral("demo"));
        // The header asks minikube about the profile's cluster.
        QTRY_VERIFY_WITH_TIMEOUT(
            [this] {
                for (const StandInTools::Call& call : m_rig->tools().calls(QStringLiteral("minikube"))) {
                    if (call.arguments.contains(QStringLiteral("status"))
                        && call.arguments.contains(QStringLiteral("demo")))
                        return true;
                }
                return false;
            }(),
            10000);
    }

    // RBAC that lets a user into a namespace without listing namespaces: the switcher says so and still
    // takes a typed name.
    void forbiddenNamespaceListStillTakesANamespace()
    {
        m_rig->server()->failNextRequests(1, 403, QStringLiteral("/api/v1/namespaces$"));
        buildController();
        TargetSwitcher* switcher = m_controller->dashboardPage()->header()->switcher();
        QTRY_VERIFY_WITH_TIMEOUT(!switcher->forbiddenNote()->isHidden(), 10000);
        QVERIFY(switcher->forbiddenNote()->text().contains(QStringLiteral("403")));
        QCOMPARE(switcher->namespaceBox()->currentText(), m_workspace->target().nameSpace);
        switcher->namespaceBox()->lineEdit()->selectAll();
        QTest::keyClicks(switcher->namespaceBox()->lineEdit(), QStringLiteral("Team A"));
        QTest::keyClick(switcher->namespaceBox()->lineEdit(), Qt::Key_Return);
        // Not a namespace name: refused with the reason, nothing moves.
        QVERIFY(!switcher->invalidNote()->isHidden());
        QVERIFY2(switcher->invalidNote()->text().contains(QStringLiteral("lowercase")),
                 qPrintable(switcher->invalidNote()->text()));
        QVERIFY(m_controller->session()->nameSpace() != QStringLiteral("Team A"));
        switcher->namespaceBox()->lineEdit()->selectAll();
        QTest::keyClicks(switcher->namespaceBox()->lineEdit(), QStringLiteral("team-a"));
        QTest::keyClick(switcher->namespaceBox()->lineEdit(), Qt::Key_Return);
        QVERIFY(switcher->invalidNote()->isHidden());
        QCOMPARE(m_controller->session()->nameSpace(), QStringLiteral("team-a"));
    }

    // -n on the command line wins over the remembered choice, and the profile's namespace is the default.
    void commandLineAndProfileNamespaces()
    {
        buildController();
        QCOMPARE(m_workspace->target().nameSpace, m_rig->profile().nameSpace);
        WorkspaceOverrides overrides;
        overrides.nameSpace = QStringLiteral("from-flag");
        buildController(overrides);
        QCOMPARE(m_controller->session()->nameSpace(), QStringLiteral("from-flag"));
        QCOMPARE(m_controller->deployPage()->pipeline()->profile().nameSpace, QStringLiteral("from-flag"));
    }

    // Ctrl+, opens the Settings dialog; saving a new metrics interval and log limit applies at once.
    void settingsApplyWithoutRestart()
    {
        buildController();
        QTest::keyClick(m_controller->window(), Qt::Key_Comma, Qt::ControlModifier);
        QTRY_VERIFY(m_controller->settingsDialog() && m_controller->settingsDialog()->isVisible());
        m_controller->settingsDialog()->reject();
        m_preferences->setLogLineLimit(12'000);
        QCOMPARE(m_controller->dashboardPage()->logView()->capacity(), 12'000);
    }

    // Window geometry, splitters and the last page come back in the next run.
    void windowStateRestored()
    {
        buildController();
        MainWindow* window = m_controller->window();
        window->showPage(window->pageIndex(QStringLiteral("secretsPage")));
        auto* splitter = window->findChild<QSplitter*>(QStringLiteral("dashboardSplitter"));
        QVERIFY(splitter);
        splitter->setSizes({ 200, 500 });
        const QList<int> sizes = splitter->sizes();
        window->close();
        buildController();
        window = m_controller->window();
        QCOMPARE(window->page(window->currentPage())->objectName(), QStringLiteral("secretsPage"));
        QCOMPARE(window->findChild<QSplitter*>(QStringLiteral("dashboardSplitter"))->sizes(), sizes);
    }

    // The doctor checks the workspace's minikube profile and gives kubectl the same kubeconfig.
    void doctorFollowsTheTarget()
    {
        // kubectl as the real one answers `version -o json` with a server (recorded like every stand-in).
        QFile version(QStringLiteral(QUAYSIDE_TESTS_DIR "/doctor/fixtures/kubectl-version-with-server.json"));
        QVERIFY(version.open(QIODevice::ReadOnly));
        m_rig->tools().addPrinting(QStringLiteral("kubectl"), QString::fromUtf8(version.readAll()));
        buildController();
        const ClusterTarget target = Doctor::targetFor(*m_workspace);
        QCOMPARE(target.kubeconfigFiles, QStringList { m_rig->server()->kubeconfigPath() });
        QCOMPARE(target.minikubeProfile, m_rig->profile().minikube.profile);
        m_controller->doctor()->run();
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->doctor()->isRunning(), 30000);
        const QList<StandInTools::Call> kubectl = m_rig->tools().calls(QStringLiteral("kubectl"));
        QVERIFY(!kubectl.isEmpty());
        for (const StandInTools::Call& call : kubectl) {
            const QStringList& a = call.arguments;
            QVERIFY2(a.contains(QStringLiteral("--kubeconfig")) && a.contains(m_rig->server()->kubeconfigPath()),
                     qPrintable(a.join(QLatin1Char(' '))));
            QVERIFY2(a.contains(QStringLiteral("--context")) && a.contains(m_workspace->target().context),
                     qPrintable(a.join(QLatin1Char(' '))));
        }
        int statusCalls = 0;
        for (const StandInTools::Call& call : m_rig->tools().calls(QStringLiteral("minikube"))) {
            if (!call.arguments.contains(QStringLiteral("status")))
                continue;
            ++statusCalls;
            QVERIFY2(call.arguments.contains(target.minikubeProfile), qPrintable(call.arguments.join(' ')));
        }
        QVERIFY(statusCalls > 0);
    }
};

QTEST_MAIN(TestAppController)
#include "AppControllerTest.moc"
