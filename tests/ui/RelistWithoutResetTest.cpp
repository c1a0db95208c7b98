#include "FakeApiServer.h"
#include "dashboard/DeploymentCard.h"
#include "dashboard/DeploymentsPanel.h"
#include "dashboard/EventTableModel.h"
#include "dashboard/PodTableModel.h"
#include "kube/Informer.h"
#include "kube/InformerSet.h"
#include "kube/KubeClient.h"
#include "kube/KubeconfigLoader.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

using namespace quayside;
using namespace quayside::ui;
using quayside::test::FakeApiServer;

namespace {

const QString kNamespace = QStringLiteral("todo-app");

// A pod no controller owns, so deleting it removes exactly one pod (a ReplicaSet would replace it).
QJsonObject barePod(const QString& name)
{
    return QJsonObject {
        { QStringLiteral("metadata"),
          QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("namespace"), kNamespace } } },
        { QStringLiteral("spec"),
          QJsonObject {
              { QStringLiteral("containers"),
                QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("shell") },
                                           { QStringLiteral("image"), QStringLiteral("busybox:1.36") } } } } } },
    };
}

QString uidOf(const QJsonObject& object)
{
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
}

// Counts every way a model can reset; a relist must leave both at 0.
struct ResetSpies
{
    explicit ResetSpies(QAbstractItemModel* model)
        : aboutToReset(model, &QAbstractItemModel::modelAboutToBeReset)
        , reset(model, &QAbstractItemModel::modelReset)
    { }
    QSignalSpy aboutToReset;
    QSignalSpy reset;
};

} // namespace

// A relist (F5, the refresh after a deploy) on the informers the dashboard's models are bound to:
// each model applies the difference - rows inserted, changed, removed - and none resets, which is
// what keeps a view's selection and scroll position. QAbstractItemModelTester checks every signal
// the models send on the way. The server runs on this thread, so the watch cannot deliver the
// changes made right before relist(): they arrive through the relist's list.
class RelistWithoutResetTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<kube::KubeClient> m_client;
    std::unique_ptr<kube::InformerSet> m_informers;

    bool relistAndWait()
    {
        std::vector<std::unique_ptr<QSignalSpy>> relisted;
        for (kube::Informer* informer : m_informers->informers())
            relisted.push_back(std::make_unique<QSignalSpy>(informer, &kube::Informer::relisted));
        m_informers->relist();
        for (const auto& spy : relisted) {
            if (spy->isEmpty() && !spy->wait(10'000))
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeApiServer>();
        FakeApiServer::Options options;
        options.contextNamespace = kNamespace;
        QVERIFY2(m_server->start(options), qPrintable(m_server->errorString()));
        kube::KubeconfigLoader::Options kube;
        kube.explicitPath = m_server->kubeconfigPath();
        QString error;
        const auto config = kube::KubeconfigLoader::load(kube, &error);
        QVERIFY2(config, qPrintable(error));
        m_client = std::make_unique<kube::KubeClient>(*config);
        kube::InformerSet::Options set;
        set.nameSpace = kNamespace;
        m_informers = std::make_unique<kube::InformerSet>(m_client.get(), set);
    }

    void cleanup()
    {
        m_informers.reset();
        m_client.reset();
        m_server.reset();
    }

    void podTableAppliesTheDiff()
    {
        const QString goneUid = uidOf(m_server->addPod(barePod(QStringLiteral("debug-old"))));
        m_informers->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_informers->hasSynced(), 10'000);
        PodTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSource(m_informers->pods(), m_informers->podView());
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.rowOf(goneUid) >= 0);
        // Below the row that goes away, so its number changes while it stays the same row.
        const QPersistentModelIndex kept = model.index(model.rowCount() - 1, PodTableModel::Name);
        const QString keptUid = kept.data(PodTableModel::UidRole).toString();
        QVERIFY(keptUid != goneUid);
        ResetSpies resets(&model);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        const QString addedUid = uidOf(m_server->addPod(barePod(QStringLiteral("debug-new"))));
        QVERIFY(m_server->deletePod(kNamespace, QStringLiteral("debug-old"), false));
        QVERIFY(relistAndWait());

        QCOMPARE(resets.aboutToReset.count(), 0);
        QCOMPARE(resets.reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.rowOf(addedUid) >= 0);
        QCOMPARE(model.rowOf(goneUid), -1);
        // A row that did not change is the same row: what a view's selection holds on to.
        QVERIFY(kept.isValid());
        QCOMPARE(kept.data(PodTableModel::UidRole).toString(), keptUid);

        // A relist of an unchanged cluster says nothing at all.
        inserted.clear();
        removed.clear();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QVERIFY(relistAndWait());
        QCOMPARE(resets.reset.count(), 0);
        QCOMPARE(inserted.count() + removed.count() + layout.count(), 0);
        // Only the age column ticks on its own (once a second), never a whole row.
        for (const QList<QVariant>& signal : std::as_const(changed)) {
            QCOMPARE(signal.at(0).toModelIndex().column(), int(PodTableModel::Age));
            QCOMPARE(signal.at(1).toModelIndex().column(), int(PodTableModel::Age));
        }
    }

    void eventTableAppliesTheDiff()
    {
        m_informers->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_informers->hasSynced(), 10'000);
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSource(m_informers->events());
        const int before = model.rowCount();
        ResetSpies resets(&model);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        // The simulated kubelet records Scheduled, Pulled, Created and Started for the new pod.
        m_server->addPod(barePod(QStringLiteral("debug-new")));
        QVERIFY(relistAndWait());

        QCOMPARE(resets.aboutToReset.count(), 0);
        QCOMPARE(resets.reset.count(), 0);
        QVERIFY(inserted.count() > 0);
        QCOMPARE(model.rowCount(), before + inserted.count());
        QCOMPARE(model.rowCount(), m_informers->events()->store().size());
        bool seen = false;
        for (int row = 0; row < model.rowCount(); ++row)
            seen = seen || model.eventAt(row)->object == QLatin1String("pod/debug-new");
        QVERIFY(seen);
    }

    void deploymentCardsAreUpdatedNotRebuilt()
    {
        m_informers->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_informers->hasSynced(), 10'000);
        DeploymentsPanel panel;
        panel.setSource(m_informers->deployments(), nullptr, kNamespace);
        const QPointer<DeploymentCard> backend = panel.card(QStringLiteral("backend"));
        const QPointer<DeploymentCard> frontend = panel.card(QStringLiteral("frontend"));
        QVERIFY(backend && frontend);

        QVERIFY(m_server->setDeploymentReplicas(kNamespace, QStringLiteral("backend"), 3));
        QVERIFY(relistAndWait());
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // a removed card would be gone now

        QVERIFY(backend && frontend);
        QCOMPARE(panel.card(QStringLiteral("backend")), backend.data());
        QCOMPARE(panel.card(QStringLiteral("frontend")), frontend.data());
        QCOMPARE(backend->deployment().desired, 3);
        QCOMPARE(backend->deployment().ready, 3);
    }
};

QTEST_MAIN(RelistWithoutResetTest)
#include "RelistWithoutResetTest.moc"
