#include "FakeObjectCache.h"
#include "kube/MetricsPoller.h"

using namespace quayside::diagnosis;
using namespace quayside::diagnosis::testing;

// metrics-server missing: an Info finding about the namespace, with the addon to enable.
class MetricsRulesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findings_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("command");
        QTest::newRow("404 with a minikube profile")
            << "todo" << quayside::kube::MetricsPoller::notEnabledMessage()
            << "CPU and memory usage are not available: metrics-server is not enabled"
            << "enable-metrics-server"
            << "minikube -p quayside addons enable metrics-server";
        QTest::newRow("503 on another cluster")
            << "none"
            << "metrics-server is not ready yet (the metrics API answered 503); it reports after its first scrape, "
               "within a minute"
            << "CPU and memory usage are not available: metrics-server is not ready yet (the metrics API answered "
               "503); "
               "it reports after its first scrape, within a minute"
            << "copy-command"
            << "kubectl apply -f "
               "https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml";
    }
    void findings()
    {
        QFETCH(QString, context);
        QFETCH(QString, problem);
        QFETCH(QString, summary);
        QFETCH(QString, action);
        QFETCH(QString, command);
        FakeObjectCache cache(QStringLiteral("services/healthy"));
        cache.setMetricsProblem(problem);
        const QList<Finding> findings = Diagnoser::diagnose(cache, contextNamed(context), fixtureNow());
        QCOMPARE(findings.size(), 1);
        const Finding& f = findings.first();
        QCOMPARE(f.key(), QStringLiteral("metrics-unavailable/Namespace/todo-app"));
        QCOMPARE(f.severity, Finding::Severity::Info);
        QCOMPARE(f.summary, summary);
        QCOMPARE(evidenceTexts(f), QStringList { problem });
        QCOMPARE(actionKinds(f), QStringList { action });
        QCOMPARE(f.actions.first().command, command);
    }

    void noProblemNoFinding()
    {
        const FakeObjectCache cache(QStringLiteral("services/healthy"));
        QVERIFY(Diagnoser::diagnose(cache, todoContext(), fixtureNow()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(MetricsRulesTest)
#include "MetricsRulesTest.moc"
