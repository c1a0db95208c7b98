#include "FakeObjectCache.h"

using namespace quayside::diagnosis;
using namespace quayside::diagnosis::testing;

// Deployments whose rollout does not finish, tied to the pods that block them.
class RolloutRulesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findings_data()
    {
        addFindingColumns();
        const QStringList actions { "restart-deployment", "copy-command", "copy-command" };
        QTest::newRow("ProgressDeadlineExceeded, blocked by a crash-looping pod")
            << "rollout/deadline-exceeded"
            << "todo"
            << "rollout-stuck"
            << "backend"
            << "error"
            << "deployment backend exceeded its progress deadline: 0 of 1 available — blocked by "
               "backend-7d9c8f6b5-x2x7q (CrashLoopBackOff)"
            << QStringList { "ProgressDeadlineExceeded", "does not roll back by itself" }
            << QStringList { "status: 0/1 ready, 1 updated, 0 available, 1 unavailable (maxUnavailable 25% = 0)",
                             "conditions[Progressing]: False ProgressDeadlineExceeded: ReplicaSet "
                             "\"backend-7d9c8f6b5\" "
                             "has timed out progressing.",
                             "pod backend-7d9c8f6b5-x2x7q: CrashLoopBackOff, ready 0/1, restarts 5 — restarts: "
                             "DATABASE_URL is not set (secret key missing)" }
            << actions << QStringList { "restart-deployment:deployment=backend" };
        QTest::newRow("more unavailable than allowed, blocked by a pod that cannot be scheduled")
            << "scheduling/insufficient-cpu"
            << "todo"
            << "rollout-stuck"
            << "backend"
            << "error"
            << "deployment backend is stuck: 1 of 2 available — blocked by backend-7d9c8f6b5-p3nd1 (Pending)"
            << QStringList {}
            << QStringList { "status: 1/2 ready, 2 updated, 1 available, 1 unavailable (maxUnavailable 25% = 0)" }
            << actions << QStringList {};
        QTest::newRow("a quota refuses its pods")
            << "rollout/quota"
            << "todo"
            << "rollout-stuck"
            << "backend"
            << "error"
            << "deployment backend cannot create its pods: pods \"backend-7d9c8f6b5-8xk2p\" is forbidden: exceeded "
               "quota: "
               "compute, requested: limits.memory=1Gi, used: limits.memory=3Gi, limited: limits.memory=3Gi"
            << QStringList { "ResourceQuota" }
            << QStringList { "Warning FailedCreate (x8, 60s ago): Error creating: pods \"backend-7d9c8f6b5-8xk2p\" is "
                             "forbidden: exceeded quota: compute, requested: limits.memory=1Gi, used: "
                             "limits.memory=3Gi, limited: limits.memory=3Gi" }
            << actions << QStringList {};
        QTest::newRow("paused") << "rollout/paused"
                                << "todo"
                                << "rollout-paused"
                                << "backend"
                                << "warning"
                                << "deployment backend is paused: changes to it are not rolled out"
                                << QStringList { "until it is resumed" } << QStringList { "spec.paused = true" }
                                << QStringList { "copy-command" } << QStringList {};
    }
    void findings() { verifyFindingRow(); }

    // A Helm release rolls back with helm; without one, kubectl's undo.
    void rollBackCommand()
    {
        const FakeObjectCache cache(QStringLiteral("rollout/deadline-exceeded"));
        std::optional<Finding> f
            = diagnosed(cache, todoContext(), QStringLiteral("rollout-stuck"), QStringLiteral("backend"));
        QVERIFY(f);
        QCOMPARE(f->actions.at(1).command, QStringLiteral("helm rollback todo -n todo-app"));
        f = diagnosed(cache, DiagnosisContext(), QStringLiteral("rollout-stuck"), QStringLiteral("backend"));
        QVERIFY(f);
        QCOMPARE(f->actions.at(1).command, QStringLiteral("kubectl -n todo-app rollout undo deployment/backend"));
    }

    void blockingPods()
    {
        const FakeObjectCache cache(QStringLiteral("scheduling/insufficient-cpu"));
        QCOMPARE(Diagnoser::blockingPods(cache, QStringLiteral("backend")),
                 QStringList { QStringLiteral("backend-7d9c8f6b5-p3nd1") });
        const FakeObjectCache healthy(QStringLiteral("services/healthy"));
        QVERIFY(Diagnoser::blockingPods(healthy, QStringLiteral("backend")).isEmpty());
    }

    void absent()
    {
        // A pod still being created is a rollout in progress, not a stuck one.
        verifyAbsent(QStringLiteral("rollout/in-progress"), QStringLiteral("todo"),
                     { QStringLiteral("rollout-stuck") });
        verifyAbsent(QStringLiteral("services/healthy"), QStringLiteral("todo"),
                     { QStringLiteral("rollout-stuck"), QStringLiteral("rollout-paused") });
    }
};

QTEST_GUILESS_MAIN(RolloutRulesTest)
#include "RolloutRulesTest.moc"
