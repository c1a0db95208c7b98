#include "kube/DeploymentSummary.h"

#include <QJsonDocument>
#include <QTest>

using namespace quayside::kube;

namespace {

QJsonObject deployment(int generation, int observed, int desired, int current, int updated, int ready, int available,
                       const char* progressingReason = "NewReplicaSetAvailable")
{
    const QString text
        = QStringLiteral(R"({"metadata":{"name":"backend","namespace":"todo-app","uid":"d-1","generation":%1,
        "creationTimestamp":"2025-06-18T14:00:00Z"},
        "spec":{"replicas":%3,"selector":{"matchLabels":{"app":"backend","tier":"api"}},
          "template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-06-18T15:00:00Z"}},
            "spec":{"containers":[{"name":"backend","image":"todo-backend:abc123"},{"name":"proxy","image":"envoy:1"}]}}},
        "status":{"observedGeneration":%2,"replicas":%4,"updatedReplicas":%5,"readyReplicas":%6,"availableReplicas":%7,
          "conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable","message":"ok"},
                        {"type":"Progressing","status":"True","reason":"%8","message":"progress"}]}})")
              .arg(generation)
              .arg(observed)
              .arg(desired)
              .arg(current)
              .arg(updated)
              .arg(ready)
              .arg(available)
              .arg(QLatin1String(progressingReason));
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

class DeploymentSummaryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fields()
    {
        const DeploymentSummary d = DeploymentSummary::fromJson(deployment(3, 3, 2, 2, 2, 1, 1));
        QCOMPARE(d.name, QStringLiteral("backend"));
        QCOMPARE(d.desired, 2);
        QCOMPARE(d.ready, 1);
        QCOMPARE(d.updated, 2);
        QCOMPARE(d.available, 1);
        QCOMPARE(d.readyText(), QStringLiteral("1/2"));
        QCOMPARE(d.images, (QStringList { "todo-backend:abc123", "envoy:1" }));
        QCOMPARE(d.conditions.size(), 2);
        QCOMPARE(d.conditions.at(0).type, QStringLiteral("Available"));
        QCOMPARE(d.conditions.at(1).reason, QStringLiteral("NewReplicaSetAvailable"));
        QCOMPARE(d.selectorString(), QStringLiteral("app=backend,tier=api"));
        QCOMPARE(d.restartedAt, QStringLiteral("2025-06-18T15:00:00Z"));
        QVERIFY(!d.paused);
    }

    void replicasDefaultToOne()
    {
        const DeploymentSummary d
            = DeploymentSummary::fromJson(QJsonDocument::fromJson(R"({"metadata":{"name":"x"},"spec":{}})").object());
        QCOMPARE(d.desired, 1);
        QCOMPARE(d.readyText(), QStringLiteral("0/1"));
    }

    void rollout_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QTest::addColumn<bool>("complete");
        QTest::addColumn<QString>("message");
        QTest::newRow("spec not observed")
            << deployment(4, 3, 2, 2, 2, 2, 2) << false << "Waiting for deployment spec update to be observed...";
        QTest::newRow("updating")
            << deployment(4, 4, 2, 3, 1, 2, 2) << false
            << "Waiting for deployment \"backend\" rollout to finish: 1 out of 2 new replicas have been updated...";
        QTest::newRow("old replicas terminating")
            << deployment(4, 4, 2, 3, 2, 2, 2) << false
            << "Waiting for deployment \"backend\" rollout to finish: 1 old replicas are pending termination...";
        QTest::newRow("waiting for availability")
            << deployment(4, 4, 2, 2, 2, 1, 1) << false
            << "Waiting for deployment \"backend\" rollout to finish: 1 of 2 updated replicas are available...";
        QTest::newRow("done") << deployment(4, 4, 2, 2, 2, 2, 2) << true
                              << "deployment \"backend\" successfully rolled out";
        QTest::newRow("deadline exceeded") << deployment(4, 4, 2, 2, 1, 1, 1, "ProgressDeadlineExceeded") << false
                                           << "deployment \"backend\" exceeded its progress deadline";
    }
    void rollout()
    {
        QFETCH(QJsonObject, object);
        QFETCH(bool, complete);
        QFETCH(QString, message);
        const DeploymentSummary d = DeploymentSummary::fromJson(object);
        QCOMPARE(d.rolloutComplete(), complete);
        QCOMPARE(d.rolloutMessage(), message);
    }
};

QTEST_GUILESS_MAIN(DeploymentSummaryTest)
#include "DeploymentSummaryTest.moc"
