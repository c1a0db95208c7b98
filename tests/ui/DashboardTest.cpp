#include "FakeApiServer.h"
#include "FakeApiServerThread.h"
#include "dashboard/DashboardHeader.h"
#include "dashboard/DashboardPage.h"
#include "dashboard/DeploymentCard.h"
#include "dashboard/DeploymentsPanel.h"
#include "dashboard/LogView.h"
#include "dashboard/PodTableModel.h"
#include "dashboard/ResourcesPanel.h"
#include "kube/ConnectionState.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "kube/MetricsPoller.h"
#include "process/ProcessToolRunner.h"
#include "session/ClusterSession.h"
#include "widgets/MessageBox.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace quayside;
using namespace quayside::ui;
using quayside::test::FakeApiServer;
using quayside::test::FakeApiServerThread;

// The real dashboard against the fake API server (on its own thread, so it keeps serving while this
// thread waits), through the real kubeconfig, TLS and watches.
class DashboardTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeApiServerThread> m_fake;
    std::unique_ptr<ClusterSession> m_session;
    std::unique_ptr<ProcessToolRunner> m_runner;
    std::unique_ptr<DashboardPage> m_page;

    int podRowsOf(const QString& deployment) const
    {
        int n = 0;
        PodTableModel* model = m_page->podModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 0).data(PodTableModel::DeploymentRole).toString() == deployment)
                ++n;
        }
        return n;
    }
    QString selectedPodUid() const
    {
        const QModelIndexList rows = m_page->podTable()->selectionModel()->selectedRows();
        return rows.size() == 1 ? rows.first().data(PodTableModel::UidRole).toString() : QString();
    }
    bool hasPodRow(const QString& pod) const { return !statusOf(pod).isEmpty(); }
    QString statusOf(const QString& pod) const
    {
        PodTableModel* model = m_page->podModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, PodTableModel::Name).data().toString() == pod)
                return model->index(row, PodTableModel::Status).data().toString();
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeApiServerThread>();
        FakeApiServer::Options options;
        options.contextNamespace = QStringLiteral("todo-app");
        QVERIFY2(m_fake->start(options), qPrintable((*m_fake)->errorString()));
        ClusterTarget target;
        target.kubeconfigFiles = { (*m_fake)->kubeconfigPath() };
        m_session = std::make_unique<ClusterSession>(target);
        QString error;
        QVERIFY2(m_session->open(&error), qPrintable(error));
        m_runner = std::make_unique<ProcessToolRunner>();
        m_page = std::make_unique<DashboardPage>(m_session.get(), m_runner.get());
        m_page->resize(1400, 860);
        m_page->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_session->informers()->hasSynced(), 10000);
    }

    void cleanup()
    {
        m_page.reset();
        m_session.reset();
        m_runner.reset();
        m_fake.reset();
    }

    void podsFollowTheCluster()
    {
        QTRY_COMPARE(m_page->podModel()->rowCount(), 2);
        QCOMPARE(podRowsOf(QStringLiteral("backend")), 1);
        QCOMPARE(podRowsOf(QStringLiteral("frontend")), 1);
        const QJsonObject backendPod
            = (*m_fake)->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")).first();
        const QString name = backendPod[QLatin1String("metadata")][QLatin1String("name")].toString();
        QCOMPARE(statusOf(name), QStringLiteral("Running"));

        // The pod starts crash-looping: the table says so.
        QVERIFY((*m_fake)->setPodBehaviour(QStringLiteral("todo-app"), name, test::PodBehaviour::CrashLoop));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(name), QStringLiteral("CrashLoopBackOff"), 10000);

        // Deleted: it goes away (after Terminating) and the ReplicaSet's replacement appears.
        QVERIFY((*m_fake)->deletePod(QStringLiteral("todo-app"), name, false));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(name), QString(), 10000);
        QTRY_COMPARE(podRowsOf(QStringLiteral("backend")), 1);
    }

    void applyScalesTheDeployment()
    {
        QTRY_VERIFY(m_page->deployments()->card(QStringLiteral("backend")));
        DeploymentCard* card = m_page->deployments()->card(QStringLiteral("backend"));
        auto* spin = card->findChild<QSpinBox*>(QStringLiteral("replicas_backend"));
        auto* apply = card->findChild<QPushButton*>(QStringLiteral("applyReplicas_backend"));
        QVERIFY(spin && apply);
        spin->setValue(3);
        (*m_fake)->clearRequests();
        QTest::mouseClick(apply, Qt::LeftButton);
        QVERIFY(!apply->isEnabled()); // disabled while the request is in flight
        QTRY_VERIFY_WITH_TIMEOUT(apply->isEnabled(), 10000);
        const auto patches
            = (*m_fake)->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/deployments/backend/scale"));
        QCOMPARE(patches.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(patches.first().body).object(),
                 QJsonDocument::fromJson(R"({"spec":{"replicas":3}})").object());
        QTRY_COMPARE_WITH_TIMEOUT(podRowsOf(QStringLiteral("backend")), 3, 10000);
        auto* result = card->findChild<QLabel*>(QStringLiteral("deploymentResult_backend"));
        QVERIFY2(result->text().contains(QLatin1String("3 replicas")), qPrintable(result->text()));
    }

    void restartOnlyAfterConfirmation()
    {
        QTRY_VERIFY(m_page->deployments()->card(QStringLiteral("frontend")));
        DeploymentCard* card = m_page->deployments()->card(QStringLiteral("frontend"));
        auto* restart = card->findChild<QPushButton*>(QStringLiteral("restart_frontend"));
        (*m_fake)->clearRequests();
        const int asked = MessageBox::questionsAsked();
        MessageBox::setNextAnswer(false);
        QTest::mouseClick(restart, Qt::LeftButton);
        QTest::qWait(300);
        QCOMPARE(MessageBox::questionsAsked(), asked + 1);
        QVERIFY(MessageBox::lastQuestion().contains(QLatin1String("frontend")));
        QVERIFY(
            (*m_fake)->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/deployments/frontend")).isEmpty());

        MessageBox::setNextAnswer(true);
        QTest::mouseClick(restart, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            (*m_fake)->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/deployments/frontend")).size(), 1,
            10000);
        const auto patch
            = (*m_fake)->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/deployments/frontend")).first();
        QCOMPARE(patch.contentType, QByteArray("application/strategic-merge-patch+json"));
        QVERIFY(patch.body.contains("kubectl.kubernetes.io/restartedAt"));
    }

    void logsStreamFollowAndSearch()
    {
        m_page->showDeploymentLogs(QStringLiteral("backend"));
        LogView* logs = m_page->logView();
        QTRY_VERIFY_WITH_TIMEOUT(logs->model()->size() >= 10, 10000);
        // Multi-pod logs carry their pod/container prefix.
        const QStringList lines = logs->visibleLines();
        QVERIFY2(lines.first().startsWith(QLatin1String("[backend-")), qPrintable(lines.first()));
        const int before = logs->model()->size();
        QTRY_VERIFY_WITH_TIMEOUT(logs->model()->size() > before, 10000); // follow: more lines arrive
        // At the bottom, the view follows.
        QTRY_VERIFY(logs->listView()->verticalScrollBar()->value() == logs->listView()->verticalScrollBar()->maximum());

        auto* search = logs->findChild<QLineEdit*>(QStringLiteral("logSearch"));
        search->setText(QStringLiteral("GET"));
        logs->findNext();
        const int match = logs->currentMatchRow();
        QVERIFY(match >= 0);
        QVERIFY(logs->model()->entry(match).text.contains(QLatin1String("GET")));
        logs->findNext();
        QVERIFY(logs->currentMatchRow() != match);
        // Only matching lines.
        logs->findChild<QCheckBox*>(QStringLiteral("logOnlyMatching"))->setChecked(true);
        for (const QString& line : logs->visibleLines())
            QVERIFY2(line.contains(QLatin1String("GET"), Qt::CaseInsensitive), qPrintable(line));
    }

    void lineBoundHolds()
    {
        LogView* logs = m_page->logView();
        logs->reset(); // stop following the cluster: this test feeds the lines itself
        logs->setCapacity(100);
        QList<kube::LogLine> lines;
        for (int i = 0; i < 1000; ++i)
            lines.append({ QStringLiteral("p"), QStringLiteral("c"), QByteArray("line ") + QByteArray::number(i) });
        logs->appendLines(lines);
        logs->flushPending();
        QCOMPARE(logs->model()->size(), 100);
        QCOMPARE(logs->model()->entry(0).text, QStringLiteral("line 900"));
        auto* status = logs->findChild<QLabel*>(QStringLiteral("logStatus"));
        QVERIFY2(status->text().contains(QLatin1String("900 older lines dropped")), qPrintable(status->text()));
        // Paused: nothing moves, and the lines are shown on Resume.
        logs->setPaused(true);
        logs->appendLines({ { QStringLiteral("p"), QStringLiteral("c"), QByteArray("while paused") } });
        logs->flushPending();
        QCOMPARE(logs->model()->entry(99).text, QStringLiteral("line 999"));
        logs->setPaused(false);
        QCOMPARE(logs->model()->entry(99).text, QStringLiteral("while paused"));
    }

    void chartGetsPoints()
    {
        QTRY_COMPARE(m_page->podModel()->rowCount(), 2);
        m_session->metrics()->pollNow();
        QTRY_VERIFY_WITH_TIMEOUT(m_page->resources()->history().sampleCount() >= 2, 10000);
        const QString pod = m_page->resources()->history().pods().first();
        QVERIFY(m_page->resources()->cpuSeries(pod));
        QVERIFY(m_page->resources()->cpuSeries(pod)->count() >= 1);
        QVERIFY(m_page->resources()->memorySeries(pod)->count() >= 1);
        // The table shows the same numbers.
        QTRY_VERIFY(m_page->podModel()->index(0, PodTableModel::Cpu).data().toString() != QStringLiteral("—"));
    }

    void metricsServerMissingIsExplained()
    {
        (*m_fake)->setMetricsEnabled(false);
        m_session->metrics()->pollNow();
        auto* missing = m_page->resources()->findChild<QLabel*>(QStringLiteral("metricsMissingText"));
        QTRY_VERIFY_WITH_TIMEOUT(missing->text().contains(QLatin1String("minikube addons enable metrics-server")),
                                 10000);
        QVERIFY(m_page->resources()->findChild<QPushButton*>(QStringLiteral("enableMetricsServer")));
    }

    void droppedConnectionShowsReconnectingAndRecovers()
    {
        QTRY_COMPARE(m_page->podModel()->rowCount(), 2);
        QTRY_VERIFY(m_page->header()->connectionText().startsWith(QLatin1String("connected")));
        (*m_fake)->failNextRequests(4, 503);
        (*m_fake)->dropWatchStreams();
        QTRY_VERIFY_WITH_TIMEOUT(m_page->header()->connectionText().startsWith(QLatin1String("reconnecting")), 10000);
        // Meanwhile the cluster changes; after recovery the table has caught up.
        QVERIFY((*m_fake)->setDeploymentReplicas(QStringLiteral("todo-app"), QStringLiteral("frontend"), 2));
        QTRY_VERIFY_WITH_TIMEOUT(m_page->header()->connectionText().startsWith(QLatin1String("connected")), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(podRowsOf(QStringLiteral("frontend")), 2, 10000);
    }

    // A relist (F5) on the same informers: the selected pod stays selected, the table keeps the
    // user's sort and scroll position, the log pane keeps following the same pod without restarting
    // its stream or dropping its lines, and a pod added on the server meanwhile shows up.
    void refreshKeepsSelectionScrollAndLogs()
    {
        // Enough rows to scroll (frontend: the log pane starts on deploy/backend).
        QVERIFY((*m_fake)->setDeploymentReplicas(QStringLiteral("todo-app"), QStringLiteral("frontend"), 40));
        QTRY_COMPARE_WITH_TIMEOUT(podRowsOf(QStringLiteral("frontend")), 40, 10000);
        QTableView* table = m_page->podTable();
        QHeaderView* header = table->horizontalHeader();
        // The user's own sort: a click on Name turns it to descending.
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(PodTableModel::Name) + 10, header->height() / 2));
        QCOMPARE(header->sortIndicatorSection(), int(PodTableModel::Name));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);

        // Select a pod by double-clicking it, which also follows its logs, then scroll away from it.
        QScrollBar* scroll = table->verticalScrollBar();
        QTRY_VERIFY(scroll->maximum() > 6);
        scroll->setValue(scroll->maximum() / 2);
        const QModelIndex index = table->indexAt(QPoint(10, table->viewport()->height() / 2));
        QVERIFY(index.isValid());
        const QString uid = index.data(PodTableModel::UidRole).toString();
        const QString pod = index.siblingAtColumn(PodTableModel::Name).data().toString();
        const QPoint center = table->visualRect(index).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, center);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, center);
        QCOMPARE(selectedPodUid(), uid);
        LogView* logs = m_page->logView();
        QTRY_COMPARE(logs->targetText(), pod);
        QTRY_VERIFY_WITH_TIMEOUT(logs->model()->size() >= 10, 10000);
        scroll->setValue(scroll->value() + 3);
        const int scrolled = scroll->value();

        kube::InformerSet* informers = m_session->informers();
        kube::MetricsPoller* metrics = m_session->metrics();
        QSignalSpy sourcesChanged(m_session.get(), &ClusterSession::sourcesChanged);
        QSignalSpy aboutToReset(m_page->podModel(), &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy reset(m_page->podModel(), &QAbstractItemModel::modelReset);
        const QString firstLogLine = logs->model()->entry(0).text;
        const int logLines = logs->model()->size();
        (*m_fake)->clearRequests();
        QJsonObject debugPod = QJsonDocument::fromJson(R"({"metadata":{"name":"debug-shell","namespace":"todo-app"},
            "spec":{"containers":[{"name":"shell","image":"busybox:1.36"}]}})")
                                   .object();
        (*m_fake)->addPod(debugPod);

        m_page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
        table->setFocus();
        // What F5 does in the window (View → Refresh on the Dashboard; see MainWindowMenusTest).
        m_session->relist();

        // The refresh really listed again, consistently, and the new pod arrived.
        const auto consistentPodLists = [this] {
            int n = 0;
            for (const auto& r : (*m_fake)->requestsMatching(QStringLiteral("GET"), QStringLiteral("/pods"))) {
                if (r.path == QLatin1String("/api/v1/namespaces/todo-app/pods") && !r.watch
                    && r.query.hasQueryItem(QStringLiteral("resourceVersion"))
                    && r.query.queryItemValue(QStringLiteral("resourceVersion")).isEmpty())
                    ++n;
            }
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(consistentPodLists(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(hasPodRow(QStringLiteral("debug-shell")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(informers->pods()->reflector()->isWatching(), 10000);

        QCOMPARE(m_session->informers(), informers);
        QCOMPARE(m_session->metrics(), metrics);
        // The same poller asked for fresh numbers at once rather than at its next 15 s tick.
        QTRY_VERIFY(!(*m_fake)->requestsMatching(QStringLiteral("GET"), QStringLiteral("/metrics.k8s.io/")).isEmpty());
        QCOMPARE(sourcesChanged.count(), 0);
        QCOMPARE(aboutToReset.count(), 0);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(selectedPodUid(), uid);
        QCOMPARE(table->currentIndex().data(PodTableModel::UidRole).toString(), uid);
        QCOMPARE(scroll->value(), scrolled);
        QCOMPARE(header->sortIndicatorSection(), int(PodTableModel::Name));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(table->model()->index(0, PodTableModel::Name).data().toString().left(8), QStringLiteral("frontend"));
        // The log pane: same target, same stream (no new log request), its lines kept, still following.
        QCOMPARE(logs->targetText(), pod);
        QVERIFY((*m_fake)->requestsMatching(QStringLiteral("GET"), QStringLiteral("/log")).isEmpty());
        QCOMPARE(logs->model()->entry(0).text, firstLogLine);
        QVERIFY(logs->model()->size() >= logLines);
        QTRY_VERIFY_WITH_TIMEOUT(logs->model()->size() > logLines, 10000);
        QVERIFY((*m_fake)->requestsMatching(QStringLiteral("GET"), QStringLiteral("/log")).isEmpty());
    }

    void filterAndShortcuts()
    {
        QTRY_COMPARE(m_page->podModel()->rowCount(), 2);
        auto* filter = m_page->findChild<QLineEdit*>(QStringLiteral("podFilter"));
        filter->setText(QStringLiteral("frontend"));
        QCOMPARE(m_page->podTable()->model()->rowCount(), 1);
        filter->clear();
        QCOMPARE(m_page->podTable()->model()->rowCount(), 2);
        // Ctrl+L focuses the filter.
        m_page->activateWindow();
        m_page->podTable()->setFocus();
        QTest::keyClick(m_page->podTable(), Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(filter->hasFocus());
        // Every button and edit has an accessible name.
        for (QPushButton* b : m_page->findChildren<QPushButton*>())
            QVERIFY2(!b->accessibleName().isEmpty() && !b->objectName().isEmpty(), qPrintable(b->text()));
        for (QLineEdit* e : m_page->findChildren<QLineEdit*>()) {
            if (!e->objectName().startsWith(QLatin1String("qt_"))
                && e->parent()->objectName() != QStringLiteral("namespaceBox") && !e->objectName().isEmpty())
                QVERIFY2(!e->accessibleName().isEmpty(), qPrintable(e->objectName()));
        }
    }
};

QTEST_MAIN(DashboardTest)
#include "DashboardTest.moc"
