#include "FakeObjectCache.h"

using namespace quayside::diagnosis;
using namespace quayside::diagnosis::testing;

// Services and their Endpoints (with subsets) over recorded objects, and the NodePort the API server
// refused.
class ServiceRulesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findings_data()
    {
        addFindingColumns();
        QTest::newRow("a selector with a typo: the labels side by side")
            << "services/selector-typo"
            << "todo"
            << "service-no-pods"
            << "backend"
            << "error"
            << "Service backend matches no pod (selector app=backnd)" << QStringList { "differ by a letter or a key" }
            << QStringList { "spec.selector = app=backnd", "no pod in todo-app has the labels app=backnd",
                             "deployment backend: spec.template.metadata.labels = "
                             "app=backend,app.kubernetes.io/instance=todo,app.kubernetes.io/name=backend" }
            << QStringList { "copy-command", "copy-command" } << QStringList {};
        QTest::newRow("a Deployment scaled to zero")
            << "services/scaled-to-zero"
            << "todo"
            << "service-no-pods"
            << "frontend"
            << "warning"
            << "Service frontend sends traffic nowhere: deployment frontend has no pods (0 desired)"
            << QStringList { "scaled to zero" } << QStringList { "spec.selector = app=frontend" }
            << QStringList { "scale-deployment", "copy-command", "copy-command" }
            << QStringList { "scale-deployment:deployment=frontend", "scale-deployment:replicas=1" };
        QTest::newRow("only not-ready addresses: tied to the pod's own finding")
            << "services/no-ready-endpoints"
            << "todo"
            << "service-no-endpoints"
            << "backend"
            << "error"
            << "Service backend has no ready endpoints: its pod backend-7d9c8f6b5-x2x7q is not ready"
            << QStringList { "only to pods that are ready" }
            << QStringList { "endpoints backend: 0 ready, 1 not ready",
                             "pod backend-7d9c8f6b5-x2x7q: CrashLoopBackOff, ready 0/1 — restarts: DATABASE_URL is not "
                             "set (secret key missing)" }
            << QStringList { "copy-command", "copy-command" } << QStringList {};
    }
    void findings() { verifyFindingRow(); }

    void absent()
    {
        verifyAbsent(QStringLiteral("services/healthy"), QStringLiteral("todo"),
                     { QStringLiteral("service-no-pods"), QStringLiteral("service-no-endpoints") });
    }

    // kube-apiserver refuses a Service whose nodePort another Service holds (422 Invalid, the service
    // REST storage's port allocator); Helm prints the Status message inside its own error.
    void nodePortTaken_data()
    {
        QTest::addColumn<QString>("error");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("helm install")
            << "Error: INSTALLATION FAILED: 1 error occurred:\n\t* Service \"frontend\" is invalid: "
               "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n"
            << QStringList { "nodeport-taken/Service/frontend" };
        QTest::newRow("kubectl apply") << "The Service \"frontend\" is invalid: spec.ports[0].nodePort: Invalid value: "
                                          "30080: provided port is already allocated"
                                       << QStringList { "nodeport-taken/Service/frontend" };
        QTest::newRow("another error") << "Error: UPGRADE FAILED: timed out waiting for the condition"
                                       << QStringList {};
    }
    void nodePortTaken()
    {
        QFETCH(QString, error);
        QFETCH(QStringList, keys);
        const QList<Finding> findings = Diagnoser::diagnoseApiError(error, QStringLiteral("todo-app"));
        QStringList got;
        for (const Finding& f : findings)
            got.append(f.key());
        QCOMPARE(got, keys);
        if (findings.isEmpty())
            return;
        const Finding& f = findings.first();
        QCOMPARE(f.summary,
                 QStringLiteral("Service frontend cannot use NodePort 30080: another Service already has it"));
        QVERIFY(f.explanation.contains(QStringLiteral("across namespaces")));
        QVERIFY(evidenceTexts(f).contains(QStringLiteral("spec.ports[0].nodePort = 30080")));
        QCOMPARE(f.actions.first().command, QStringLiteral("kubectl get services --all-namespaces | grep ':30080/'"));
    }
};

QTEST_GUILESS_MAIN(ServiceRulesTest)
#include "ServiceRulesTest.moc"
