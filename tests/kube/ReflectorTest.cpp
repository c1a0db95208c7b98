#include "KubeTestSupport.h"
#include "kube/ConnectionState.h"
#include "kube/Informer.h"
#include "kube/KubeClient.h"
#include "kubeapi/FakeApiServer.h"

#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace quayside::kube;
using namespace quayside::kube::testing;
using quayside::test::FakeApiServer;

namespace {

const QString kPods = QStringLiteral("/api/v1/namespaces/todo-app/pods");

// A pod no controller owns, so deleting it removes exactly one pod (a ReplicaSet would replace it).
QJsonObject barePod(const QString& name)
{
    return QJsonObject {
        { QStringLiteral("metadata"),
          QJsonObject { { QStringLiteral("name"), name },
                        { QStringLiteral("namespace"), QStringLiteral("todo-app") } } },
        { QStringLiteral("spec"),
          QJsonObject {
              { QStringLiteral("containers"),
                QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("shell") },
                                           { QStringLiteral("image"), QStringLiteral("busybox:1.36") } } } } } },
    };
}

QString uidOf(const QJsonObject& object)
{
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
}

} // namespace

Q_DECLARE_METATYPE(FakeApiServer::ExpiredWatchMode)
Q_DECLARE_METATYPE(FakeApiServer::DropMode)

// The list+watch state machine against the fake API server. Like client-go's
// TestReflectorFullListIfExpired, the tests assert the exact sequence of resourceVersions requested,
// and after every disturbance that the store equals the server's truth (no lost, no duplicate pods).
class ReflectorTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<KubeClient> m_client;

    // "list:0", "watch:123" ... for every list and watch of the namespace's pods, in order.
    QStringList podRequests() const
    {
        QStringList result;
        for (const auto& r : m_server->requestsMatching(QStringLiteral("GET"), kPods)) {
            if (r.path != kPods)
                continue;
            const QString rv = r.query.queryItemValue(QStringLiteral("resourceVersion"));
            result.append((r.watch ? QStringLiteral("watch:") : QStringLiteral("list:")) + rv);
        }
        return result;
    }

    QStringList storeNames(const Informer& informer) const { return names(informer.store().objects()); }
    QStringList serverNames() const { return names(m_server->pods(QStringLiteral("todo-app"))); }

    bool converged(const Informer& informer) const
    {
        // Same pods, same versions: nothing lost, nothing duplicated, nothing stale.
        QMap<QString, QString> server;
        for (const QJsonObject& pod : m_server->pods(QStringLiteral("todo-app"))) {
            const QJsonObject metadata = pod.value(QLatin1String("metadata")).toObject();
            server.insert(metadata.value(QLatin1String("uid")).toString(),
                          metadata.value(QLatin1String("resourceVersion")).toString());
        }
        QMap<QString, QString> ours;
        for (const QString& uid : informer.store().uids())
            ours.insert(uid, informer.store().find(uid)->resourceVersion);
        return server == ours;
    }

    std::unique_ptr<Informer> startInformer(Reflector::Options options = fastReflector())
    {
        Informer::Options informerOptions;
        informerOptions.reflector = std::move(options);
        auto informer = std::make_unique<Informer>(m_client.get(), ApiResource::pods(), informerOptions);
        QSignalSpy synced(informer.get(), &Informer::synced);
        informer->start();
        if (!synced.wait(10'000))
            qWarning("informer did not sync");
        return informer;
    }

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

    void listsAtZeroThenWatchesFromTheListsVersion()
    {
        auto informer = startInformer();
        QTRY_VERIFY(informer->reflector()->isWatching());
        QTRY_COMPARE(podRequests().size(), 2);
        const auto requests = m_server->requestsMatching(QStringLiteral("GET"), kPods);
        const auto list = requests.at(0);
        const auto watch = requests.at(1);
        QVERIFY(!list.watch);
        QCOMPARE(list.query.queryItemValue(QStringLiteral("resourceVersion")), QStringLiteral("0"));
        QVERIFY(watch.watch);
        QVERIFY(!informer->reflector()->lastSyncResourceVersion().isEmpty());
        QCOMPARE(watch.query.queryItemValue(QStringLiteral("allowWatchBookmarks")), QStringLiteral("true"));
        // fastReflector's random source returns 0.5: 300 * 1.5.
        QCOMPARE(watch.query.queryItemValue(QStringLiteral("timeoutSeconds")), QStringLiteral("450"));
        QCOMPARE(storeNames(*informer), serverNames());
        QCOMPARE(informer->store().size(), 2);
        QTRY_COMPARE(informer->connectionState()->status(), ConnectionState::Status::Connected);
    }

    void watchTimeoutIsRandomInFiveToTenMinutes_data()
    {
        QTest::addColumn<double>("random");
        QTest::addColumn<QString>("timeoutSeconds");
        QTest::newRow("low") << 0.0 << "300";
        QTest::newRow("middle") << 0.5 << "450";
        QTest::newRow("high") << 0.9999999 << "599";
    }
    void watchTimeoutIsRandomInFiveToTenMinutes()
    {
        QFETCH(double, random);
        QFETCH(QString, timeoutSeconds);
        Reflector::Options options = fastReflector();
        options.random = [random] { return random; };
        auto informer = startInformer(options);
        QTRY_COMPARE(podRequests().size(), 2);
        QCOMPARE(m_server->requestsMatching(QStringLiteral("GET"), kPods)
                     .at(1)
                     .query.queryItemValue(QStringLiteral("timeoutSeconds")),
                 timeoutSeconds);
    }

    // client-go's TestReflectorFullListIfExpired, end to end: the history is compacted while we are
    // disconnected, the re-watch from our version gets 410 (as an HTTP status or as an ERROR event),
    // and the reflector relists with "" - never retrying the stale version - then watches from the
    // new list's version. What changed meanwhile arrives as a minimal diff, deletes included.
    void fullListIfExpired_data()
    {
        QTest::addColumn<FakeApiServer::ExpiredWatchMode>("mode");
        QTest::newRow("410 as an ERROR event") << FakeApiServer::ExpiredWatchMode::ErrorEvent;
        QTest::newRow("410 as the HTTP status") << FakeApiServer::ExpiredWatchMode::HttpStatus;
    }
    void fullListIfExpired()
    {
        QFETCH(FakeApiServer::ExpiredWatchMode, mode);
        m_server->setExpiredWatchMode(mode);
        auto informer = startInformer();
        QTRY_VERIFY(informer->reflector()->isWatching());
        QTRY_COMPARE(podRequests().size(), 2);
        const QString firstVersion = informer->reflector()->lastSyncResourceVersion();
        QSignalSpy changes(informer.get(), &Informer::objectsChanged);
        QSignalSpy relisted(informer.get(), &Informer::relisted);

        // Drop the stream; while it is down, remove the backend pod (scale to 0), add a frontend pod,
        // and compact the history so our version is gone.
        const QString backendUid = [&] {
            for (const QJsonObject& pod : m_server->pods(QStringLiteral("todo-app"))) {
                if (pod.value(QLatin1String("metadata"))
                        .toObject()
                        .value(QLatin1String("name"))
                        .toString()
                        .startsWith(QLatin1String("backend")))
                    return pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
            }
            return QString();
        }();
        QVERIFY(!backendUid.isEmpty());
        m_server->setLatency(300); // keep the re-watch away until the changes are made
        m_server->dropWatchStreams();
        QVERIFY(m_server->setDeploymentReplicas(QStringLiteral("todo-app"), QStringLiteral("backend"), 0));
        QVERIFY(m_server->setDeploymentReplicas(QStringLiteral("todo-app"), QStringLiteral("frontend"), 2));
        m_server->settle();
        m_server->expireHistory();
        m_server->setLatency(0);

        QTRY_VERIFY_WITH_TIMEOUT(relisted.count() >= 1, 10'000);
        QTRY_VERIFY(converged(*informer));
        QTRY_VERIFY(informer->reflector()->isWatching());
        const QString relistVersion = informer->reflector()->lastSyncResourceVersion();
        QTRY_COMPARE(podRequests(),
                     (QStringList { "list:0", "watch:" + firstVersion, "watch:" + firstVersion,
                                    "list:", "watch:" + relistVersion }));

        // The vanished backend pod was reported as removed; nothing was reported twice.
        QStringList added;
        QStringList removed;
        for (const QList<QVariant>& signal : std::as_const(changes)) {
            added += signal.at(0).toStringList();
            removed += signal.at(2).toStringList();
        }
        QVERIFY2(removed.contains(backendUid), qPrintable(removed.join(QLatin1Char(','))));
        QCOMPARE(added.size(), QSet<QString>(added.begin(), added.end()).size());
        QCOMPARE(storeNames(*informer), serverNames());
        QCOMPARE(informer->store().size(), 2); // two frontend pods
    }

    // relist() (F5) on a watching reflector: the watch is dropped, the list asks for a consistent read
    // ("") at once, the next watch starts from that list's version, and the informer reports what
    // changed on the server since it last heard from it - one pod added, one deleted - and nothing else.
    void relistListsConsistentlyAndReportsOnlyTheDiff()
    {
        const QString goneUid = uidOf(m_server->addPod(barePod(QStringLiteral("debug-old"))));
        QVERIFY(!goneUid.isEmpty());
        auto informer = startInformer();
        QTRY_VERIFY(informer->reflector()->isWatching());
        QTRY_COMPARE(podRequests().size(), 2);
        QVERIFY(converged(*informer));
        const QString firstVersion = informer->reflector()->lastSyncResourceVersion();
        QSignalSpy changes(informer.get(), &Informer::objectsChanged);
        QSignalSpy relisted(informer.get(), &Informer::relisted);

        // The server runs on this thread: its watch events for these two changes cannot reach the
        // reflector before relist() drops that watch, so only the list can report them.
        const QString addedUid = uidOf(m_server->addPod(barePod(QStringLiteral("debug-new"))));
        QVERIFY(m_server->deletePod(QStringLiteral("todo-app"), QStringLiteral("debug-old"), false));
        informer->relist();
        QVERIFY(!informer->reflector()->isWatching());

        QTRY_COMPARE_WITH_TIMEOUT(relisted.count(), 1, 10'000);
        QCOMPARE(changes.count(), 1); // one batch: the list's diff
        QCOMPARE(changes.at(0).at(0).toStringList(), QStringList { addedUid });
        QCOMPARE(changes.at(0).at(1).toStringList(), QStringList());
        QCOMPARE(changes.at(0).at(2).toStringList(), QStringList { goneUid });
        QVERIFY(converged(*informer));
        QTRY_VERIFY(informer->reflector()->isWatching());
        const QString relistVersion = informer->reflector()->lastSyncResourceVersion();
        QTRY_COMPARE(podRequests(),
                     (QStringList { "list:0", "watch:" + firstVersion, "list:", "watch:" + relistVersion }));
        QCOMPARE(informer->connectionState()->status(), ConnectionState::Status::Connected);
        // The new watch starts after both changes: it repeats neither.
        QTest::qWait(200);
        QCOMPARE(changes.count(), 1);
    }

    // relist() while a retry waits out its backoff: the list goes now, the pending retry is cancelled,
    // and the state no longer counts down to it. On a stopped reflector, relist() sends nothing.
    void relistDuringABackoffListsAtOnce()
    {
        m_server->failNextRequests(1, 403, kPods);
        Informer::Options informerOptions;
        informerOptions.reflector = fastReflector();
        informerOptions.reflector.backoff.initial = std::chrono::seconds(60);
        informerOptions.reflector.backoff.cap = std::chrono::seconds(60);
        Informer informer(m_client.get(), ApiResource::pods(), informerOptions);
        QSignalSpy retries(informer.reflector(), &Reflector::retryScheduled);
        informer.start();
        QTRY_COMPARE(retries.count(), 1);
        QCOMPARE(informer.connectionState()->status(), ConnectionState::Status::Error);

        informer.relist();
        QCOMPARE(informer.connectionState()->status(), ConnectionState::Status::Connecting);
        QTRY_VERIFY_WITH_TIMEOUT(informer.hasSynced(), 10'000);
        QTRY_VERIFY(informer.reflector()->isWatching());
        QCOMPARE(informer.connectionState()->status(), ConnectionState::Status::Connected);
        QCOMPARE(retries.count(), 1);
        QTRY_COMPARE(podRequests(),
                     (QStringList { "list:0", "list:", "watch:" + informer.reflector()->lastSyncResourceVersion() }));

        informer.stop();
        m_server->clearRequests();
        informer.relist();
        QTest::qWait(200);
        QVERIFY(!informer.reflector()->isRunning());
        QCOMPARE(podRequests(), QStringList());
    }

    // A stream dropped mid-watch (between events, inside a chunk, inside a line) is resumed from the
    // last version seen: no relist, and the events of the gap are delivered by the new watch.
    void droppedStreamsResume_data()
    {
        QTest::addColumn<FakeApiServer::DropMode>("mode");
        QTest::newRow("between events") << FakeApiServer::DropMode::BetweenEvents;
        QTest::newRow("in the middle of a chunk") << FakeApiServer::DropMode::MidChunk;
        QTest::newRow("in the middle of a line") << FakeApiServer::DropMode::MidLine;
    }
    void droppedStreamsResume()
    {
        QFETCH(FakeApiServer::DropMode, mode);
        auto informer = startInformer();
        QTRY_VERIFY(informer->reflector()->isWatching());
        QTRY_COMPARE(podRequests().size(), 2);
        for (int round = 0; round < 3; ++round) {
            m_server->generateModifiedEvents(5, QStringLiteral("todo-app"));
            QTRY_VERIFY(converged(*informer));
            const QString before = informer->reflector()->lastSyncResourceVersion();
            m_server->setLatency(200);
            m_server->dropWatchStreams(mode);
            // Changes while we are away: a new pod, a deleted pod, modifications.
            QVERIFY(m_server->setDeploymentReplicas(QStringLiteral("todo-app"), QStringLiteral("frontend"), 2 + round));
            m_server->generateModifiedEvents(3, QStringLiteral("todo-app"));
            m_server->settle();
            m_server->setLatency(0);
            QTRY_VERIFY_WITH_TIMEOUT(converged(*informer), 10'000);
            QTRY_VERIFY(informer->reflector()->isWatching());
            QVERIFY(podRequests().contains(QStringLiteral("watch:") + before));
        }
        // Only the first request was a list.
        QCOMPARE(podRequests().filter(QStringLiteral("list:")), QStringList { "list:0" });
        QCOMPARE(storeNames(*informer), serverNames());
    }

    void bookmarksMoveTheResourceVersion()
    {
        auto informer = startInformer();
        QTRY_VERIFY(informer->reflector()->isWatching());
        QTRY_COMPARE(m_server->counters().openWatches, 1); // the server holds our watch
        // Pod changes in another namespace move the version of the pods the server has; our watch
        // (one namespace) sees none of them, only the bookmark that tells where the server is.
        m_server->generateModifiedEvents(3, QStringLiteral("kube-system"));
        QJsonObject other
            = QJsonObject { { QStringLiteral("apiVersion"), QStringLiteral("v1") },
                            { QStringLiteral("kind"), QStringLiteral("ConfigMap") },
                            { QStringLiteral("metadata"),
                              QJsonObject { { QStringLiteral("name"), QStringLiteral("elsewhere") },
                                            { QStringLiteral("namespace"), QStringLiteral("default") } } } };
        m_server->applyObject(other);
        const QString before = informer->reflector()->lastSyncResourceVersion();
        QSignalSpy changes(informer.get(), &Informer::objectsChanged);
        m_server->sendBookmarks();
        // Versions are opaque and compared for equality only: the bookmark moved ours.
        QTRY_VERIFY(informer->reflector()->lastSyncResourceVersion() != before);
        QCOMPARE(changes.count(), 0); // a bookmark is not a change
        // And a re-watch starts from the bookmark.
        const QString bookmark = informer->reflector()->lastSyncResourceVersion();
        m_server->dropWatchStreams();
        QTRY_VERIFY(podRequests().contains(QStringLiteral("watch:") + bookmark));
    }

    void linesSplitAcrossChunks()
    {
        auto informer = startInformer();
        QTRY_VERIFY(informer->reflector()->isWatching());
        QSignalSpy retries(informer->reflector(), &Reflector::retryScheduled);
        m_server->setSplitLinesAcrossChunks(true);
        m_server->generateModifiedEvents(60, QStringLiteral("todo-app"));
        QVERIFY(m_server->setDeploymentReplicas(QStringLiteral("todo-app"), QStringLiteral("backend"), 3));
        m_server->settle();
        QTRY_VERIFY_WITH_TIMEOUT(converged(*informer), 20'000);
        QCOMPARE(retries.count(), 0); // no line was ever cut: nothing to recover from
        QCOMPARE(podRequests().size(), 2);
    }

    // Failures back off 20 -> 40 -> 80 ms (fastReflector: no jitter), the state says Reconnecting
    // with the server's message, and the first success brings Connected.
    void backsOffOnServerErrors()
    {
        m_server->failNextRequests(4, 500, kPods);
        Informer::Options informerOptions;
        informerOptions.reflector = fastReflector();
        Informer informer(m_client.get(), ApiResource::pods(), informerOptions);
        QSignalSpy retries(informer.reflector(), &Reflector::retryScheduled);
        QList<ConnectionState::Status> states;
        connect(informer.connectionState(), &ConnectionState::changed, this,
                [&] { states.append(informer.connectionState()->status()); });
        informer.start();
        QTRY_VERIFY_WITH_TIMEOUT(informer.hasSynced(), 10'000);
        QTRY_COMPARE(informer.connectionState()->status(), ConnectionState::Status::Connected);
        QList<qint64> delays;
        for (const auto& r : std::as_const(retries))
            delays.append(r.at(0).toLongLong());
        QCOMPARE(delays, (QList<qint64> { 20, 40, 80, 80 }));
        QVERIFY(states.contains(ConnectionState::Status::Reconnecting));
        QTRY_COMPARE(podRequests(),
                 (QStringList { "list:0", "list:0", "list:0", "list:0", "list:0",
                                "watch:" + informer.reflector()->lastSyncResourceVersion() }));
    }

    void persistentErrorsAreErrors()
    {
        m_server->failNextRequests(1, 403, kPods);
        Informer::Options informerOptions;
        informerOptions.reflector = fastReflector();
        informerOptions.reflector.backoff.initial = std::chrono::milliseconds(300);
        Informer informer(m_client.get(), ApiResource::pods(), informerOptions);
        informer.start();
        QTRY_COMPARE(informer.connectionState()->status(), ConnectionState::Status::Error);
        QVERIFY(!informer.connectionState()->message().isEmpty());
        QVERIFY(informer.connectionState()->text(Clock::instance()).startsWith(QLatin1String("error: ")));
        // Still retried: fixing the cause outside recovers without a restart.
        QTRY_VERIFY_WITH_TIMEOUT(informer.hasSynced(), 10'000);
        QTRY_COMPARE(informer.connectionState()->status(), ConnectionState::Status::Connected);
    }

    void serverGoneIsReconnecting()
    {
        auto informer = startInformer();
        QTRY_COMPARE(informer->connectionState()->status(), ConnectionState::Status::Connected);
        m_server->stop();
        QTRY_COMPARE(informer->connectionState()->status(), ConnectionState::Status::Reconnecting);
        QVERIFY2(informer->connectionState()->message().contains(QLatin1String("cannot reach the API server"))
                     || informer->connectionState()->message().contains(QLatin1String("closed the connection")),
                 qPrintable(informer->connectionState()->message()));
        QVERIFY(informer->connectionState()->text(Clock::instance()).startsWith(QLatin1String("reconnecting in ")));
    }
};

QTEST_GUILESS_MAIN(ReflectorTest)
#include "ReflectorTest.moc"
