// The fake API server's own semantics, the ones the client and its tests rely on: authentication,
// discovery, lists, watches (410 both ways, bookmarks, timeouts, chunk splitting, dropped streams),
// the simulated controllers, logs, metrics, Secrets, fault controls. The server runs in-process on
// the test's thread (requests spin an event loop), except where a test says otherwise.
#include "FakeApiServer.h"

#include "ApiTestClient.h"
#include "FakeApiServerThread.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace quayside::test;

namespace {

QJsonObject meta(const QJsonObject& object)
{
    return object.value(QStringLiteral("metadata")).toObject();
}

QString nameOf(const QJsonObject& object)
{
    return meta(object).value(QStringLiteral("name")).toString();
}

QStringList names(const QList<QJsonObject>& objects)
{
    QStringList result;
    for (const QJsonObject& object : objects)
        result.append(nameOf(object));
    return result;
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class FakeApiServerTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeApiServer> startServer(const Scenario& scenario = Scenario::todoApp())
    {
        auto server = std::make_unique<FakeApiServer>();
        FakeApiServer::Options options;
        options.scenario = scenario;
        options.contextNamespace = QStringLiteral("todo-app");
        if (!server->start(options))
            qWarning("cannot start: %s", qPrintable(server->errorString()));
        return server;
    }

    // Scales backend up by one and returns the new pod (whose container starts with the current LogOptions).
    static QString newBackendPod(FakeApiServer& server)
    {
        const QStringList before
            = names(server.podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")));
        server.setDeploymentReplicas(QStringLiteral("todo-app"), QStringLiteral("backend"),
                                     static_cast<int>(before.size()) + 1);
        for (const QString& pod :
             names(server.podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")))) {
            if (!before.contains(pod))
                return pod;
        }
        return {};
    }

private Q_SLOTS:
    void kubeconfigIsShapedLikeMinikubes()
    {
        auto server = startServer();
        QVERIFY(server->isListening());
        QFile file(server->kubeconfigPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(QStringLiteral("server: https://127.0.0.1:%1\n").arg(server->port())));
        QVERIFY(text.contains(QStringLiteral("certificate-authority: ") + server->caCertificatePath()));
        QVERIFY(text.contains(QStringLiteral("client-certificate: ") + server->clientCertificatePath()));
        QVERIFY(text.contains(QStringLiteral("client-key: ") + server->clientKeyPath()));
        QVERIFY(text.contains(QStringLiteral("current-context: minikube")));
        QVERIFY(text.contains(QStringLiteral("    namespace: todo-app\n")));
        QVERIFY(text.contains(QStringLiteral("provider: minikube.sigs.k8s.io")));
        QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        QCOMPARE(QFile::permissions(server->clientKeyPath()) & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
    }

    void authentication_data()
    {
        QTest::addColumn<int>("credentials");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("auth");
        QTest::newRow("client certificate") << int(ApiTestClient::Credentials::ClientCertificate) << QByteArray() << 200
                                            << int(RecordedRequest::Auth::ClientCertificate);
        QTest::newRow("bearer token") << int(ApiTestClient::Credentials::None) << QByteArray("good-token") << 200
                                      << int(RecordedRequest::Auth::BearerToken);
        QTest::newRow("no credentials") << int(ApiTestClient::Credentials::None) << QByteArray() << 401
                                        << int(RecordedRequest::Auth::None);
        QTest::newRow("unknown token") << int(ApiTestClient::Credentials::None) << QByteArray("bad-token") << 401
                                       << int(RecordedRequest::Auth::Rejected);
        QTest::newRow("expired certificate") << int(ApiTestClient::Credentials::ExpiredClientCertificate)
                                             << QByteArray() << 401 << int(RecordedRequest::Auth::Rejected);
        QTest::newRow("certificate of another CA") << int(ApiTestClient::Credentials::ForeignClientCertificate)
                                                   << QByteArray() << 401 << int(RecordedRequest::Auth::Rejected);
    }

    void authentication()
    {
        QFETCH(int, credentials);
        QFETCH(QByteArray, token);
        QFETCH(int, status);
        QFETCH(int, auth);
        auto server = startServer();
        server->addBearerToken(QStringLiteral("good-token"), QStringLiteral("robot"),
                               { QStringLiteral("system:masters") });
        ApiTestClient client(*server, ApiTestClient::Credentials(credentials));
        client.setBearerToken(token);
        const auto reply = client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods"));
        QVERIFY2(reply.status == status, qPrintable(reply.errorString));
        if (status == 401) {
            QCOMPARE(reply.json().value(QStringLiteral("kind")).toString(), QStringLiteral("Status"));
            QCOMPARE(reply.json().value(QStringLiteral("reason")).toString(), QStringLiteral("Unauthorized"));
            QCOMPARE(reply.json().value(QStringLiteral("code")).toInt(), 401);
        }
        const QList<RecordedRequest> recorded
            = server->requestsMatching(QStringLiteral("GET"), QStringLiteral("/pods"));
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(int(recorded.first().auth), auth);
        QCOMPARE(recorded.first().status, status);
        if (auth == int(RecordedRequest::Auth::ClientCertificate)) {
            QCOMPARE(recorded.first().user, QStringLiteral("minikube-user"));
            QCOMPARE(recorded.first().groups, QStringList { QStringLiteral("system:masters") });
        }
        if (auth == int(RecordedRequest::Auth::BearerToken))
            QCOMPARE(recorded.first().user, QStringLiteral("robot"));
    }

    void wrongCertificateAuthorityFailsTheHandshake()
    {
        auto server = startServer();
        ApiTestClient client(*server, ApiTestClient::Credentials::ClientCertificate, false);
        const auto reply = client.get(QStringLiteral("/version"));
        QCOMPARE(reply.error, QNetworkReply::SslHandshakeFailedError);
    }

    void discovery_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("version") << QStringLiteral("/version") << QStringLiteral("\"gitVersion\":\"v1.33.1\"");
        QTest::newRow("api") << QStringLiteral("/api") << QStringLiteral("\"versions\":[\"v1\"]");
        QTest::newRow("apis has apps") << QStringLiteral("/apis") << QStringLiteral("\"name\":\"apps\"");
        QTest::newRow("apis has metrics") << QStringLiteral("/apis") << QStringLiteral("\"name\":\"metrics.k8s.io\"");
        QTest::newRow("core resources") << QStringLiteral("/api/v1") << QStringLiteral("\"name\":\"pods/log\"");
        QTest::newRow("apps resources") << QStringLiteral("/apis/apps/v1")
                                        << QStringLiteral("\"name\":\"deployments/scale\"");
        QTest::newRow("metrics resources")
            << QStringLiteral("/apis/metrics.k8s.io/v1beta1") << QStringLiteral("\"kind\":\"PodMetrics\"");
    }

    void discovery()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        auto server = startServer();
        ApiTestClient client(*server);
        const auto reply = client.get(path);
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.body.contains(expected.toUtf8()), reply.body.constData());
    }

    void listsLookLikeTheRealServers()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        const auto reply = client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods"));
        QCOMPARE(reply.status, 200);
        const QJsonObject list = reply.json();
        QCOMPARE(list.value(QStringLiteral("kind")).toString(), QStringLiteral("PodList"));
        QCOMPARE(list.value(QStringLiteral("apiVersion")).toString(), QStringLiteral("v1"));
        QCOMPARE(meta(list).value(QStringLiteral("resourceVersion")).toString(), server->resourceVersion());
        const QJsonArray items = list.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 2);
        const QJsonObject pod = items.first().toObject();
        QVERIFY(!pod.contains(QStringLiteral("kind"))); // as kube-apiserver: type meta on the list only
        QVERIFY(!meta(pod).value(QStringLiteral("uid")).toString().isEmpty());
        QCOMPARE(pod.value(QStringLiteral("status")).toObject().value(QStringLiteral("phase")).toString(),
                 QStringLiteral("Running"));
        const QJsonObject owner = meta(pod).value(QStringLiteral("ownerReferences")).toArray().first().toObject();
        QCOMPARE(owner.value(QStringLiteral("kind")).toString(), QStringLiteral("ReplicaSet"));
        QVERIFY(meta(pod).value(QStringLiteral("labels")).toObject().contains(QStringLiteral("pod-template-hash")));
    }

    void selectors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("prefixes");
        QTest::newRow("label equality") << QStringLiteral("labelSelector=app%3Dbackend")
                                        << QStringList { QStringLiteral("backend-") };
        QTest::newRow("label set") << QStringLiteral("labelSelector=app+in+(backend,frontend)")
                                   << QStringList { QStringLiteral("backend-"), QStringLiteral("frontend-") };
        QTest::newRow("label inequality")
            << QStringLiteral("labelSelector=app!%3Dbackend") << QStringList { QStringLiteral("frontend-") };
        QTest::newRow("node name") << QStringLiteral("fieldSelector=spec.nodeName%3Dminikube")
                                   << QStringList { QStringLiteral("backend-"), QStringLiteral("frontend-") };
        QTest::newRow("phase") << QStringLiteral("fieldSelector=status.phase!%3DRunning") << QStringList();
    }

    void selectors()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, prefixes);
        auto server = startServer();
        ApiTestClient client(*server);
        const auto reply = client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods?") + query);
        QCOMPARE(reply.status, 200);
        const QJsonArray items = reply.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), prefixes.size());
        for (qsizetype i = 0; i < items.size(); ++i)
            QVERIFY(nameOf(items.at(i).toObject()).startsWith(prefixes.at(i)));
    }

    void paginationWithContinue()
    {
        auto server = startServer(Scenario::load(25));
        ApiTestClient client(*server);
        QStringList seen;
        QString next;
        int pages = 0;
        do {
            const auto reply = client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods?limit=10")
                                          + (next.isEmpty() ? QString() : QStringLiteral("&continue=") + next));
            QCOMPARE(reply.status, 200);
            for (const QJsonValue& item : reply.json().value(QStringLiteral("items")).toArray())
                seen.append(nameOf(item.toObject()));
            next = meta(reply.json()).value(QStringLiteral("continue")).toString();
            ++pages;
        } while (!next.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 27); // 25 workers, backend, frontend
        QCOMPARE(seen.size(), QSet<QString>(seen.begin(), seen.end()).size());
    }

    void notFoundIsAStatus()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        const auto reply = client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods/nope"));
        QCOMPARE(reply.status, 404);
        const QJsonObject status = reply.json();
        QCOMPARE(status.value(QStringLiteral("kind")).toString(), QStringLiteral("Status"));
        QCOMPARE(status.value(QStringLiteral("apiVersion")).toString(), QStringLiteral("v1"));
        QCOMPARE(status.value(QStringLiteral("status")).toString(), QStringLiteral("Failure"));
        QCOMPARE(status.value(QStringLiteral("message")).toString(), QStringLiteral("pods \"nope\" not found"));
        QCOMPARE(status.value(QStringLiteral("reason")).toString(), QStringLiteral("NotFound"));
        QCOMPARE(status.value(QStringLiteral("code")).toInt(), 404);
    }

    void expiredWatch_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("HTTP 410") << int(FakeApiServer::ExpiredWatchMode::HttpStatus);
        QTest::newRow("ERROR event") << int(FakeApiServer::ExpiredWatchMode::ErrorEvent);
    }

    void expiredWatch()
    {
        QFETCH(int, mode);
        auto server = startServer();
        server->setExpiredWatchMode(FakeApiServer::ExpiredWatchMode(mode));
        ApiTestClient client(*server);
        const QString listVersion = meta(client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods")).json())
                                        .value(QStringLiteral("resourceVersion"))
                                        .toString();
        QVERIFY(server->setDeploymentReplicas(QStringLiteral("todo-app"), QStringLiteral("backend"), 2));
        server->expireHistory();
        QCOMPARE(server->oldestWatchableResourceVersion(), server->resourceVersion());
        RawStream stream(
            client,
            QStringLiteral("/api/v1/namespaces/todo-app/pods?watch=1&allowWatchBookmarks=true&resourceVersion=")
                + listVersion);
        QVERIFY(stream.waitForEnd());
        QJsonObject status;
        if (FakeApiServer::ExpiredWatchMode(mode) == FakeApiServer::ExpiredWatchMode::HttpStatus) {
            QCOMPARE(stream.status(), 410);
            status = QJsonDocument::fromJson(stream.body()).object();
        } else {
            QCOMPARE(stream.status(), 200);
            QVERIFY(stream.endedCleanly());
            QCOMPARE(stream.events().size(), 1);
            QCOMPARE(stream.events().first().value(QStringLiteral("type")).toString(), QStringLiteral("ERROR"));
            status = stream.events().first().value(QStringLiteral("object")).toObject();
        }
        QCOMPARE(status.value(QStringLiteral("kind")).toString(), QStringLiteral("Status"));
        QCOMPARE(status.value(QStringLiteral("code")).toInt(), 410);
        QCOMPARE(status.value(QStringLiteral("reason")).toString(), QStringLiteral("Expired"));
        QVERIFY(status.value(QStringLiteral("message"))
                    .toString()
                    .startsWith(QStringLiteral("too old resource version: ")));
    }

    void historyWindowBoundsResumption()
    {
        auto server = startServer();
        server->setHistoryWindow(5);
        const qint64 before = server->resourceVersion().toLongLong();
        server->generateModifiedEvents(10, QStringLiteral("todo-app"));
        QVERIFY(server->oldestWatchableResourceVersion().toLongLong() > before);
        ApiTestClient client(*server);
        RawStream expired(client,
                          QStringLiteral("/api/v1/namespaces/todo-app/pods?watch=true&resourceVersion=%1").arg(before));
        QVERIFY(expired.waitForEnd());
        QCOMPARE(expired.events().value(0).value(QStringLiteral("type")).toString(), QStringLiteral("ERROR"));
        RawStream fine(client,
                       QStringLiteral("/api/v1/namespaces/todo-app/pods?watch=true&resourceVersion=")
                           + server->oldestWatchableResourceVersion());
        QVERIFY(fine.waitForLines(5));
        QCOMPARE(fine.events().first().value(QStringLiteral("type")).toString(), QStringLiteral("MODIFIED"));
    }

    void watchFromTheListSeesTheScale()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        const QString listVersion = meta(client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods")).json())
                                        .value(QStringLiteral("resourceVersion"))
                                        .toString();
        RawStream stream(
            client,
            QStringLiteral("/api/v1/namespaces/todo-app/pods?watch=1&labelSelector=app%3Dbackend&resourceVersion=")
                + listVersion);
        QVERIFY(stream.waitForHeaders());
        const auto reply
            = client.request("PATCH", QStringLiteral("/apis/apps/v1/namespaces/todo-app/deployments/backend/scale"),
                             R"({"spec":{"replicas":3}})", "application/merge-patch+json");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("kind")).toString(), QStringLiteral("Scale"));
        QCOMPARE(reply.json().value(QStringLiteral("spec")).toObject().value(QStringLiteral("replicas")).toInt(), 3);
        // Two new pods, each ADDED (Pending), then MODIFIED (ContainerCreating), then MODIFIED (Running).
        QVERIFY(stream.waitForLines(6));
        QStringList sequence;
        for (const QJsonObject& event : stream.events()) {
            const QJsonObject pod = event.value(QStringLiteral("object")).toObject();
            QCOMPARE(pod.value(QStringLiteral("kind")).toString(), QStringLiteral("Pod"));
            sequence.append(event.value(QStringLiteral("type")).toString() + QLatin1Char(':')
                            + pod.value(QStringLiteral("status")).toObject().value(QStringLiteral("phase")).toString());
        }
        QCOMPARE(sequence.count(QStringLiteral("ADDED:Pending")), 2);
        QCOMPARE(sequence.count(QStringLiteral("MODIFIED:Running")), 2);
        QCOMPARE(server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend"), true).size(), 3);
    }

    void bookmarks_data()
    {
        QTest::addColumn<bool>("allowed");
        QTest::newRow("allowed") << true;
        QTest::newRow("not asked for") << false;
    }

    void bookmarks()
    {
        QFETCH(bool, allowed);
        auto server = startServer();
        ApiTestClient client(*server);
        RawStream stream(
            client,
            QStringLiteral("/api/v1/namespaces/todo-app/pods?watch=1&resourceVersion=%1&allowWatchBookmarks=%2")
                .arg(server->resourceVersion(), allowed ? QStringLiteral("true") : QStringLiteral("false")));
        QVERIFY(stream.waitForHeaders());
        server->sendBookmarks();
        server->deletePod(QStringLiteral("todo-app"), nameOf(server->pods(QStringLiteral("todo-app")).first()), false);
        QVERIFY(stream.waitForLines(allowed ? 2 : 1));
        const QJsonObject first = stream.events().first();
        if (allowed) {
            QCOMPARE(first.value(QStringLiteral("type")).toString(), QStringLiteral("BOOKMARK"));
            const QJsonObject object = first.value(QStringLiteral("object")).toObject();
            QCOMPARE(object.value(QStringLiteral("kind")).toString(), QStringLiteral("Pod"));
            QVERIFY(!meta(object).value(QStringLiteral("resourceVersion")).toString().isEmpty());
        } else {
            QCOMPARE(first.value(QStringLiteral("type")).toString(), QStringLiteral("DELETED"));
        }
    }

    void periodicBookmarks()
    {
        auto server = startServer();
        server->setBookmarkInterval(50);
        ApiTestClient client(*server);
        RawStream stream(client,
                         QStringLiteral("/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=")
                             + server->resourceVersion());
        QVERIFY(stream.waitForLines(2, 3000));
        for (const QJsonObject& event : stream.events())
            QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("BOOKMARK"));
    }

    void watchHonoursTimeoutSeconds()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        QElapsedTimer timer;
        timer.start();
        RawStream stream(client,
                         QStringLiteral("/api/v1/namespaces/todo-app/pods?watch=1&timeoutSeconds=1&resourceVersion=")
                             + server->resourceVersion());
        QVERIFY(stream.waitForEnd(5000));
        QVERIFY(stream.endedCleanly());
        QVERIFY(timer.elapsed() >= 900);
    }

    void watchWithoutResourceVersionStartsWithTheState()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        RawStream stream(client, QStringLiteral("/api/v1/namespaces/todo-app/pods?watch=1"));
        QVERIFY(stream.waitForLines(2));
        for (const QJsonObject& event : stream.events())
            QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("ADDED"));
    }

    void sendInitialEventsEndsWithABookmark()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        RawStream stream(
            client,
            QStringLiteral("/api/v1/namespaces/todo-app/pods?watch=1&sendInitialEvents=true&allowWatchBookmarks=true"
                           "&resourceVersionMatch=NotOlderThan"));
        QVERIFY(stream.waitForLines(3));
        const QList<QJsonObject> events = stream.events();
        QCOMPARE(events.at(0).value(QStringLiteral("type")).toString(), QStringLiteral("ADDED"));
        QCOMPARE(events.at(1).value(QStringLiteral("type")).toString(), QStringLiteral("ADDED"));
        QCOMPARE(events.at(2).value(QStringLiteral("type")).toString(), QStringLiteral("BOOKMARK"));
        QCOMPARE(meta(events.at(2).value(QStringLiteral("object")).toObject())
                     .value(QStringLiteral("annotations"))
                     .toObject()
                     .value(QStringLiteral("k8s.io/initial-events-end"))
                     .toString(),
                 QStringLiteral("true"));
    }

    void linesSplitAcrossChunks_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("watch") << QStringLiteral("/api/v1/namespaces/todo-app/pods?watch=1");
        QTest::newRow("log") << QStringLiteral("/api/v1/namespaces/todo-app/pods/%1/log?tailLines=3");
    }

    void linesSplitAcrossChunks()
    {
        QFETCH(QString, path);
        auto server = startServer();
        server->setSplitLinesAcrossChunks(true);
        ApiTestClient client(*server);
        const QString pod = nameOf(server->pods(QStringLiteral("todo-app")).first());
        RawStream stream(client, path.contains(QLatin1String("%1")) ? path.arg(pod) : path);
        QVERIFY(stream.waitForLines(2));
        // No chunk holds a whole line: every line was written as two chunks, the second ending it.
        const QList<QByteArray> chunks = stream.chunks();
        QVERIFY(chunks.size() >= 4);
        for (qsizetype i = 0; i < 4; ++i) {
            QCOMPARE(chunks.at(i).count('\n'), i % 2);
            QCOMPARE(chunks.at(i).endsWith('\n'), i % 2 == 1);
        }
        QCOMPARE(stream.chunks().first() + stream.chunks().at(1), stream.lines().first() + '\n');
    }

    void dropWatchStreams_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("between events") << int(FakeApiServer::DropMode::BetweenEvents);
        QTest::newRow("mid chunk") << int(FakeApiServer::DropMode::MidChunk);
        QTest::newRow("mid line") << int(FakeApiServer::DropMode::MidLine);
    }

    void dropWatchStreams()
    {
        QFETCH(int, mode);
        auto server = startServer();
        ApiTestClient client(*server);
        RawStream stream(client, QStringLiteral("/api/v1/namespaces/todo-app/pods?watch=1"));
        QVERIFY(stream.waitForLines(2));
        QCOMPARE(server->counters().openWatches, 1);
        server->dropWatchStreams(FakeApiServer::DropMode(mode));
        QVERIFY(stream.waitForEnd());
        QVERIFY(stream.closed());
        QVERIFY(!stream.endedCleanly());
        QCOMPARE(stream.truncatedChunk(), FakeApiServer::DropMode(mode) == FakeApiServer::DropMode::MidChunk);
        QCOMPARE(stream.body().endsWith('\n'), FakeApiServer::DropMode(mode) != FakeApiServer::DropMode::MidLine);
        QTRY_COMPARE(server->counters().openWatches, 0);
    }

    void failNextRequests_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("500") << 500 << QStringLiteral("InternalError");
        QTest::newRow("429") << 429 << QStringLiteral("TooManyRequests");
    }

    void failNextRequests()
    {
        QFETCH(int, status);
        QFETCH(QString, reason);
        auto server = startServer();
        server->failNextRequests(2, status, QStringLiteral("/pods"), 3);
        ApiTestClient client(*server);
        QCOMPARE(client.get(QStringLiteral("/api/v1/namespaces/todo-app/services")).status, 200); // not matching
        for (int i = 0; i < 2; ++i) {
            const auto reply = client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods"));
            QCOMPARE(reply.status, status);
            QCOMPARE(reply.json().value(QStringLiteral("reason")).toString(), reason);
            if (status == 429)
                QCOMPARE(reply.header("Retry-After"), QByteArray("3"));
        }
        QCOMPARE(client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods")).status, 200);
        QCOMPARE(server->counters().faultsInjected, 2);
        QCOMPARE(server->requestsMatching(QString(), QStringLiteral("/pods")).first().injectedFault, true);
    }

    void latencyIsAdded()
    {
        auto server = startServer();
        server->setLatency(300);
        ApiTestClient client(*server);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(client.get(QStringLiteral("/version")).status, 200);
        QVERIFY(timer.elapsed() >= 290);
    }

    void rolloutRestartReplacesThePods()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        const QStringList before
            = names(server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")));
        const auto reply = client.request(
            "PATCH",
            QStringLiteral("/apis/apps/v1/namespaces/todo-app/deployments/backend?fieldManager=kubectl-rollout"),
            R"({"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z"}}}}})",
            "application/strategic-merge-patch+json");
        QCOMPARE(reply.status, 200);
        const auto replicaSets = server->objects(QStringLiteral("replicasets"), QStringLiteral("todo-app"));
        QCOMPARE(replicaSets.size(), 3); // backend old + new, frontend
        const QList<QJsonObject> after
            = server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend"));
        QCOMPARE(after.size(), 1);
        QVERIFY(!before.contains(nameOf(after.first())));
        QCOMPARE(meta(after.first())
                     .value(QStringLiteral("annotations"))
                     .toObject()
                     .value(QStringLiteral("kubectl.kubernetes.io/restartedAt"))
                     .toString(),
                 QStringLiteral("2026-01-01T00:00:00Z"));
        const QJsonObject deployment
            = *server->object(QStringLiteral("deployments"), QStringLiteral("todo-app"), QStringLiteral("backend"));
        QCOMPARE(meta(deployment)
                     .value(QStringLiteral("annotations"))
                     .toObject()
                     .value(QStringLiteral("deployment.kubernetes.io/revision"))
                     .toString(),
                 QStringLiteral("2"));
        const QJsonObject status = deployment.value(QStringLiteral("status")).toObject();
        QCOMPARE(status.value(QStringLiteral("observedGeneration")).toInt(),
                 meta(deployment).value(QStringLiteral("generation")).toInt());
        QCOMPARE(status.value(QStringLiteral("updatedReplicas")).toInt(), 1);
        QCOMPARE(status.value(QStringLiteral("availableReplicas")).toInt(), 1);
    }

    void deletedPodIsReplaced()
    {
        auto server = startServer();
        FakeApiServer::Timing timing;
        timing.terminationMs = 200;
        server->setTiming(timing);
        ApiTestClient client(*server);
        const QString victim
            = nameOf(server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")).first());
        const auto reply = client.request("DELETE", QStringLiteral("/api/v1/namespaces/todo-app/pods/") + victim);
        QCOMPARE(reply.status, 200);
        QVERIFY(meta(reply.json()).contains(QStringLiteral("deletionTimestamp")));
        // Terminating, and already replaced (the ReplicaSet does not count terminating pods).
        QCOMPARE(server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")).size(), 2);
        QTRY_VERIFY(!server->object(QStringLiteral("pods"), QStringLiteral("todo-app"), victim));
        QCOMPARE(server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend"), true).size(), 1);
    }

    void lifecycleOnTimersAndByHand()
    {
        auto server = startServer();
        FakeApiServer::Timing timing;
        timing.manual = true;
        server->setTiming(timing);
        QVERIFY(server->setDeploymentReplicas(QStringLiteral("todo-app"), QStringLiteral("frontend"), 2));
        const auto phaseOfNew = [&] {
            for (const QJsonObject& pod :
                 server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=frontend"))) {
                const QJsonObject status = pod.value(QStringLiteral("status")).toObject();
                if (status.value(QStringLiteral("phase")).toString() != QLatin1String("Running"))
                    return status.value(QStringLiteral("containerStatuses")).toArray().isEmpty()
                        ? QStringLiteral("Pending")
                        : status.value(QStringLiteral("containerStatuses"))
                              .toArray()
                              .first()
                              .toObject()
                              .value(QStringLiteral("state"))
                              .toObject()
                              .value(QStringLiteral("waiting"))
                              .toObject()
                              .value(QStringLiteral("reason"))
                              .toString();
            }
            return QStringLiteral("Running");
        };
        QCOMPARE(phaseOfNew(), QStringLiteral("Pending"));
        QCOMPARE(server->advance(), 1);
        QCOMPARE(phaseOfNew(), QStringLiteral("ContainerCreating"));
        QCOMPARE(server->advance(), 1);
        QCOMPARE(phaseOfNew(), QStringLiteral("Running"));

        timing.manual = false;
        timing.scheduleMs = 100;
        timing.startMs = 100;
        server->setTiming(timing);
        QVERIFY(server->setDeploymentReplicas(QStringLiteral("todo-app"), QStringLiteral("frontend"), 3));
        QCOMPARE(phaseOfNew(), QStringLiteral("Pending"));
        QTRY_COMPARE(phaseOfNew(), QStringLiteral("Running"));
    }

    void logs_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("lines");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("all") << QString() << 20 << QStringLiteral(R"(^INFO (starting|request \d+ ))");
        QTest::newRow("tail") << QStringLiteral("tailLines=5") << 5 << QStringLiteral(R"(^INFO request \d+ )");
        QTest::newRow("timestamps") << QStringLiteral("tailLines=2&timestamps=true") << 2
                                    << QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z INFO )");
        QTest::newRow("limitBytes") << QStringLiteral("limitBytes=10") << 0 << QString();
    }

    void logs()
    {
        QFETCH(QString, query);
        QFETCH(int, lines);
        QFETCH(QString, pattern);
        auto server = startServer();
        FakeApiServer::LogOptions options;
        options.linesPerSecond = 0;
        server->setLogOptions(options);
        ApiTestClient client(*server);
        const QString pod
            = nameOf(server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")).first());
        const auto reply = client.request(
            "GET", QStringLiteral("/api/v1/namespaces/todo-app/pods/%1/log?%2").arg(pod, query), {}, {}, "*/*");
        QCOMPARE(reply.status, 200);
        if (lines == 0) {
            QCOMPARE(reply.body.size(), 10);
            return;
        }
        const QList<QByteArray> got = reply.body.trimmed().split('\n');
        QCOMPARE(got.size(), lines);
        const QRegularExpression expression(pattern);
        for (const QByteArray& line : got)
            QVERIFY2(expression.match(QString::fromUtf8(line)).hasMatch(), line.constData());
        QVERIFY(got.last().endsWith(
            server->logLine(QStringLiteral("todo-app"), pod, QStringLiteral("backend"), 19).toUtf8()));
    }

    void previousLogsOfACrashLoop()
    {
        auto server = startServer(Scenario::crashLoop());
        ApiTestClient client(*server);
        const QJsonObject pod = server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")).first();
        const QJsonObject container = pod.value(QStringLiteral("status"))
                                          .toObject()
                                          .value(QStringLiteral("containerStatuses"))
                                          .toArray()
                                          .first()
                                          .toObject();
        QCOMPARE(container.value(QStringLiteral("restartCount")).toInt(), 4);
        QCOMPARE(container.value(QStringLiteral("state"))
                     .toObject()
                     .value(QStringLiteral("waiting"))
                     .toObject()
                     .value(QStringLiteral("reason"))
                     .toString(),
                 QStringLiteral("CrashLoopBackOff"));
        QCOMPARE(container.value(QStringLiteral("lastState"))
                     .toObject()
                     .value(QStringLiteral("terminated"))
                     .toObject()
                     .value(QStringLiteral("reason"))
                     .toString(),
                 QStringLiteral("Error"));
        const auto previous
            = client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods/%1/log?previous=true").arg(nameOf(pod)));
        QCOMPARE(previous.status, 200);
        QVERIFY(previous.body.trimmed().endsWith("KeyError: 'DATABASE_URL'"));
        const QString healthy
            = nameOf(server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=frontend")).first());
        const auto none
            = client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods/%1/log?previous=true").arg(healthy));
        QCOMPARE(none.status, 400);
        QCOMPARE(none.json().value(QStringLiteral("message")).toString(),
                 QStringLiteral("previous terminated container \"frontend\" in pod \"%1\" not found").arg(healthy));
    }

    void followEndsWhenThePodGoes()
    {
        auto server = startServer();
        FakeApiServer::LogOptions options;
        options.linesPerSecond = 50;
        server->setLogOptions(options);
        ApiTestClient client(*server);
        const QString pod
            = nameOf(server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")).first());
        RawStream stream(client, QStringLiteral("/api/v1/namespaces/todo-app/pods/%1/log?follow=true").arg(pod), "*/*");
        QVERIFY(stream.waitForLines(25, 5000)); // 20 of history, then the new ones
        QVERIFY(!stream.endedCleanly());
        server->deletePod(QStringLiteral("todo-app"), pod, false);
        QVERIFY(stream.waitForEnd());
        QVERIFY(stream.endedCleanly());
        QCOMPARE(server->counters().openLogStreams, 0);
    }

    void manyLogLinesAsFastAsTheClientReads()
    {
        auto server = startServer();
        FakeApiServer::LogOptions options;
        options.historyLines = 200000;
        options.linesPerSecond = 20000; // ignored without follow: the log as it was when asked
        server->setLogOptions(options);
        const QString pod = newBackendPod(*server); // started with this history
        ApiTestClient client(*server);
        QElapsedTimer timer;
        timer.start();
        const auto reply = client.request("GET", QStringLiteral("/api/v1/namespaces/todo-app/pods/%1/log").arg(pod), {},
                                          {}, "*/*", 60000);
        QCOMPARE(reply.status, 200);
        const qint64 lines = reply.body.count('\n');
        QVERIFY2(lines >= 200000 && lines < 200000 + 20000 * 2, qPrintable(QString::number(lines)));
        qInfo("%lld lines (%lld bytes) in %lld ms", lines, qint64(reply.body.size()), timer.elapsed());
    }

    void pacedFollow()
    {
        auto server = startServer();
        FakeApiServer::LogOptions options;
        options.linesPerSecond = 2000;
        server->setLogOptions(options);
        const QString pod = newBackendPod(*server);
        ApiTestClient client(*server);
        RawStream stream(
            client, QStringLiteral("/api/v1/namespaces/todo-app/pods/%1/log?follow=true&tailLines=0").arg(pod), "*/*");
        QVERIFY(stream.waitForHeaders());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(stream.waitForLines(1000, 5000));
        // Paced: about half a second for 1,000 lines at 2,000 per second, not all at once.
        QVERIFY2(timer.elapsed() >= 300, qPrintable(QString::number(timer.elapsed())));
    }

    void metrics()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        const auto reply = client.get(QStringLiteral("/apis/metrics.k8s.io/v1beta1/namespaces/todo-app/pods"));
        QCOMPARE(reply.status, 200);
        const QJsonArray items = reply.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 2);
        const QJsonObject usage = items.first()
                                      .toObject()
                                      .value(QStringLiteral("containers"))
                                      .toArray()
                                      .first()
                                      .toObject()
                                      .value(QStringLiteral("usage"))
                                      .toObject();
        QVERIFY(QRegularExpression(QStringLiteral(R"(^\d+n$)"))
                    .match(usage.value(QStringLiteral("cpu")).toString())
                    .hasMatch());
        QVERIFY(QRegularExpression(QStringLiteral(R"(^\d+Ki$)"))
                    .match(usage.value(QStringLiteral("memory")).toString())
                    .hasMatch());
        const QString before = usage.value(QStringLiteral("cpu")).toString();
        server->advanceClock(60000);
        const QJsonObject later
            = client.get(QStringLiteral("/apis/metrics.k8s.io/v1beta1/namespaces/todo-app/pods")).json();
        QVERIFY(later.value(QStringLiteral("items"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("containers"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("usage"))
                    .toObject()
                    .value(QStringLiteral("cpu"))
                    .toString()
                != before);
        QCOMPARE(client.get(QStringLiteral("/apis/metrics.k8s.io/v1beta1/nodes"))
                     .json()
                     .value(QStringLiteral("items"))
                     .toArray()
                     .size(),
                 1);

        server->setMetricsEnabled(false);
        QCOMPARE(client.get(QStringLiteral("/apis/metrics.k8s.io/v1beta1/namespaces/todo-app/pods")).status, 404);
        QCOMPARE(client.get(QStringLiteral("/apis/metrics.k8s.io/v1beta1")).status, 404);
        QVERIFY(!client.get(QStringLiteral("/apis")).body.contains("metrics.k8s.io"));
    }

    void secrets()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        const QString base = QStringLiteral("/api/v1/namespaces/todo-app/secrets");
        const QJsonObject secret {
            { QStringLiteral("apiVersion"), QStringLiteral("v1") },
            { QStringLiteral("kind"), QStringLiteral("Secret") },
            { QStringLiteral("metadata"),
              QJsonObject { { QStringLiteral("name"), QStringLiteral("todo-app-secrets") } } },
            { QStringLiteral("type"), QStringLiteral("Opaque") },
            { QStringLiteral("stringData"),
              QJsonObject { { QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-test") } } },
            { QStringLiteral("data"),
              QJsonObject { { QStringLiteral("DB_PASSWORD"), QString::fromLatin1(QByteArray("hunter2").toBase64()) } } }
        };
        const auto created = client.request("POST", base, json(secret));
        QCOMPARE(created.status, 201);
        QCOMPARE(client.request("POST", base, json(secret)).status, 409);
        const auto fetched = client.get(base + QStringLiteral("/todo-app-secrets"));
        QCOMPARE(fetched.status, 200);
        const QJsonObject data = fetched.json().value(QStringLiteral("data")).toObject();
        QCOMPARE(QByteArray::fromBase64(data.value(QStringLiteral("OPENAI_API_KEY")).toString().toLatin1()),
                 QByteArray("sk-test"));
        QCOMPARE(QByteArray::fromBase64(data.value(QStringLiteral("DB_PASSWORD")).toString().toLatin1()),
                 QByteArray("hunter2"));
        QVERIFY(!fetched.json().contains(QStringLiteral("stringData")));
        QCOMPARE(
            server->object(QStringLiteral("secrets"), QStringLiteral("todo-app"), QStringLiteral("todo-app-secrets"))
                ->value(QStringLiteral("data")),
            QJsonValue(data));

        QJsonObject replacement = fetched.json();
        replacement.insert(QStringLiteral("data"), QJsonObject { { QStringLiteral("ONLY"), QStringLiteral("eA==") } });
        QCOMPARE(client.request("PUT", base + QStringLiteral("/todo-app-secrets"), json(replacement)).status, 200);
        QCOMPARE(client.request("PUT", base + QStringLiteral("/todo-app-secrets"), json(replacement)).status,
                 409); // stale resourceVersion
        const auto patched = client.request("PATCH", base + QStringLiteral("/todo-app-secrets"),
                                            R"({"data":{"MORE":"eQ=="}})", "application/merge-patch+json");
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json().value(QStringLiteral("data")).toObject().keys(),
                 (QStringList { QStringLiteral("MORE"), QStringLiteral("ONLY") }));
        QCOMPARE(client.get(base).json().value(QStringLiteral("items")).toArray().size(), 1);
        const auto invalid = client.request(
            "POST", base,
            R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"bad"},"data":{"x":"not base64!"}})");
        QCOMPARE(invalid.status, 400);
        const auto recorded = server->requestsMatching(QStringLiteral("POST"), QStringLiteral("/secrets")).first();
        QCOMPARE(recorded.contentType, QByteArray("application/json"));
        QCOMPARE(QJsonDocument::fromJson(recorded.body).object(), secret);
    }

    // client-go's typed clients write built-in kinds as protobuf (Helm's release Secrets: the
    // fixtures are what Helm 3.17 sent); anything without a decoder is 415, as for custom resources.
    void protobufBodies()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        const auto read = [](const char* name) {
            QFile f(QStringLiteral(QUAYSIDE_TESTS_DIR "/kubeapi/fixtures/protobuf/") + QString::fromLatin1(name));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QByteArray protobuf("application/vnd.kubernetes.protobuf");
        const QByteArray typedAccept("application/vnd.kubernetes.protobuf,application/json");
        const QString base = QStringLiteral("/api/v1/namespaces/todo-app/secrets");
        const auto created = client.request("POST", base, read("helm3-release-secret.pb"), protobuf, typedAccept);
        QVERIFY2(created.status == 201, created.body.constData());
        QCOMPARE(created.header("Content-Type"), QByteArray("application/json"));
        const QJsonObject secret = created.json();
        QCOMPARE(secret.value(QStringLiteral("type")).toString(), QStringLiteral("helm.sh/release.v1"));
        QCOMPARE(meta(secret).value(QStringLiteral("namespace")).toString(), QStringLiteral("todo-app"));
        const auto listed = client.request("GET", base + QStringLiteral("?labelSelector=owner%3Dhelm,name%3Dtiny"), {},
                                           {}, typedAccept);
        QCOMPARE(listed.json().value(QStringLiteral("items")).toArray().size(), 1);
        const QString path = base + QStringLiteral("/sh.helm.release.v1.tiny.v1");
        const auto deleted = client.request("DELETE", path, read("helm3-delete-options.pb"), protobuf, typedAccept);
        QVERIFY2(deleted.status == 200, deleted.body.constData());
        QCOMPARE(client.get(path).status, 404);

        const QByteArray deployment = QByteArray("k8s\0", 4) + QByteArray::fromHex("0a150a0761707073") + "/v1"
            + QByteArray::fromHex("120a") + "Deployment";
        const auto refused = client.request("POST", QStringLiteral("/apis/apps/v1/namespaces/todo-app/deployments"),
                                            deployment, protobuf, typedAccept);
        QCOMPARE(refused.status, 415);
        QCOMPARE(refused.json().value(QStringLiteral("reason")).toString(), QStringLiteral("UnsupportedMediaType"));
        const auto yaml = client.request("POST", base, "apiVersion: v1\nkind: Secret\n", "text/plain");
        QCOMPARE(yaml.status, 415);
    }

    void contentNegotiation_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        const QString pods = QStringLiteral("/api/v1/namespaces/todo-app/pods");
        QTest::newRow("protobuf only") << QByteArray("GET") << pods << QByteArray("application/vnd.kubernetes.protobuf")
                                       << 406 << QByteArray("application/json");
        QTest::newRow("protobuf then json")
            << QByteArray("GET") << pods << QByteArray("application/vnd.kubernetes.protobuf,application/json") << 200
            << QByteArray("application/json");
        QTest::newRow("table") << QByteArray("GET") << pods
                               << QByteArray("application/json;as=Table;v=v1;g=meta.k8s.io,application/json") << 200
                               << QByteArray("application/json;as=Table;v=v1;g=meta.k8s.io");
        // Negotiated before the write: nothing is created for a client that cannot read the answer.
        QTest::newRow("write") << QByteArray("POST") << QStringLiteral("/api/v1/namespaces/todo-app/configmaps")
                               << QByteArray("application/yaml") << 406 << QByteArray("application/json");
        QTest::newRow("discovery") << QByteArray("GET") << QStringLiteral("/apis/apps/v1")
                                   << QByteArray("application/vnd.kubernetes.protobuf") << 406
                                   << QByteArray("application/json");
        QTest::newRow("logs are text whatever is asked")
            << QByteArray("GET") << QStringLiteral("/api/v1/namespaces/todo-app/pods/%1/log")
            << QByteArray("application/json") << 200 << QByteArray("text/plain");
    }

    void contentNegotiation()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, accept);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        auto server = startServer();
        ApiTestClient client(*server);
        if (path.contains(QLatin1String("%1")))
            path = path.arg(
                nameOf(server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend")).first()));
        const QByteArray body = method == "POST"
            ? QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"negotiated"}})")
            : QByteArray();
        const auto reply = client.request(method, path, body, "application/json", accept);
        QCOMPARE(reply.status, status);
        QVERIFY2(reply.header("Content-Type").startsWith(contentType), reply.header("Content-Type").constData());
        if (status == 406) {
            QCOMPARE(reply.json().value(QStringLiteral("reason")).toString(), QStringLiteral("NotAcceptable"));
            QVERIFY(!server->object(QStringLiteral("configmaps"), QStringLiteral("todo-app"),
                                    QStringLiteral("negotiated")));
        }
    }

    // What kubectl, Helm and client-go ask /api and /apis for first (KEP 3352).
    void aggregatedDiscovery()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        const QByteArray accept("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/"
                                "json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
        const auto apis = client.request("GET", QStringLiteral("/apis"), {}, {}, accept);
        QCOMPARE(apis.status, 200);
        QCOMPARE(apis.header("Content-Type"),
                 QByteArray("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"));
        QCOMPARE(apis.json().value(QStringLiteral("apiVersion")).toString(), QStringLiteral("apidiscovery.k8s.io/v2"));
        QJsonObject apps;
        QStringList groups;
        for (const QJsonValue& item : apis.json().value(QStringLiteral("items")).toArray()) {
            groups << meta(item.toObject()).value(QStringLiteral("name")).toString();
            if (groups.last() == QLatin1String("apps"))
                apps = item.toObject();
        }
        QVERIFY(groups.contains(QStringLiteral("autoscaling")));
        QVERIFY(groups.contains(QStringLiteral("metrics.k8s.io")));
        const QJsonObject version = apps.value(QStringLiteral("versions")).toArray().first().toObject();
        QCOMPARE(version.value(QStringLiteral("version")).toString(), QStringLiteral("v1"));
        QJsonObject deployments;
        for (const QJsonValue& r : version.value(QStringLiteral("resources")).toArray()) {
            if (r.toObject().value(QStringLiteral("resource")).toString() == QLatin1String("deployments"))
                deployments = r.toObject();
        }
        QCOMPARE(deployments.value(QStringLiteral("scope")).toString(), QStringLiteral("Namespaced"));
        QCOMPARE(deployments.value(QStringLiteral("responseKind")).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("Deployment"));
        QCOMPARE(deployments.value(QStringLiteral("subresources")).toArray().size(), 2);

        const auto core = client.request("GET", QStringLiteral("/api"), {}, {}, accept);
        const QJsonArray items = core.json().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 1);
        QVERIFY(!meta(items.first().toObject()).contains(QStringLiteral("name")));
        QVERIFY(core.body.contains("\"resource\":\"pods\""));
        // Clients that do not ask get the legacy documents.
        QCOMPARE(client.get(QStringLiteral("/api")).json().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("APIVersions"));
    }

    // Server-side apply over HTTP: create, field ownership in managedFields, a conflict, force.
    void serverSideApply()
    {
        auto server = startServer();
        ApiTestClient client(*server);
        const QString path = QStringLiteral("/api/v1/namespaces/todo-app/configmaps/applied");
        const QByteArray apply("application/apply-patch+yaml");
        const QByteArray config(
            R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"},"data":{"a":"1"}})");
        QCOMPARE(client.request("PATCH", path, config, apply).status, 422); // no fieldManager
        const auto created = client.request("PATCH", path + QStringLiteral("?fieldManager=helm"), config, apply);
        QCOMPARE(created.status, 201);
        const QJsonArray managed = meta(created.json()).value(QStringLiteral("managedFields")).toArray();
        QCOMPARE(managed.size(), 1);
        QCOMPARE(managed.first().toObject().value(QStringLiteral("operation")).toString(), QStringLiteral("Apply"));
        const QString rv = meta(created.json()).value(QStringLiteral("resourceVersion")).toString();
        // The same apply again is not a write.
        const auto again = client.request("PATCH", path + QStringLiteral("?fieldManager=helm"), config, apply);
        QCOMPARE(meta(again.json()).value(QStringLiteral("resourceVersion")).toString(), rv);

        const QByteArray other(
            R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"},"data":{"a":"2"}})");
        const auto conflict = client.request("PATCH", path + QStringLiteral("?fieldManager=other"), other, apply);
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.json().value(QStringLiteral("message")).toString(),
                 QStringLiteral("Apply failed with 1 conflict: conflict with \"helm\": .data.a"));
        const auto forced
            = client.request("PATCH", path + QStringLiteral("?fieldManager=other&force=true"), other, apply);
        QCOMPARE(forced.status, 200);
        QCOMPARE(forced.json().value(QStringLiteral("data")).toObject().value(QStringLiteral("a")).toString(),
                 QStringLiteral("2"));
        // helm no longer owns .data.a; its next apply without it leaves the value to its new owner.
        const auto dropped
            = client.request("PATCH", path + QStringLiteral("?fieldManager=helm"),
                             R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"applied"}})", apply);
        QCOMPARE(dropped.json().value(QStringLiteral("data")).toObject().value(QStringLiteral("a")).toString(),
                 QStringLiteral("2"));
        // Other writes record their manager too: the user agent's first word without fieldManager.
        const auto merged = client.request("PATCH", path, R"({"data":{"b":"3"}})", "application/merge-patch+json");
        QStringList managers;
        for (const QJsonValue& entry : meta(merged.json()).value(QStringLiteral("managedFields")).toArray())
            managers << entry.toObject().value(QStringLiteral("manager")).toString();
        QCOMPARE(managers.size(), 2);
        QCOMPARE(managers.first(), QStringLiteral("other"));
    }

    void scenarioLoadOfThousands()
    {
        QElapsedTimer timer;
        timer.start();
        auto server = startServer(Scenario::load(2000));
        QVERIFY(server->isListening());
        qInfo("load:2000 started in %lld ms", timer.elapsed());
        QCOMPARE(
            server->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app in (worker-0,worker-9)"), true).size(),
            400);
        ApiTestClient client(*server);
        const auto reply = client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods"));
        QCOMPARE(reply.json().value(QStringLiteral("items")).toArray().size(), 2002);
    }

    void modifiedEventsPerSecond()
    {
        auto server = startServer(Scenario::load(100));
        ApiTestClient client(*server);
        RawStream stream(client,
                         QStringLiteral("/api/v1/namespaces/todo-app/pods?watch=1&resourceVersion=")
                             + server->resourceVersion());
        QVERIFY(stream.waitForHeaders());
        server->setModifiedEventsPerSecond(500, QStringLiteral("todo-app"));
        QVERIFY(stream.waitForLines(200, 5000));
        server->setModifiedEventsPerSecond(0);
        for (const QJsonObject& event : stream.events())
            QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("MODIFIED"));
    }

    void plainHttpWithAToken()
    {
        FakeApiServer server;
        FakeApiServer::Options options;
        options.tls = false;
        QVERIFY(server.start(options));
        QCOMPARE(server.url().scheme(), QStringLiteral("http"));
        server.addBearerToken(QStringLiteral("t0ken"));
        ApiTestClient client(server, ApiTestClient::Credentials::None);
        QCOMPARE(client.get(QStringLiteral("/api/v1/pods")).status, 401);
        client.setBearerToken("t0ken");
        QCOMPARE(client.get(QStringLiteral("/api/v1/pods")).status, 200);
    }

    void runsOnItsOwnThread()
    {
        FakeApiServerThread fake;
        QVERIFY(fake.start());
        QVERIFY(fake->isListening());
        ApiTestClient client(*fake.server());
        QCOMPARE(client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods")).status, 200);
        QVERIFY(fake->setDeploymentReplicas(QStringLiteral("todo-app"), QStringLiteral("backend"), 2));
        QCOMPARE(fake->podsMatching(QStringLiteral("todo-app"), QStringLiteral("app=backend"), true).size(), 2);
        QCOMPARE(fake->requests().size(), 1);
    }
};

QTEST_GUILESS_MAIN(FakeApiServerTest)
#include "FakeApiServerTest.moc"
