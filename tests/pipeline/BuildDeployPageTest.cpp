#include "deploy/BuildDeployPage.h"

#include "DeployRig.h"
#include "MainWindow.h"
#include "core/Log.h"
#include "deploy/ImageProgressRow.h"
#include "deploy/StepLogView.h"
#include "deploy/StepRow.h"
#include "pipeline/PipelineStep.h"
#include "widgets/MessageBox.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace quayside;
using namespace quayside::test;
using namespace quayside::ui;

// The Build & Deploy page driving a real pipeline (stand-in tools, fake API server), the way a user
// does: Deploy, watch the steps, progress bars and logs, Show commands, Cancel, Retry, Open app,
// Dashboard, roll back. With QUAYSIDE_SCREENSHOT_DIR set it also saves the README's screenshots.
class BuildDeployPageTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<DeployRig> m_rig;
    std::unique_ptr<Pipeline> m_pipeline;
    std::unique_ptr<MainWindow> m_window;
    BuildDeployPage* m_page = nullptr;
    QTemporaryDir m_logs;

    template<typename T> T* find(const QString& name) const
    {
        T* w = m_window->findChild<T*>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }

    void screenshot(const char* name)
    {
        const QString dir = qEnvironmentVariable("QUAYSIDE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QApplication::processEvents();
        const QString path = dir + QStringLiteral("/quayside-deploy-%1.png").arg(QString::fromLatin1(name));
        QVERIFY(m_window->grab().save(path));
        std::printf("screenshot: %s\n", qPrintable(path));
    }

private Q_SLOTS:
    void initTestCase() { log::initialize({ .directory = m_logs.path(), .verbose = false, .toStderr = false }); }

    void init()
    {
        // Tests run in parallel against one keyring: each keeps its secrets under its own service.
        DeployRig::Options options;
        options.keychainService = QStringLiteral("quayside-deploy-page-test");
        m_rig = std::make_unique<DeployRig>(options);
        QString error;
        QVERIFY2(m_rig->setUp(&error), qPrintable(error));
        m_pipeline = m_rig->makePipeline();
        m_window = std::make_unique<MainWindow>();
        // The app's real sidebar; only the Build & Deploy page matters here.
        m_window->addPage(tr("Prerequisites"), QStringLiteral("prerequisitesPage"), new QLabel);
        m_window->addPage(tr("Secrets"), QStringLiteral("secretsPage"), new QLabel);
        m_page = new BuildDeployPage(m_pipeline.get(), m_rig->runner());
        const int index = m_window->addPage(tr("Build & Deploy"), QStringLiteral("buildDeployPage"), m_page);
        m_window->addPage(tr("Dashboard"), QStringLiteral("dashboardPage"), new QLabel);
        m_window->resize(1280, 820);
        m_window->showPage(index);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        if (m_pipeline && m_pipeline->isRunning()) {
            QSignalSpy finished(m_pipeline.get(), &Pipeline::finished);
            m_pipeline->cancel();
            finished.wait(10000);
        }
        m_window.reset();
        m_pipeline.reset();
        m_rig.reset();
    }

    void deployFromStartToFinish()
    {
        m_rig->setFlag(QStringLiteral("build-slow"), QByteArray("0.35"));
        auto* deploy = find<QPushButton>(QStringLiteral("deployButton"));
        auto* cancel = find<QPushButton>(QStringLiteral("cancelButton"));
        QVERIFY(deploy->isEnabled());
        QVERIFY(!cancel->isEnabled());
        QCOMPARE(find<QLineEdit>(QStringLiteral("sourceEdit"))->text(), m_rig->sourceDir());
        QTest::mouseClick(deploy, Qt::LeftButton);
        QTRY_VERIFY(!deploy->isEnabled());
        QVERIFY(cancel->isEnabled());

        // While the images build: a bar per image moving, the Images step's log shown and filling.
        auto* backend = find<ImageProgressRow>(QStringLiteral("imageProgress_backend"));
        auto* frontend = find<ImageProgressRow>(QStringLiteral("imageProgress_frontend"));
        QTRY_VERIFY_WITH_TIMEOUT(backend->value() >= 5 && backend->maximum() == 10, 30000);
        QCOMPARE(m_page->selectedStep(), QStringLiteral("images"));
        QCOMPARE(find<StepRow>(QStringLiteral("stepRow_cluster"))->state(), StepState::Done);
        QCOMPARE(find<StepRow>(QStringLiteral("stepRow_images"))->state(), StepState::Running);
        QVERIFY(frontend->maximum() == 13);
        QVERIFY2(backend->text().startsWith(QStringLiteral("step ")), qPrintable(backend->text()));
        QTRY_VERIFY(
            find<StepLogView>(QStringLiteral("stepLog_images"))->toPlainText().contains(QStringLiteral("Step 3/")));
        QVERIFY(!find<QLabel>(QStringLiteral("totalElapsed"))->text().isEmpty());
        QVERIFY(!find<StepRow>(QStringLiteral("stepRow_images"))->elapsedText().isEmpty());
        screenshot("building");

        // Done: every step green, the URL, Open app and the way to the Dashboard.
        QSignalSpy finished(m_pipeline.get(), &Pipeline::finished);
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(m_pipeline->failureMessage()));
        for (const char* id : { "cluster", "images", "secrets", "helm", "rollout", "access" })
            QCOMPARE(find<StepRow>(QStringLiteral("stepRow_") + QString::fromLatin1(id))->state(), StepState::Done);
        QCOMPARE(backend->value(), backend->maximum());
        auto* banner = find<QFrame>(QStringLiteral("resultBanner"));
        QVERIFY(banner->isVisible());
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(m_rig->healthPort());
        QVERIFY(find<QLabel>(QStringLiteral("resultText"))->text().contains(url));
        QUrl opened;
        m_page->setUrlOpener([&opened](const QUrl& u) { opened = u; });
        QTest::mouseClick(find<QPushButton>(QStringLiteral("openAppButton")), Qt::LeftButton);
        QCOMPARE(opened, QUrl(url));
        QSignalSpy dashboard(m_page, &BuildDeployPage::dashboardRequested);
        QTest::mouseClick(find<QPushButton>(QStringLiteral("dashboardButton")), Qt::LeftButton);
        QCOMPARE(dashboard.count(), 1);
        auto* history = find<QTableWidget>(QStringLiteral("historyTable"));
        QTRY_COMPARE(history->rowCount(), 1);
        QCOMPARE(history->item(0, 2)->text(), QStringLiteral("deployed"));
        QVERIFY(deploy->isEnabled());
        QVERIFY(!find<QPushButton>(QStringLiteral("retryButton"))->isEnabled());

        // A change to the backend and a second deploy: the backend is rebuilt, the frontend is not,
        // and the history has a revision to roll back to.
        QFile source(m_rig->sourceDir() + QStringLiteral("/backend/src/main.py"));
        QVERIFY(source.open(QIODevice::Append));
        source.write("print('v2')\n");
        source.close();
        finished.clear();
        QTest::mouseClick(deploy, Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(m_pipeline->failureMessage()));
        QTRY_COMPARE(history->rowCount(), 2);
        QVERIFY(
            find<StepRow>(QStringLiteral("stepRow_images"))->message().contains(QStringLiteral("frontend up to date")));
        m_page->selectStep(QStringLiteral("access"));
        QTRY_VERIFY(find<StepLogView>(QStringLiteral("stepLog_access"))
                        ->toPlainText()
                        .contains(QStringLiteral("health check frontend")));
        screenshot("done");
        m_rig->setFlag(QStringLiteral("build-slow"), false);

        // Roll back to revision 1 from the history (the confirmation answered by the test).
        history->selectRow(1);
        QCOMPARE(history->item(1, 0)->text(), QStringLiteral("1"));
        auto* rollback = find<QPushButton>(QStringLiteral("rollbackButton"));
        QVERIFY(rollback->isEnabled());
        MessageBox::setNextAnswer(true);
        QTest::mouseClick(rollback, Qt::LeftButton);
        QTRY_VERIFY(!m_rig->tools().calls(QStringLiteral("helm")).isEmpty());
        bool rolledBack = false;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     for (const auto& call : m_rig->tools().calls(QStringLiteral("helm")))
                                         rolledBack = rolledBack
                                             || call.arguments.mid(0, 3)
                                                 == QStringList { QStringLiteral("rollback"),
                                                                  QStringLiteral("todo-chatbot"), QStringLiteral("1") };
                                     return rolledBack;
                                 }()),
                                 10000);
    }

    void showCommands()
    {
        m_page->selectStep(QStringLiteral("images"));
        QTest::mouseClick(find<QPushButton>(QStringLiteral("showCommandsButton")), Qt::LeftButton);
        QVERIFY(m_page->showsCommands());
        const QString text = find<QPlainTextEdit>(QStringLiteral("commandsView"))->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("eval $(minikube -p minikube docker-env --shell bash)")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("docker build -f ")));
        QTest::mouseClick(find<StepRow>(QStringLiteral("stepRow_secrets")), Qt::LeftButton);
        const QString secrets = find<QPlainTextEdit>(QStringLiteral("commandsView"))->toPlainText();
        QVERIFY(secrets.contains(QStringLiteral("--from-literal=JWT_SECRET='***'")));
        for (const QString& secret : m_rig->secretValues())
            QVERIFY(!secrets.contains(secret));
        QTest::mouseClick(find<QPushButton>(QStringLiteral("showCommandsButton")), Qt::LeftButton);
        QVERIFY(!m_page->showsCommands());
    }

    void cancelThenRetry()
    {
        m_rig->setFlag(QStringLiteral("build-hangs"), true);
        QTest::mouseClick(find<QPushButton>(QStringLiteral("deployButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(m_rig->stateDir() + QStringLiteral("/build.child.pid")), 30000);
        QSignalSpy finished(m_pipeline.get(), &Pipeline::finished);
        QTest::mouseClick(find<QPushButton>(QStringLiteral("cancelButton")), Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QCOMPARE(find<StepRow>(QStringLiteral("stepRow_images"))->state(), StepState::Cancelled);
        QVERIFY(find<QLabel>(QStringLiteral("resultText"))->text().contains(QStringLiteral("Cancelled at Images")));
        auto* retry = find<QPushButton>(QStringLiteral("retryButton"));
        QTRY_VERIFY(retry->isEnabled());
        m_rig->setFlag(QStringLiteral("build-hangs"), false);
        finished.clear();
        QTest::mouseClick(retry, Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(m_pipeline->failureMessage()));
        QCOMPARE(find<StepRow>(QStringLiteral("stepRow_access"))->state(), StepState::Done);
    }

    void failureIsShownWithItsStep()
    {
        m_rig->setFlag(QStringLiteral("build-fails-todo-backend"), true);
        QSignalSpy finished(m_pipeline.get(), &Pipeline::finished);
        QTest::mouseClick(find<QPushButton>(QStringLiteral("deployButton")), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QCOMPARE(find<StepRow>(QStringLiteral("stepRow_images"))->state(), StepState::Failed);
        QCOMPARE(m_page->selectedStep(), QStringLiteral("images"));
        const QString banner = find<QLabel>(QStringLiteral("resultText"))->text();
        QVERIFY2(banner.contains(QStringLiteral("Failed at Images")), qPrintable(banner));
        QVERIFY(banner.contains(QStringLiteral("at step 3/4 RUN pip install")));
        QTRY_VERIFY(find<StepLogView>(QStringLiteral("stepLog_images"))
                        ->toPlainText()
                        .contains(QStringLiteral("No matching distribution")));
        QVERIFY(find<QPushButton>(QStringLiteral("retryButton"))->isEnabled());
    }
};

QTEST_MAIN(BuildDeployPageTest)
#include "BuildDeployPageTest.moc"
