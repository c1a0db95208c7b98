#include "diagnosis/SnapshotLoader.h"

#include "diagnosis/Diagnoser.h"
#include "kube/KubeClient.h"
#include "kube/KubeTestSupport.h"
#include "kube/MetricsPoller.h"

#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace quayside::diagnosis;
using namespace quayside::kube::testing;
using quayside::test::FakeApiServer;
using quayside::test::Scenario;

namespace {

QString nameOf(const QJsonObject& o)
{
    return o.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
}

DiagnosisContext context()
{
    DiagnosisContext c;
    c.secretName = QStringLiteral("todo-secrets");
    c.secretKeys = { QStringLiteral("DATABASE_URL"), QStringLiteral("JWT_SECRET") };
    return c;
}

} // namespace

// The one-shot snapshot `quayside diagnose` and the rollout step diagnose, against the fake API server.
class SnapshotLoaderTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<kube::KubeClient> m_client;

    bool load(SnapshotLoader& loader, const SnapshotLoader::Options& options, bool* ok, QString* error)
    {
        QSignalSpy finished(&loader, &SnapshotLoader::finished);
        loader.load(QStringLiteral("todo-app"), options);
        if (!finished.wait(15'000))
            return false;
        *ok = finished.first().at(0).toBool();
        *error = finished.first().at(1).toString();
        return finished.count() == 1;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeApiServer>();
        QVERIFY2(m_server->start(serverOptions(Scenario::crashLoop())), qPrintable(m_server->errorString()));
        m_client = std::make_unique<kube::KubeClient>(loadConfig(m_server->kubeconfigPath()));
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void everyListThenThePreviousLogs()
    {
        SnapshotLoader loader(m_client.get());
        bool ok = false;
        QString error;
        QVERIFY(load(loader, {}, &ok, &error));
        QVERIFY2(ok, qPrintable(error));
        const SnapshotCache& cache = loader.cache();
        QCOMPARE(cache.nameSpace(), QStringLiteral("todo-app"));
        QCOMPARE(cache.pods().size(), 2);
        QCOMPARE(cache.deployments().size(), 2);
        QVERIFY(!cache.replicaSets().isEmpty());
        QCOMPARE(cache.services().size(), 2);
        QVERIFY(!cache.events().isEmpty());
        QCOMPARE(cache.nodes().size(), 1);
        QVERIFY(cache.hasMetrics());
        for (const char* path :
             { "/api/v1/namespaces/todo-app/pods", "/apis/apps/v1/namespaces/todo-app/deployments",
               "/apis/apps/v1/namespaces/todo-app/replicasets", "/api/v1/namespaces/todo-app/services",
               "/api/v1/namespaces/todo-app/endpoints", "/api/v1/namespaces/todo-app/events", "/api/v1/nodes",
               "/apis/metrics.k8s.io/v1beta1/namespaces/todo-app/pods" }) {
            bool asked = false;
            for (const test::RecordedRequest& r :
                 m_server->requestsMatching(QStringLiteral("GET"), QString::fromLatin1(path)))
                asked = asked || r.path == QLatin1String(path);
            QVERIFY2(asked, path);
        }
        const QString crashing
            = nameOf(m_server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")).first());
        QCOMPARE(cache.previousLog(crashing, QStringLiteral("backend")).last(),
                 QStringLiteral("KeyError: 'DATABASE_URL'"));
        // Only the crash-looping container's log was asked for.
        QCOMPARE(m_server->requestsMatching(QStringLiteral("GET"), QStringLiteral("/log")).size(), 1);

        const QList<Finding> findings = Diagnoser::diagnose(cache, context(), QDateTime::currentDateTimeUtc());
        const auto crash = std::find_if(findings.cbegin(), findings.cend(), [&](const Finding& f) {
            return f.rule == QLatin1String("crash-loop") && f.objectName == crashing;
        });
        QVERIFY(crash != findings.cend());
        QCOMPARE(crash->summary, crashing + QStringLiteral(" restarts: DATABASE_URL is not set (secret key missing)"));
    }

    void withoutMetricsServer()
    {
        m_server->setMetricsEnabled(false);
        SnapshotLoader loader(m_client.get());
        bool ok = false;
        QString error;
        SnapshotLoader::Options options;
        options.previousLogs = false;
        QVERIFY(load(loader, options, &ok, &error));
        QVERIFY2(ok, qPrintable(error));
        QVERIFY(!loader.cache().hasMetrics());
        QCOMPARE(loader.cache().metricsProblem(), kube::MetricsPoller::notEnabledMessage());
        QVERIFY(m_server->requestsMatching(QStringLiteral("GET"), QStringLiteral("/log")).isEmpty());
        DiagnosisContext c = context();
        c.minikubeProfile = QStringLiteral("quayside");
        bool metricsFinding = false;
        for (const Finding& f : Diagnoser::diagnose(loader.cache(), c, QDateTime::currentDateTimeUtc()))
            metricsFinding = metricsFinding
                || (f.rule == QLatin1String("metrics-unavailable")
                    && f.actions.first().kind == Action::Kind::EnableMetricsServer);
        QVERIFY(metricsFinding);
    }

    // Metrics left out entirely: not asked for, and not a problem.
    void metricsOptional()
    {
        SnapshotLoader loader(m_client.get());
        bool ok = false;
        QString error;
        SnapshotLoader::Options options;
        options.metrics = false;
        options.previousLogs = false;
        QVERIFY(load(loader, options, &ok, &error));
        QVERIFY(ok);
        QVERIFY(loader.cache().metricsProblem().isEmpty());
        QVERIFY(m_server->requestsMatching(QStringLiteral("GET"), QStringLiteral("metrics.k8s.io")).isEmpty());
    }

    // A namespaced list failing fails the snapshot; Nodes (cluster-scoped, often forbidden) do not.
    void errors()
    {
        SnapshotLoader loader(m_client.get());
        bool ok = true;
        QString error;
        m_server->failNextRequests(1, 403, QStringLiteral("/api/v1/nodes"));
        QVERIFY(load(loader, {}, &ok, &error));
        QVERIFY2(ok, qPrintable(error));
        QVERIFY(loader.cache().nodes().isEmpty());

        m_server->failNextRequests(1, 500, QStringLiteral("/deployments"));
        QVERIFY(load(loader, {}, &ok, &error));
        QVERIFY(!ok);
        QVERIFY(!error.isEmpty());
    }

    void noClient()
    {
        SnapshotLoader loader(nullptr);
        bool ok = true;
        QString error;
        QVERIFY(load(loader, {}, &ok, &error));
        QVERIFY(!ok);
        QCOMPARE(error, QStringLiteral("no connection to the cluster"));
    }
};

QTEST_GUILESS_MAIN(SnapshotLoaderTest)
#include "SnapshotLoaderTest.moc"
