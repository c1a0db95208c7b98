#include "diagnosis/rules/ProbeRules.h"

#include "FakeObjectCache.h"

using namespace quayside::diagnosis;
using namespace quayside::diagnosis::testing;

// Readiness, liveness and startup probes over recorded pods and the kubelet's Unhealthy events.
class ProbeRulesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findings_data()
    {
        addFindingColumns();
        QTest::newRow("readiness: connection refused")
            << "probes/readiness-refused"
            << "todo"
            << "probe-failing"
            << "backend-7d9c8f6b5-r3dy0"
            << "warning"
            << "backend-7d9c8f6b5-r3dy0 is not ready: its readiness probe GET :8000/healthz fails (connection refused)"
            << QStringList { "sends a pod no traffic", "listen on 0.0.0.0" }
            << QStringList { "spec.containers[backend].readinessProbe = http-get http://:8000/healthz delay=0s "
                             "timeout=1s "
                             "period=10s #success=1 #failure=3",
                             "Warning Unhealthy (x71, 0s ago): Readiness probe failed: Get "
                             "\"http://10.244.0.12:8000/healthz\": dial tcp 10.244.0.12:8000: connect: connection "
                             "refused",
                             "containerStatuses[backend].ready = false" }
            << QStringList { "copy-command", "copy-command" } << QStringList {};
        QTest::newRow("liveness: HTTP 500 and the restarts it caused, through a named port")
            << "probes/liveness-500"
            << "todo"
            << "probe-failing"
            << "backend-7d9c8f6b5-l1v3n"
            << "error"
            << "backend-7d9c8f6b5-l1v3n: its liveness probe GET :8000/healthz fails (HTTP 500), restarted 3 times"
            << QStringList { "kills the container", "answers HTTP 500 on /healthz" }
            << QStringList { "spec.containers[backend].livenessProbe = http-get http://:http/healthz delay=0s "
                             "timeout=1s "
                             "period=5s #success=1 #failure=3",
                             "Warning Unhealthy (x12, 0s ago): Liveness probe failed: HTTP probe failed with "
                             "statuscode: 500",
                             "restarts caused by the liveness probe: 3" }
            << QStringList { "copy-command", "copy-command" } << QStringList {};
        QTest::newRow("startup: timed out, killed once")
            << "probes/startup-timeout"
            << "todo"
            << "probe-failing"
            << "backend-7d9c8f6b5-st4rt"
            << "error"
            << "backend-7d9c8f6b5-st4rt does not finish starting: its startup probe GET :8000/ready fails (timed out)"
            << QStringList { "after 30 failures (300s)", "timeoutSeconds (1s)" }
            << QStringList { "restarts caused by the startup probe: 1" }
            << QStringList { "copy-command", "copy-command" } << QStringList {};
    }
    void findings() { verifyFindingRow(); }

    void portForwardCommand()
    {
        const FakeObjectCache cache(QStringLiteral("probes/liveness-500"));
        std::optional<Finding> f = diagnosed(cache, todoContext(), QStringLiteral("probe-failing"),
                                             QStringLiteral("backend-7d9c8f6b5-l1v3n"));
        QVERIFY(f);
        // The named port "http" resolved to the container's 8000.
        QCOMPARE(f->actions.first().command,
                 QStringLiteral("kubectl -n todo-app port-forward pod/backend-7d9c8f6b5-l1v3n 8000:8000"));
    }

    void failureReason_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("reason");
        QTest::newRow("refused") << "Readiness probe failed: Get \"http://10.244.0.12:8000/healthz\": dial tcp "
                                    "10.244.0.12:8000: connect: connection refused"
                                 << "connection refused";
        QTest::newRow("status") << "Liveness probe failed: HTTP probe failed with statuscode: 503"
                                << "HTTP 503";
        QTest::newRow("timeout")
            << "Readiness probe failed: Get \"http://10.244.0.12:8000/\": context deadline exceeded "
               "(Client.Timeout exceeded while awaiting headers)"
            << "timed out";
        QTest::newRow("exec") << "Readiness probe failed: pg_isready: no response"
                              << "pg_isready: no response";
    }
    void failureReason()
    {
        QFETCH(QString, message);
        QFETCH(QString, reason);
        QCOMPARE(ProbeRules::failureReason(message), reason);
    }

    void absent()
    {
        // Failed while starting, ready now: nothing to say.
        verifyAbsent(QStringLiteral("probes/recovered"), QStringLiteral("todo"), { QStringLiteral("probe-failing") });
        verifyAbsent(QStringLiteral("crash/missing-env"), QStringLiteral("todo"), { QStringLiteral("probe-failing") });
    }
};

QTEST_GUILESS_MAIN(ProbeRulesTest)
#include "ProbeRulesTest.moc"
