#include "dashboard/PodTableModel.h"

#include "PodJson.h"
#include "core/Clock.h"
#include "kube/ApiResource.h"
#include "kube/Informer.h"
#include "kube/PodView.h"
#include "kube/WatchEvent.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace quayside::kube;
using namespace quayside::ui;
using quayside::test::podJson;

namespace {
WatchEvent watchEvent(WatchEvent::Type type, const QJsonObject& object)
{
    WatchEvent e;
    e.type = type;
    e.object = object;
    return e;
}
} // namespace

class PodTableModelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsTheInformerIncrementally()
    {
        Informer pods(nullptr, ApiResource::pods(), {});
        PodView view(&pods);
        PodTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        pods.applyList({ podJson("backend-a", "u1", 1), podJson("backend-b", "u2", 2) });
        model.setSource(&pods, &view);
        QCOMPARE(model.rowCount(), 2);

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);

        // A new pod appears: one insert, nothing else touched.
        pods.applyEvents(
            { watchEvent(WatchEvent::Type::Added, podJson("backend-c", "u3", 3, "waiting", "ContainerCreating")) });
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        const int row = model.rowOf("u3");
        QCOMPARE(model.index(row, PodTableModel::Status).data().toString(), QStringLiteral("ContainerCreating"));

        // It starts: one dataChanged for its row only.
        changes.clear();
        pods.applyEvents({ watchEvent(WatchEvent::Type::Modified, podJson("backend-c", "u3", 4)) });
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes.at(0).at(0).toModelIndex().row(), row);
        QCOMPARE(model.index(row, PodTableModel::Status).data().toString(), QStringLiteral("Running"));

        // Crash looping: status and restarts show it.
        pods.applyEvents({ watchEvent(WatchEvent::Type::Modified,
                                      podJson("backend-a", "u1", 5, "waiting", "CrashLoopBackOff", 4)) });
        const int crashRow = model.rowOf("u1");
        QCOMPARE(model.index(crashRow, PodTableModel::Status).data().toString(), QStringLiteral("CrashLoopBackOff"));
        QVERIFY(model.index(crashRow, PodTableModel::Restarts).data().toString().startsWith(QLatin1String("4")));

        // A deleted pod goes away.
        pods.applyEvents({ watchEvent(WatchEvent::Type::Deleted, podJson("backend-b", "u2", 6)) });
        QCOMPARE(removes.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf("u2"), -1);
        QCOMPARE(model.index(model.rowOf("u3"), PodTableModel::Name).data().toString(), QStringLiteral("backend-c"));

        // A relist (after a 410) is a diff: no reset.
        pods.applyList(
            { podJson("backend-a", "u1", 5, "waiting", "CrashLoopBackOff", 4), podJson("backend-d", "u4", 9) });
        QCOMPARE(resets.count(), 0);
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.rowOf("u4") >= 0);
        QCOMPARE(model.rowOf("u3"), -1);
    }

    void manyChangesAreOneSignal()
    {
        Informer pods(nullptr, ApiResource::pods(), {});
        PodView view(&pods);
        QList<QJsonObject> items;
        for (int i = 0; i < 200; ++i)
            items << podJson(QStringLiteral("p-%1").arg(i), QStringLiteral("uid-%1").arg(i), i + 1);
        pods.applyList(items);
        PodTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSource(&pods, &view);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        QList<WatchEvent> events;
        for (int i = 0; i < 200; ++i)
            events << watchEvent(WatchEvent::Type::Modified,
                                 podJson(QStringLiteral("p-%1").arg(i), QStringLiteral("uid-%1").arg(i), 1000 + i));
        pods.applyEvents(events);
        QCOMPARE(changes.count(), 1);
    }

    void usageFillsCpuAndMemory()
    {
        Informer pods(nullptr, ApiResource::pods(), {});
        PodView view(&pods);
        pods.applyList({ podJson("backend-a", "u1", 1) });
        PodTableModel model;
        model.setSource(&pods, &view);
        QCOMPARE(model.index(0, PodTableModel::Cpu).data().toString(), QStringLiteral("—"));
        model.setUsage({ { QStringLiteral("backend-a"), { 13, 120 * 1024 * 1024 } } });
        QCOMPARE(model.index(0, PodTableModel::Cpu).data().toString(), QStringLiteral("13m"));
        QCOMPARE(model.index(0, PodTableModel::Memory).data().toString(), QStringLiteral("120Mi"));
    }

    void ageTicks()
    {
        ManualClock clock(QDateTime::fromString(QStringLiteral("2023-11-14T22:13:50Z"), Qt::ISODate));
        Informer pods(nullptr, ApiResource::pods(), {});
        PodView view(&pods);
        pods.applyList({ podJson("backend-a", "u1", 1) });
        PodTableModel model;
        model.setClock(&clock);
        model.setSource(&pods, &view);
        QCOMPARE(model.index(0, PodTableModel::Age).data().toString(), QStringLiteral("30s"));
        clock.advance(std::chrono::minutes(5));
        QCOMPARE(model.index(0, PodTableModel::Age).data().toString(), QStringLiteral("5m30s"));
    }
};

QTEST_MAIN(PodTableModelTest)
#include "PodTableModelTest.moc"
