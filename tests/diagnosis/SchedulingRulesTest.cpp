#include "FakeObjectCache.h"

using namespace quayside::diagnosis;
using namespace quayside::diagnosis::testing;

// Pending pods and the scheduler's FailedScheduling events (events.k8s.io: eventTime and series).
class SchedulingRulesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findings_data()
    {
        addFindingColumns();
        QTest::newRow("Insufficient cpu: the numbers, a bigger minikube, smaller requests, fewer replicas")
            << "scheduling/insufficient-cpu"
            << "todo"
            << "unschedulable"
            << "backend-7d9c8f6b5-p3nd1"
            << "error"
            << "backend-7d9c8f6b5-p3nd1 cannot be scheduled: not enough cpu on minikube (1500m CPU requested, at "
               "most 1000m free)"
            << QStringList { "unreserved cpu", "bigger minikube" }
            << QStringList { "Warning FailedScheduling (x3, 0s ago): 0/1 nodes are available: 1 Insufficient cpu. "
                             "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
                             "requests of this pod: cpu 1500m, memory 256Mi",
                             "node minikube allocatable: cpu 2, memory 3820Mi",
                             "requested on minikube by 1 pod of todo-app: cpu 1, memory 256Mi (pods of other "
                             "namespaces, "
                             "such as kube-system, request more)" }
            << QStringList { "copy-command", "copy-command", "scale-deployment" }
            << QStringList { "scale-deployment:replicas=1", "scale-deployment:deployment=backend" };
        QTest::newRow("Insufficient memory")
            << "scheduling/insufficient-memory"
            << "todo"
            << "unschedulable"
            << "backend-7d9c8f6b5-p3nd2"
            << "error"
            << "backend-7d9c8f6b5-p3nd2 cannot be scheduled: not enough memory on minikube (3072Mi memory "
               "requested, at most 748Mi free)"
            << QStringList { "unreserved memory" }
            << QStringList { "Warning FailedScheduling (119s ago): 0/1 nodes are available: 1 Insufficient memory. "
                             "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod." }
            << QStringList { "copy-command", "copy-command", "scale-deployment" } << QStringList {};
        QTest::newRow("a taint: the scheduler's words")
            << "scheduling/taint"
            << "none"
            << "unschedulable"
            << "backend-7d9c8f6b5-t4int"
            << "error"
            << "backend-7d9c8f6b5-t4int cannot be scheduled: 0/1 nodes are available: 1 node(s) had untolerated taint "
               "{node.kubernetes.io/disk-pressure: }"
            << QStringList { "a taint the pod does not tolerate" } << QStringList {} << QStringList { "copy-command" }
            << QStringList {};
    }
    void findings() { verifyFindingRow(); }

    void commands()
    {
        const FakeObjectCache cpu(QStringLiteral("scheduling/insufficient-cpu"));
        std::optional<Finding> f
            = diagnosed(cpu, todoContext(), QStringLiteral("unschedulable"), QStringLiteral("backend-7d9c8f6b5-p3nd1"));
        QVERIFY(f);
        // minikube cannot resize a cluster: the command recreates it, and says so.
        QCOMPARE(f->actions.at(0).command,
                 QStringLiteral("minikube delete -p quayside && minikube start -p quayside --cpus=4 --memory=4096"));
        QVERIFY(f->actions.at(0).confirmText.contains(QStringLiteral("deletes the cluster")));
        QCOMPARE(f->actions.at(1).command,
                 QStringLiteral("kubectl -n todo-app set resources deployment/backend -c backend --requests=cpu=900m"));
        const FakeObjectCache memory(QStringLiteral("scheduling/insufficient-memory"));
        f = diagnosed(memory, todoContext(), QStringLiteral("unschedulable"),
                      QStringLiteral("backend-7d9c8f6b5-p3nd2"));
        QVERIFY(f);
        QCOMPARE(f->actions.at(0).command,
                 QStringLiteral("minikube delete -p quayside && minikube start -p quayside --cpus=2 --memory=8192"));
        QCOMPARE(
            f->actions.at(1).command,
            QStringLiteral("kubectl -n todo-app set resources deployment/backend -c backend --requests=memory=640Mi"));
        // Without a minikube profile there is no minikube to resize.
        f = diagnosed(memory, DiagnosisContext(), QStringLiteral("unschedulable"),
                      QStringLiteral("backend-7d9c8f6b5-p3nd2"));
        QVERIFY(f);
        QCOMPARE(actionKinds(*f), (QStringList { QStringLiteral("copy-command"), QStringLiteral("scale-deployment") }));
    }

    void absent()
    {
        verifyAbsent(QStringLiteral("rollout/in-progress"), QStringLiteral("todo"),
                     { QStringLiteral("unschedulable") });
        verifyAbsent(QStringLiteral("image/never-pull"), QStringLiteral("todo"), { QStringLiteral("unschedulable") });
    }
};

QTEST_GUILESS_MAIN(SchedulingRulesTest)
#include "SchedulingRulesTest.moc"
