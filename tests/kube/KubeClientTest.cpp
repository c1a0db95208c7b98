#include "kube/KubeClient.h"

#include "KubeTestSupport.h"
#include "core/Redactor.h"
#include "kube/KubeReply.h"
#include "kube/StreamReader.h"
#include "kubeapi/FakeApiServer.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace quayside;
using namespace quayside::kube;
using namespace quayside::kube::testing;
using quayside::test::FakeApiServer;
using quayside::test::RecordedRequest;

class KubeClientTest : public QObject
{
    Q_OBJECT
private:
    FakeApiServer m_server;
    QTemporaryDir m_dir;

    QString kubeconfig(const QString& name, const FakeApiServer::KubeconfigOptions& options)
    {
        const QString path = m_dir.filePath(name);
        if (!m_server.writeKubeconfig(path, options))
            qFatal("cannot write kubeconfig");
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(serverOptions()), qPrintable(m_server.errorString())); }

    void init()
    {
        m_server.clearFaults();
        m_server.clearRequests();
    }

    // Every way a kubeconfig can say who we are, against the same server, with the outcome a user
    // must see: the server's data, or a sentence naming the cause.
    void credentials_data()
    {
        QTest::addColumn<int>("credentials");
        QTest::addColumn<bool>("wrongCa");
        QTest::addColumn<bool>("embed");
        QTest::addColumn<QString>("error"); // empty: success
        QTest::addColumn<int>("auth"); // RecordedRequest::Auth on success

        QTest::newRow("client certificate files")
            << int(FakeApiServer::KubeconfigCredentials::ClientCertificate) << false << false << ""
            << int(RecordedRequest::Auth::ClientCertificate);
        QTest::newRow("embedded certificate data")
            << int(FakeApiServer::KubeconfigCredentials::ClientCertificate) << false << true << ""
            << int(RecordedRequest::Auth::ClientCertificate);
        QTest::newRow("bearer token") << int(FakeApiServer::KubeconfigCredentials::BearerToken) << false << false << ""
                                      << int(RecordedRequest::Auth::BearerToken);
        QTest::newRow("wrong certificate authority")
            << int(FakeApiServer::KubeconfigCredentials::ClientCertificate) << true << false
            << "the server's certificate is not signed by the certificate-authority in {KUBECONFIG}" << 0;
        QTest::newRow("expired client certificate")
            << int(FakeApiServer::KubeconfigCredentials::ExpiredClientCertificate) << false << false
            << "client certificate expired on 2020-" << 0;
        QTest::newRow("certificate from another CA")
            << int(FakeApiServer::KubeconfigCredentials::ForeignClientCertificate) << false << false
            << "Unauthorized: the API server rejected the credentials of user \"minikube\" in {KUBECONFIG}" << 0;
        QTest::newRow("no credentials") << int(FakeApiServer::KubeconfigCredentials::None) << false << false
                                        << "Unauthorized" << 0;
    }
    void credentials()
    {
        QFETCH(int, credentials);
        QFETCH(bool, wrongCa);
        QFETCH(bool, embed);
        QFETCH(QString, error);
        QFETCH(int, auth);
        FakeApiServer::KubeconfigOptions options;
        options.credentials = FakeApiServer::KubeconfigCredentials(credentials);
        options.wrongCertificateAuthority = wrongCa;
        options.embedData = embed;
        const QString path = kubeconfig(
            QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')), options);
        KubeClient client(loadConfig(path));
        std::unique_ptr<KubeReply> reply(await(client.get(QStringLiteral("/api/v1/namespaces/todo-app/pods"))));
        QVERIFY(reply->isFinished());
        if (error.isEmpty()) {
            QVERIFY2(reply->ok(), qPrintable(reply->error().message()));
            QCOMPARE(reply->httpStatus(), 200);
            QCOMPARE(names(QList<QJsonObject> {}).size(), 0);
            QCOMPARE(reply->json().value(QLatin1String("items")).toArray().size(), 2);
            const auto recorded
                = m_server.requestsMatching(QStringLiteral("GET"), QStringLiteral("/namespaces/todo-app/pods"));
            QVERIFY(!recorded.isEmpty());
            QCOMPARE(int(recorded.last().auth), auth);
            QVERIFY(recorded.last().userAgent.startsWith("quayside/"));
            return;
        }
        QVERIFY(!reply->ok());
        error.replace(QStringLiteral("{KUBECONFIG}"), path);
        QVERIFY2(reply->error().message().contains(error),
                 qPrintable(QStringLiteral("\"%1\" lacks \"%2\"").arg(reply->error().message(), error)));
    }

    void statusMessageIsTheServers()
    {
        KubeClient client(loadConfig(m_server.kubeconfigPath()));
        std::unique_ptr<KubeReply> reply(
            await(client.get(QStringLiteral("/apis/apps/v1/namespaces/todo-app/deployments/nope"))));
        QCOMPARE(reply->httpStatus(), 404);
        QCOMPARE(reply->error().kind(), KubeError::Kind::Status);
        QCOMPARE(reply->error().message(), QStringLiteral("deployments.apps \"nope\" not found"));
        QVERIFY(reply->error().isNotFound());
    }

    void injectedServerErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("500") << 500;
        QTest::newRow("429") << 429;
        QTest::newRow("503") << 503;
    }
    void injectedServerErrors()
    {
        QFETCH(int, status);
        KubeClient client(loadConfig(m_server.kubeconfigPath()));
        m_server.failNextRequests(1, status, QStringLiteral("/deployments"));
        std::unique_ptr<KubeReply> reply(
            await(client.get(QStringLiteral("/apis/apps/v1/namespaces/todo-app/deployments"))));
        QCOMPARE(reply->httpStatus(), status);
        QVERIFY(!reply->error().message().isEmpty());
        QVERIFY(reply->error().isTransient());
        // One-shot: the next one goes through.
        std::unique_ptr<KubeReply> again(
            await(client.get(QStringLiteral("/apis/apps/v1/namespaces/todo-app/deployments"))));
        QVERIFY(again->ok());
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        RestConfig config = loadConfig(m_server.kubeconfigPath());
        config.server.setPort(port);
        KubeClient client(config);
        std::unique_ptr<KubeReply> reply(await(client.get(QStringLiteral("/api/v1/namespaces"))));
        QCOMPARE(reply->error().kind(), KubeError::Kind::Unreachable);
        QCOMPARE(reply->error().message(),
                 QStringLiteral(
                     "cannot reach the API server at https://127.0.0.1:%1: connection refused (is minikube running? "
                     "minikube start)")
                     .arg(port));
    }

    void timeout()
    {
        KubeClient client(loadConfig(m_server.kubeconfigPath()));
        m_server.setLatency(3000);
        KubeRequest request = KubeRequest::get(QStringLiteral("/api/v1/namespaces"));
        request.timeout = std::chrono::milliseconds(1000);
        std::unique_ptr<KubeReply> reply(await(client.send(request)));
        m_server.setLatency(0);
        QCOMPARE(reply->error().kind(), KubeError::Kind::Timeout);
        QVERIFY2(reply->error().message().contains(QLatin1String("did not answer within 1 s")),
                 qPrintable(reply->error().message()));
    }

    void abortDeliversNothing()
    {
        KubeClient client(loadConfig(m_server.kubeconfigPath()));
        m_server.setLatency(500);
        KubeReply* reply = client.get(QStringLiteral("/api/v1/namespaces"));
        QSignalSpy finished(reply, &KubeReply::finished);
        QPointer<KubeReply> guard(reply);
        reply->abort();
        QTest::qWait(800);
        m_server.setLatency(0);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!guard); // deleted itself
    }

    // A stream that stays silent past its idle guard ends as a timeout (a dead connection), while
    // one that delivers keeps going.
    void streamIdleGuard()
    {
        KubeClient client(loadConfig(m_server.kubeconfigPath()));
        m_server.setBookmarkInterval(0);
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
        query.addQueryItem(QStringLiteral("resourceVersion"), m_server.resourceVersion());
        KubeRequest request = KubeRequest::get(QStringLiteral("/api/v1/namespaces/todo-app/pods"), query);
        request.timeout = std::chrono::milliseconds(1000);
        std::unique_ptr<StreamReader> stream(client.openStream(request));
        QSignalSpy opened(stream.get(), &StreamReader::opened);
        QSignalSpy finished(stream.get(), &StreamReader::finished);
        QVERIFY(opened.wait(5000));
        QVERIFY(finished.wait(5000));
        QCOMPARE(stream->error().kind(), KubeError::Kind::Timeout);
        QCOMPARE(stream->error().message(), QStringLiteral("no data from the API server for 1 s"));
        QCOMPARE(client.activeStreams(), 1);
        stream.reset();
        QCOMPARE(client.activeStreams(), 0); // its connection slot is free again
    }

    // Streams beyond QNetworkAccessManager's six connections per host neither queue behind each
    // other nor block one-shot requests.
    void manyStreamsDoNotStarveRequests()
    {
        KubeClient client(loadConfig(m_server.kubeconfigPath()));
        QList<StreamReader*> streams;
        int opened = 0;
        for (int i = 0; i < 14; ++i) {
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
            query.addQueryItem(QStringLiteral("resourceVersion"), m_server.resourceVersion());
            KubeRequest request = KubeRequest::get(QStringLiteral("/api/v1/namespaces/todo-app/pods"), query);
            request.timeout = std::chrono::milliseconds(0);
            StreamReader* stream = client.openStream(request);
            connect(stream, &StreamReader::opened, this, [&opened] { ++opened; });
            streams.append(stream);
        }
        QTRY_COMPARE(opened, 14);
        QCOMPARE(client.activeStreams(), 14);
        std::unique_ptr<KubeReply> reply(await(client.get(QStringLiteral("/api/v1/namespaces"))));
        QVERIFY2(reply->ok(), qPrintable(reply->error().message()));
        qDeleteAll(streams);
    }

    void genericJsonOperations()
    {
        KubeClient client(loadConfig(m_server.kubeconfigPath()));
        const QString configMaps = QStringLiteral("/api/v1/namespaces/todo-app/configmaps");
        const QJsonObject cm {
            { QStringLiteral("apiVersion"), QStringLiteral("v1") },
            { QStringLiteral("kind"), QStringLiteral("ConfigMap") },
            { QStringLiteral("metadata"), QJsonObject { { QStringLiteral("name"), QStringLiteral("settings") } } },
            { QStringLiteral("data"), QJsonObject { { QStringLiteral("a"), QStringLiteral("1") } } }
        };
        std::unique_ptr<KubeReply> created(await(client.create(configMaps, cm)));
        QVERIFY2(created->ok(), qPrintable(created->error().message()));
        QCOMPARE(created->httpStatus(), 201);
        std::unique_ptr<KubeReply> conflict(await(client.create(configMaps, cm)));
        QVERIFY(conflict->error().isConflict());
        QVERIFY2(conflict->error().message().contains(QLatin1String("already exists")),
                 qPrintable(conflict->error().message()));

        QJsonObject replaced = created->json();
        replaced.insert(QStringLiteral("data"), QJsonObject { { QStringLiteral("a"), QStringLiteral("2") } });
        std::unique_ptr<KubeReply> put(await(client.replace(configMaps + QStringLiteral("/settings"), replaced)));
        QVERIFY2(put->ok(), qPrintable(put->error().message()));
        std::unique_ptr<KubeReply> patched(await(client.patch(
            configMaps + QStringLiteral("/settings"),
            QJsonObject { { QStringLiteral("data"), QJsonObject { { QStringLiteral("b"), QStringLiteral("3") } } } },
            KubeClient::PatchType::Merge)));
        QVERIFY2(patched->ok(), qPrintable(patched->error().message()));
        QCOMPARE(patched->json().value(QLatin1String("data")).toObject().value(QLatin1String("a")).toString(),
                 QStringLiteral("2"));
        QCOMPARE(patched->json().value(QLatin1String("data")).toObject().value(QLatin1String("b")).toString(),
                 QStringLiteral("3"));
        const auto patchRequests
            = m_server.requestsMatching(QStringLiteral("PATCH"), QStringLiteral("configmaps/settings"));
        QCOMPARE(patchRequests.size(), 1);
        QCOMPARE(patchRequests.first().contentType, QByteArray("application/merge-patch+json"));
        std::unique_ptr<KubeReply> removed(await(client.remove(configMaps + QStringLiteral("/settings"))));
        QVERIFY2(removed->ok(), qPrintable(removed->error().message()));
        std::unique_ptr<KubeReply> gone(await(client.get(configMaps + QStringLiteral("/settings"))));
        QVERIFY(gone->error().isNotFound());
    }

    void tokensAreRedacted()
    {
        FakeApiServer::KubeconfigOptions options;
        options.credentials = FakeApiServer::KubeconfigCredentials::BearerToken;
        options.token = QStringLiteral("redact-me-token-123");
        const QString path = kubeconfig(QStringLiteral("token-redact"), options);
        KubeClient client(loadConfig(path));
        QCOMPARE(QString::fromStdString(Redactor::instance().redact(std::string_view("Bearer redact-me-token-123"))),
                 QStringLiteral("Bearer ***"));
    }

    void tokenFile()
    {
        const QString token = QStringLiteral("token-from-a-file-456");
        m_server.addBearerToken(token, QStringLiteral("file-user"));
        QFile file(m_dir.filePath(QStringLiteral("token")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(token.toUtf8() + "\n");
        file.close();
        RestConfig config = loadConfig(m_server.kubeconfigPath());
        config.clientCertificate = QSslCertificate();
        config.clientKey = QSslKey();
        config.tokenFile = file.fileName();
        KubeClient client(config);
        std::unique_ptr<KubeReply> reply(await(client.get(QStringLiteral("/api/v1/namespaces"))));
        QVERIFY2(reply->ok(), qPrintable(reply->error().message()));
        QCOMPARE(m_server.requests().last().user, QStringLiteral("file-user"));
    }
};

QTEST_GUILESS_MAIN(KubeClientTest)
#include "KubeClientTest.moc"
