#include "kube/MetricsPoller.h"

#include "KubeTestSupport.h"
#include "kube/KubeClient.h"
#include "kubeapi/FakeApiServer.h"

#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace quayside::kube;
using namespace quayside::kube::testing;
using quayside::test::FakeApiServer;

class MetricsPollerTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<KubeClient> m_client;

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeApiServer>();
        QVERIFY2(m_server->start(serverOptions()), qPrintable(m_server->errorString()));
        m_client = std::make_unique<KubeClient>(loadConfig(m_server->kubeconfigPath()));
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void parse_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("cpu");
        QTest::addColumn<qint64>("memory");
        QTest::newRow("nanocores and Ki")
            << QByteArray(R"({"items":[{"metadata":{"name":"p"},"timestamp":"2025-01-01T00:00:00Z","window":"15s",
                 "containers":[{"name":"a","usage":{"cpu":"12345678n","memory":"123456Ki"}}]}]})")
            << "p" << qint64(13) << qint64(126418944);
        QTest::newRow("containers are summed") << QByteArray(R"({"items":[{"metadata":{"name":"p"},"containers":[
                 {"name":"a","usage":{"cpu":"250m","memory":"64Mi"}},{"name":"b","usage":{"cpu":"1","memory":"1Gi"}}]}]})")
                                               << "p" << qint64(1250) << qint64(1140850688);
        QTest::newRow("node metrics") << QByteArray(
            R"({"items":[{"metadata":{"name":"minikube"},"usage":{"cpu":"350m","memory":"1500Mi"}}]})")
                                      << "minikube" << qint64(350) << qint64(1572864000);
        QTest::newRow("micro and plain bytes") << QByteArray(
            R"({"items":[{"metadata":{"name":"p"},"containers":[{"name":"a","usage":{"cpu":"2500u","memory":"1048576"}}]}]})")
                                               << "p" << qint64(3) << qint64(1048576);
    }
    void parse()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, name);
        QFETCH(qint64, cpu);
        QFETCH(qint64, memory);
        const auto usage = MetricsPoller::parse(body);
        QVERIFY(usage.contains(name));
        QCOMPARE(qint64(usage.value(name).cpuMillicores), cpu);
        QCOMPARE(qint64(usage.value(name).memoryBytes), memory);
    }

    void pollsPodsAndNodes()
    {
        MetricsPoller poller(m_client.get(), QStringLiteral("todo-app"));
        QSignalSpy updated(&poller, &MetricsPoller::updated);
        poller.start();
        QVERIFY(updated.wait(10'000));
        QVERIFY(poller.isAvailable());
        QCOMPARE(poller.pods().size(), qsizetype(2));
        for (const QJsonObject& pod : m_server->pods(QStringLiteral("todo-app"))) {
            const auto usage
                = poller.pod(pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString());
            QVERIFY(usage);
            QVERIFY(usage->cpuMillicores > 0);
            QVERIFY(usage->memoryBytes > 0);
        }
        QVERIFY(poller.node(QStringLiteral("minikube")));
        QCOMPARE(m_server
                     ->requestsMatching(QStringLiteral("GET"),
                                        QStringLiteral("/apis/metrics.k8s.io/v1beta1/namespaces/todo-app/pods"))
                     .size(),
                 1);
        poller.stop();
    }

    void pollsAtItsInterval()
    {
        MetricsPoller poller(m_client.get(), QStringLiteral("todo-app"));
        QCOMPARE(std::chrono::milliseconds(std::chrono::seconds(15)).count(),
                 std::chrono::milliseconds(MetricsPoller::kDefaultInterval).count());
        poller.setInterval(std::chrono::milliseconds(200));
        QSignalSpy updated(&poller, &MetricsPoller::updated);
        poller.start();
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 3, 10'000);
        poller.stop();
    }

    // No metrics-server: say how to enable it, keep polling, and recover once it is there.
    void metricsServerMissing()
    {
        m_server->setMetricsEnabled(false);
        MetricsPoller poller(m_client.get(), QStringLiteral("todo-app"));
        poller.setInterval(std::chrono::milliseconds(200));
        QSignalSpy unavailable(&poller, &MetricsPoller::unavailable);
        QSignalSpy updated(&poller, &MetricsPoller::updated);
        poller.start();
        QVERIFY(unavailable.wait(10'000));
        QCOMPARE(unavailable.first().at(0).toString(),
                 QStringLiteral("metrics-server is not enabled: minikube addons enable metrics-server"));
        QVERIFY(!poller.isAvailable());
        QVERIFY(!poller.pod(QStringLiteral("anything")));
        QTest::qWait(500);
        QCOMPARE(unavailable.count(), 1); // said once, not on every poll
        QCOMPARE(updated.count(), 0);
        m_server->setMetricsEnabled(true);
        QVERIFY(updated.wait(10'000));
        QVERIFY(poller.isAvailable());
        QCOMPARE(poller.pods().size(), qsizetype(2));
    }
};

QTEST_GUILESS_MAIN(MetricsPollerTest)
#include "MetricsPollerTest.moc"
