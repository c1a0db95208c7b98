#include "kube/KubeOperations.h"

#include "KubeTestSupport.h"
#include "kube/DeploymentSummary.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"
#include "kube/RolloutWatcher.h"
#include "kubeapi/FakeApiServer.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace quayside::kube;
using namespace quayside::kube::testing;
using quayside::test::FakeApiServer;

namespace {

const QString kNs = QStringLiteral("todo-app");

int replicasOnServer(FakeApiServer& server, const QString& deployment)
{
    const auto object = server.object(QStringLiteral("deployments"), kNs, deployment);
    return object ? object->value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt() : -1;
}

} // namespace

class KubeOperationsTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<KubeClient> m_client;
    ManualClock m_clock { QDateTime::fromString(QStringLiteral("2025-06-18T14:17:46Z"), Qt::ISODate) };

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

    void scale_data()
    {
        QTest::addColumn<QString>("deployment");
        QTest::addColumn<int>("replicas");
        QTest::addColumn<QString>("error");
        QTest::newRow("up") << "backend" << 3 << "";
        QTest::newRow("to zero") << "frontend" << 0 << "";
        QTest::newRow("missing deployment") << "nope" << 2 << "deployments.apps \"nope\" not found";
    }
    void scale()
    {
        QFETCH(QString, deployment);
        QFETCH(int, replicas);
        QFETCH(QString, error);
        KubeOperations operations(m_client.get());
        std::unique_ptr<KubeReply> reply(await(operations.scale(kNs, deployment, replicas)));
        const auto patches = m_server->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/scale"));
        QCOMPARE(patches.size(), 1);
        QCOMPARE(patches.first().path,
                 QStringLiteral("/apis/apps/v1/namespaces/todo-app/deployments/%1/scale").arg(deployment));
        QCOMPARE(patches.first().contentType, QByteArray("application/merge-patch+json"));
        QCOMPARE(
            QJsonDocument::fromJson(patches.first().body).object(),
            (QJsonObject { { QStringLiteral("spec"), QJsonObject { { QStringLiteral("replicas"), replicas } } } }));
        if (!error.isEmpty()) {
            QCOMPARE(reply->error().message(), error);
            return;
        }
        QVERIFY2(reply->ok(), qPrintable(reply->error().message()));
        QCOMPARE(reply->json().value(QLatin1String("kind")).toString(), QStringLiteral("Scale"));
        QCOMPARE(replicasOnServer(*m_server, deployment), replicas);
        m_server->settle();
        QTRY_COMPARE(m_server->podsMatching(kNs, QStringLiteral("app=") + deployment, true).size(),
                     qsizetype(replicas));
    }

    // kubectl rollout restart: a strategic merge patch of the restartedAt annotation with "now".
    void restart()
    {
        KubeOperations operations(m_client.get());
        operations.setClock(&m_clock);
        const QString before = m_server->podsMatching(kNs, QStringLiteral("app=backend"))
                                   .first()
                                   .value(QLatin1String("metadata"))
                                   .toObject()
                                   .value(QLatin1String("name"))
                                   .toString();
        std::unique_ptr<KubeReply> reply(await(operations.restart(kNs, QStringLiteral("backend"))));
        QVERIFY2(reply->ok(), qPrintable(reply->error().message()));
        const auto patches
            = m_server->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/deployments/backend"));
        QCOMPARE(patches.size(), 1);
        QCOMPARE(patches.first().contentType, QByteArray("application/strategic-merge-patch+json"));
        const QJsonObject body = QJsonDocument::fromJson(patches.first().body).object();
        QCOMPARE(body.value(QLatin1String("spec"))
                     .toObject()
                     .value(QLatin1String("template"))
                     .toObject()
                     .value(QLatin1String("metadata"))
                     .toObject()
                     .value(QLatin1String("annotations"))
                     .toObject()
                     .value(QLatin1String("kubectl.kubernetes.io/restartedAt"))
                     .toString(),
                 QStringLiteral("2025-06-18T14:17:46Z"));
        QCOMPARE(DeploymentSummary::fromJson(reply->json()).restartedAt, QStringLiteral("2025-06-18T14:17:46Z"));

        // And waiting for it, as `kubectl rollout status` does.
        RolloutWatcher watcher(
            m_client.get(), kNs, QStringLiteral("backend"),
            reply->json().value(QLatin1String("metadata")).toObject().value(QLatin1String("generation")).toInteger(),
            fastReflector());
        QSignalSpy finished(&watcher, &RolloutWatcher::finished);
        QStringList progress;
        connect(&watcher, &RolloutWatcher::progress, this, [&](const QString& m) { progress.append(m); });
        watcher.start();
        m_server->settle();
        QVERIFY2(
            finished.wait(15'000),
            qPrintable(progress.join(QLatin1Char('\n')) + QLatin1Char('\n')
                       + QString::fromUtf8(
                           QJsonDocument(m_server->object(QStringLiteral("deployments"), kNs, QStringLiteral("backend"))
                                             ->value(QLatin1String("status"))
                                             .toObject())
                               .toJson())));
        QVERIFY2(!finished.first().at(0).value<KubeError>().isError(),
                 qPrintable(finished.first().at(0).value<KubeError>().message()));
        QCOMPARE(progress.last(), QStringLiteral("deployment \"backend\" successfully rolled out"));
        const auto after = m_server->podsMatching(kNs, QStringLiteral("app=backend"), true);
        QCOMPARE(after.size(), 1);
        QVERIFY(after.first().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString()
                != before);
    }

    void restartRefusesAPausedDeployment()
    {
        std::unique_ptr<KubeReply> pause(await(m_client->patch(
            ApiResource::deployments().path(kNs, QStringLiteral("backend")),
            QJsonObject { { QStringLiteral("spec"), QJsonObject { { QStringLiteral("paused"), true } } } },
            KubeClient::PatchType::Merge)));
        QVERIFY2(pause->ok(), qPrintable(pause->error().message()));
        m_server->clearRequests();
        KubeOperations operations(m_client.get());
        std::unique_ptr<KubeReply> reply(await(operations.restart(kNs, QStringLiteral("backend"))));
        QCOMPARE(
            reply->error().message(),
            QStringLiteral("deployments.apps \"backend\" can't restart paused deployment (run rollout resume first)"));
        QVERIFY(m_server->requestsMatching(QStringLiteral("PATCH"), QString()).isEmpty());
    }

    void restartMissing()
    {
        KubeOperations operations(m_client.get());
        std::unique_ptr<KubeReply> reply(await(operations.restart(kNs, QStringLiteral("nope"))));
        QCOMPARE(reply->error().message(), QStringLiteral("deployments.apps \"nope\" not found"));
    }

    void deletePod()
    {
        const QString pod = m_server->podsMatching(kNs, QStringLiteral("app=frontend"))
                                .first()
                                .value(QLatin1String("metadata"))
                                .toObject()
                                .value(QLatin1String("name"))
                                .toString();
        KubeOperations operations(m_client.get());
        std::unique_ptr<KubeReply> reply(await(operations.deletePod(kNs, pod)));
        QVERIFY2(reply->ok(), qPrintable(reply->error().message()));
        QCOMPARE(m_server->requestsMatching(QStringLiteral("DELETE"), pod).size(), 1);
        m_server->settle();
        QTRY_VERIFY(!m_server->object(QStringLiteral("pods"), kNs, pod));
        std::unique_ptr<KubeReply> again(await(operations.deletePod(kNs, pod)));
        QCOMPARE(again->error().message(), QStringLiteral("pods \"%1\" not found").arg(pod));
    }

    void rolloutTimesOut()
    {
        FakeApiServer::Timing timing;
        timing.manual = true; // nothing moves: the rollout never completes
        m_server->setTiming(timing);
        KubeOperations operations(m_client.get());
        std::unique_ptr<KubeReply> reply(await(operations.restart(kNs, QStringLiteral("frontend"))));
        QVERIFY(reply->ok());
        RolloutWatcher watcher(
            m_client.get(), kNs, QStringLiteral("frontend"),
            reply->json().value(QLatin1String("metadata")).toObject().value(QLatin1String("generation")).toInteger(),
            fastReflector());
        watcher.setTimeout(std::chrono::milliseconds(1500));
        QSignalSpy finished(&watcher, &RolloutWatcher::finished);
        watcher.start();
        QVERIFY(finished.wait(10'000));
        const KubeError error = finished.first().at(0).value<KubeError>();
        QCOMPARE(error.kind(), KubeError::Kind::Timeout);
        QVERIFY2(error.message().startsWith(QLatin1String("timed out after 1s waiting for deployment \"frontend\"")),
                 qPrintable(error.message()));
    }
};

QTEST_GUILESS_MAIN(KubeOperationsTest)
#include "KubeOperationsTest.moc"
