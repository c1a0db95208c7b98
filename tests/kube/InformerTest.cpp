#include "kube/Informer.h"

#include "KubeTestSupport.h"
#include "kube/ConnectionState.h"
#include "kube/InformerSet.h"
#include "kube/KubeClient.h"
#include "kube/PodView.h"
#include "kubeapi/FakeApiServer.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

using namespace quayside;
using namespace quayside::kube;
using namespace quayside::kube::testing;
using quayside::test::FakeApiServer;

namespace {

QJsonObject pod(const QString& name, const QString& uid, int rv, const QString& owner = QStringLiteral("rs-1"))
{
    return QJsonDocument::fromJson(QStringLiteral(R"({"kind":"Pod","metadata":{"name":"%1","namespace":"ns","uid":"%2",
        "resourceVersion":"%3","ownerReferences":[{"kind":"ReplicaSet","name":"%4","controller":true}]},
        "spec":{"containers":[{"name":"c"}]},"status":{"phase":"Running"}})")
                                       .arg(name, uid)
                                       .arg(rv)
                                       .arg(owner)
                                       .toUtf8())
        .object();
}

WatchEvent watchEvent(WatchEvent::Type type, const QJsonObject& object)
{
    return WatchEvent { type, object };
}

struct Batch
{
    QStringList added, modified, removed;
};

QList<Batch> batches(const QSignalSpy& spy)
{
    QList<Batch> result;
    for (const QList<QVariant>& signal : spy)
        result.append({ signal.at(0).toStringList(), signal.at(1).toStringList(), signal.at(2).toStringList() });
    return result;
}

} // namespace

// What the dashboard's incremental models rely on: one objectsChanged per batch, net effects per uid,
// minimal diffs on relist, a bounded events store, typed summaries.
class InformerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneSignalPerBatchWithNetEffects()
    {
        KubeClient client((RestConfig()));
        Informer informer(&client, ApiResource::pods(), {});
        QSignalSpy changes(&informer, &Informer::objectsChanged);
        QSignalSpy synced(&informer, &Informer::synced);
        informer.applyList(
            { pod(QStringLiteral("a"), QStringLiteral("u1"), 1), pod(QStringLiteral("b"), QStringLiteral("u2"), 1) });
        QCOMPARE(synced.count(), 1);
        QVERIFY(informer.hasSynced());
        informer.applyEvents({
            watchEvent(WatchEvent::Type::Added, pod(QStringLiteral("c"), QStringLiteral("u3"), 2)),
            watchEvent(WatchEvent::Type::Modified, pod(QStringLiteral("c"), QStringLiteral("u3"), 3)),
            watchEvent(WatchEvent::Type::Modified, pod(QStringLiteral("a"), QStringLiteral("u1"), 4)),
            watchEvent(WatchEvent::Type::Added, pod(QStringLiteral("d"), QStringLiteral("u4"), 5)),
            watchEvent(WatchEvent::Type::Deleted, pod(QStringLiteral("d"), QStringLiteral("u4"), 6)),
            watchEvent(WatchEvent::Type::Deleted, pod(QStringLiteral("b"), QStringLiteral("u2"), 7)),
        });
        const QList<Batch> got = batches(changes);
        QCOMPARE(got.size(), 2);
        QCOMPARE(got.at(0).added, (QStringList { "u1", "u2" }));
        QCOMPARE(got.at(1).added, QStringList { "u3" }); // added then modified: added
        QCOMPARE(got.at(1).modified, QStringList { "u1" });
        QCOMPARE(got.at(1).removed, QStringList { "u2" }); // u4 came and went inside the batch: never seen
        QCOMPARE(informer.store().size(), 2);
        // A batch that changes nothing says nothing.
        informer.applyEvents(
            { watchEvent(WatchEvent::Type::Modified, pod(QStringLiteral("a"), QStringLiteral("u1"), 4)) });
        QCOMPARE(changes.count(), 2);
    }

    void relistIsAMinimalDiffNotAReset()
    {
        KubeClient client((RestConfig()));
        Informer informer(&client, ApiResource::pods(), {});
        informer.applyList({ pod(QStringLiteral("a"), QStringLiteral("u1"), 1),
                             pod(QStringLiteral("b"), QStringLiteral("u2"), 1),
                             pod(QStringLiteral("c"), QStringLiteral("u3"), 1) });
        QSignalSpy changes(&informer, &Informer::objectsChanged);
        QSignalSpy relisted(&informer, &Informer::relisted);
        informer.applyList({ pod(QStringLiteral("a"), QStringLiteral("u1"), 1),
                             pod(QStringLiteral("c"), QStringLiteral("u3"), 9),
                             pod(QStringLiteral("e"), QStringLiteral("u5"), 9) });
        QCOMPARE(relisted.count(), 1);
        const QList<Batch> got = batches(changes);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got.at(0).added, QStringList { "u5" });
        QCOMPARE(got.at(0).modified, QStringList { "u3" });
        QCOMPARE(got.at(0).removed, QStringList { "u2" }); // vanished while we were not watching
    }

    void eventsAreBounded()
    {
        KubeClient client((RestConfig()));
        Informer events(&client, ApiResource::events(), Informer::eventOptions({}, 3));
        QList<QJsonObject> items;
        for (int i = 0; i < 10; ++i) {
            items.append(QJsonObject { { QStringLiteral("metadata"),
                                         QJsonObject { { QStringLiteral("name"), QStringLiteral("e%1").arg(i) },
                                                       { QStringLiteral("uid"), QStringLiteral("e%1").arg(i) },
                                                       { QStringLiteral("resourceVersion"), QString::number(i) } } },
                                       { QStringLiteral("lastTimestamp"),
                                         QStringLiteral("2025-01-01T00:00:%1Z").arg(i, 2, 10, QLatin1Char('0')) } });
        }
        events.applyList(items);
        QCOMPARE(events.store().size(), 3);
        QVERIFY(events.store().contains(QStringLiteral("e9")));
        QVERIFY(events.store().contains(QStringLiteral("e7")));
        QVERIFY(!events.store().contains(QStringLiteral("e6")));
        QCOMPARE(Informer::eventSortKey(
                     QJsonObject { { QStringLiteral("eventTime"), QStringLiteral("2025-01-01T00:00:05.123456Z") } }),
                 QStringLiteral("2025-01-01T00:00:05"));
    }

    void podViewCachesAndResolvesDeployments()
    {
        KubeClient client((RestConfig()));
        Informer pods(&client, ApiResource::pods(), {});
        Informer replicaSets(&client, ApiResource::replicaSets(), {});
        PodView view(&pods, &replicaSets);
        pods.applyList({ pod(QStringLiteral("web-1"), QStringLiteral("u1"), 1, QStringLiteral("odd-rs")) });
        auto summary = view.summary(QStringLiteral("u1"));
        QVERIFY(summary);
        QCOMPARE(summary->status, QStringLiteral("Running"));
        QVERIFY(summary->deployment.isEmpty()); // the ReplicaSet is not known yet
        replicaSets.applyList({ QJsonDocument::fromJson(R"({"metadata":{"name":"odd-rs","namespace":"ns","uid":"rs",
            "ownerReferences":[{"kind":"Deployment","name":"web","controller":true}]}})")
                                    .object() });
        QCOMPARE(view.summary(QStringLiteral("u1"))->deployment, QStringLiteral("web"));
        pods.applyEvents(
            { watchEvent(WatchEvent::Type::Deleted, pod(QStringLiteral("web-1"), QStringLiteral("u1"), 2)) });
        QVERIFY(!view.summary(QStringLiteral("u1")));
        QVERIFY(view.summaries().isEmpty());
    }

    // The informer set against the fake API server: every kind synced, one connection state,
    // and "status" truth.
    void informerSetAgainstTheServer()
    {
        FakeApiServer server;
        QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
        KubeClient client(loadConfig(server.kubeconfigPath()));
        InformerSet::Options options;
        options.nameSpace = QStringLiteral("todo-app");
        options.reflector = fastReflector();
        options.keepEvents = 100;
        InformerSet set(&client, options);
        QSignalSpy synced(&set, &InformerSet::synced);
        QCOMPARE(set.connectionState()->status(), ConnectionState::Status::Connecting);
        set.start();
        QVERIFY(synced.wait(10'000));
        QTRY_COMPARE(set.connectionState()->status(), ConnectionState::Status::Connected);
        QCOMPARE(set.connectionState()->text(Clock::instance()), QStringLiteral("connected"));
        QCOMPARE(set.deployments()->store().size(), 2);
        QCOMPARE(set.services()->store().size(), 2);
        QCOMPARE(set.nodes()->store().size(), 1);
        QVERIFY(set.events()->store().size() > 0);
        QCOMPARE(names(set.pods()->store().objects()), names(server.pods(QStringLiteral("todo-app"))));
        const QList<PodSummary> pods = set.podView()->summaries();
        QCOMPARE(pods.size(), 2);
        for (const PodSummary& p : pods) {
            QCOMPARE(p.status, QStringLiteral("Running"));
            QCOMPARE(p.readyText(), QStringLiteral("1/1"));
            QVERIFY(p.deployment == QLatin1String("backend") || p.deployment == QLatin1String("frontend"));
            QCOMPARE(p.node, QStringLiteral("minikube"));
            QVERIFY(!p.ip.isEmpty());
        }
        server.stop();
        QTRY_VERIFY(set.connectionState()->status() == ConnectionState::Status::Reconnecting);
        QVERIFY(set.connectionState()->text(Clock::instance()).startsWith(QLatin1String("reconnecting in ")));
        set.stop();
    }

    // relist() on the set (F5): every informer lists again with "" on the same store, and an
    // unchanged cluster is reported as no change at all; the informers and the PodView stay.
    void informerSetRelistsInPlace()
    {
        FakeApiServer server;
        QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
        KubeClient client(loadConfig(server.kubeconfigPath()));
        InformerSet::Options options;
        options.nameSpace = QStringLiteral("todo-app");
        options.reflector = fastReflector();
        InformerSet set(&client, options);
        QSignalSpy synced(&set, &InformerSet::synced);
        set.start();
        QVERIFY(synced.wait(10'000));
        const QList<Informer*> informers = set.informers();
        for (Informer* informer : informers)
            QTRY_VERIFY(informer->reflector()->isWatching());
        const PodView* podView = set.podView();
        std::vector<std::unique_ptr<QSignalSpy>> changes;
        std::vector<std::unique_ptr<QSignalSpy>> relisted;
        for (Informer* informer : informers) {
            changes.push_back(std::make_unique<QSignalSpy>(informer, &Informer::objectsChanged));
            relisted.push_back(std::make_unique<QSignalSpy>(informer, &Informer::relisted));
        }
        server.clearRequests();

        set.relist();
        for (const auto& spy : std::as_const(relisted))
            QTRY_COMPARE_WITH_TIMEOUT(spy->count(), 1, 10'000);
        for (std::size_t i = 0; i < changes.size(); ++i)
            QVERIFY2(changes[i]->isEmpty(), qPrintable(informers.at(static_cast<qsizetype>(i))->resource().plural));
        QCOMPARE(set.informers(), informers);
        QCOMPARE(set.podView(), podView);
        QCOMPARE(synced.count(), 1);
        // One consistent list per informer, then its watch.
        QStringList lists;
        for (const auto& request : server.requestsMatching(QStringLiteral("GET"), QString())) {
            if (!request.watch && request.query.hasQueryItem(QStringLiteral("resourceVersion")))
                lists.append(request.path + QLatin1Char('@')
                             + request.query.queryItemValue(QStringLiteral("resourceVersion")));
        }
        QStringList expected;
        for (const Informer* informer : informers)
            expected.append(informer->resource().path(informer->reflector()->options().nameSpace) + QLatin1Char('@'));
        lists.sort();
        expected.sort();
        QCOMPARE(lists, expected);
        for (Informer* informer : informers)
            QTRY_VERIFY(informer->reflector()->isWatching());
        QCOMPARE(names(set.pods()->store().objects()), names(server.pods(QStringLiteral("todo-app"))));
        set.stop();
    }
};

QTEST_GUILESS_MAIN(InformerTest)
#include "InformerTest.moc"
