#include "diagnosis/PreviousLogFetcher.h"

#include "kube/KubeClient.h"
#include "kube/KubeTestSupport.h"

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

} // namespace

// `kubectl logs --previous --tail 50` through the fake API server's pods/log endpoint.
class PreviousLogFetcherTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<kube::KubeClient> m_client;
    QString m_crashing;
    QString m_healthy;

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeApiServer>();
        QVERIFY2(m_server->start(serverOptions(Scenario::crashLoop())), qPrintable(m_server->errorString()));
        m_client = std::make_unique<kube::KubeClient>(loadConfig(m_server->kubeconfigPath()));
        m_crashing = nameOf(m_server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")).first());
        m_healthy = nameOf(m_server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=frontend")).first());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void thePreviousRunsLastLines()
    {
        PreviousLogFetcher fetcher(m_client.get());
        QSignalSpy fetched(&fetcher, &PreviousLogFetcher::fetched);
        QSignalSpy idle(&fetcher, &PreviousLogFetcher::idle);
        fetcher.fetch(QStringLiteral("todo-app"), m_crashing, QStringLiteral("backend"));
        // Asked again while it runs: not asked twice.
        fetcher.fetch(QStringLiteral("todo-app"), m_crashing, QStringLiteral("backend"));
        QCOMPARE(fetcher.pending(), 1);
        QVERIFY(idle.wait(10'000));
        QCOMPARE(fetched.count(), 1);
        const QList<QVariant> args = fetched.first();
        QCOMPARE(args.at(0).toString(), m_crashing);
        QCOMPARE(args.at(1).toString(), QStringLiteral("backend"));
        const QStringList lines = args.at(2).toStringList();
        QCOMPARE(args.at(3).toString(), QString());
        QVERIFY(!lines.isEmpty());
        QVERIFY(lines.size() <= PreviousLogFetcher::kTailLines);
        QCOMPARE(lines.last(), QStringLiteral("KeyError: 'DATABASE_URL'"));

        const QList<test::RecordedRequest> requests
            = m_server->requestsMatching(QStringLiteral("GET"), QStringLiteral("/pods/%1/log").arg(m_crashing));
        QCOMPARE(requests.size(), 1);
        const QUrlQuery query(requests.first().query);
        QCOMPARE(query.queryItemValue(QStringLiteral("previous")), QStringLiteral("true"));
        QCOMPARE(query.queryItemValue(QStringLiteral("tailLines")), QStringLiteral("50"));
        QCOMPARE(query.queryItemValue(QStringLiteral("limitBytes")), QStringLiteral("65536"));
        QCOMPARE(query.queryItemValue(QStringLiteral("container")), QStringLiteral("backend"));
        QVERIFY(!query.hasQueryItem(QStringLiteral("follow")));
    }

    // A container that never restarted has no previous run: the API's own message, no lines.
    void noPreviousRun()
    {
        PreviousLogFetcher fetcher(m_client.get());
        QSignalSpy fetched(&fetcher, &PreviousLogFetcher::fetched);
        fetcher.fetch(QStringLiteral("todo-app"), m_healthy, QStringLiteral("frontend"));
        QVERIFY(fetched.wait(10'000));
        QVERIFY(fetched.first().at(2).toStringList().isEmpty());
        QCOMPARE(fetched.first().at(3).toString(),
                 QStringLiteral("previous terminated container \"frontend\" in pod \"%1\" not found").arg(m_healthy));
    }

    // More than kMaxConcurrent fetches wait their turn, and each is answered.
    void queued()
    {
        PreviousLogFetcher fetcher(m_client.get());
        QSignalSpy fetched(&fetcher, &PreviousLogFetcher::fetched);
        QSignalSpy idle(&fetcher, &PreviousLogFetcher::idle);
        fetcher.fetch(QStringLiteral("todo-app"), m_crashing, QStringLiteral("backend"));
        fetcher.fetch(QStringLiteral("todo-app"), m_healthy, QStringLiteral("frontend"));
        fetcher.fetch(QStringLiteral("todo-app"), QStringLiteral("no-such-pod"), QStringLiteral("x"));
        QCOMPARE(fetcher.pending(), 3);
        QVERIFY(idle.wait(10'000));
        QCOMPARE(fetched.count(), 3);
        QVERIFY(fetched.at(2).at(3).toString().contains(QStringLiteral("not found")));
    }

    void abortAll()
    {
        PreviousLogFetcher fetcher(m_client.get());
        QSignalSpy fetched(&fetcher, &PreviousLogFetcher::fetched);
        m_server->setLatency(300);
        fetcher.fetch(QStringLiteral("todo-app"), m_crashing, QStringLiteral("backend"));
        fetcher.abortAll();
        QCOMPARE(fetcher.pending(), 0);
        QTest::qWait(600);
        QCOMPARE(fetched.count(), 0);
    }
};

QTEST_GUILESS_MAIN(PreviousLogFetcherTest)
#include "PreviousLogFetcherTest.moc"
