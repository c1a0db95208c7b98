#include "FakeObjectCache.h"
#include "diagnosis/SnapshotCache.h"

#include <QJsonArray>

using namespace quayside::diagnosis;
using namespace quayside::diagnosis::testing;

namespace {

// Two fixtures' objects in one namespace, counting how often the whole lists are read.
class CountingCache : public SnapshotCache
{
public:
    explicit CountingCache(const QStringList& fixtures)
        : SnapshotCache(QStringLiteral("todo-app"))
    {
        QHash<QString, QList<QJsonObject>> lists;
        for (const QString& fixture : fixtures) {
            const QJsonObject doc = FakeObjectCache::read(fixture);
            for (auto it = doc.begin(); it != doc.end(); ++it)
                lists[it.key()].append(items(it.value().toObject()));
            const QJsonObject logs = doc.value(QLatin1String("previousLogs")).toObject();
            for (auto it = logs.begin(); it != logs.end(); ++it) {
                QStringList lines;
                for (const QJsonValue& line : it.value().toArray())
                    lines.append(line.toString());
                setPreviousLog(it.key().section(QLatin1Char('/'), 0, 0), it.key().section(QLatin1Char('/'), 1), lines);
            }
        }
        setPods(lists.value(QStringLiteral("pods")));
        setDeployments(lists.value(QStringLiteral("deployments")));
        setReplicaSets(lists.value(QStringLiteral("replicasets")));
        setServices(lists.value(QStringLiteral("services")));
        setEndpoints(lists.value(QStringLiteral("endpoints")));
        setEvents(lists.value(QStringLiteral("events")));
        setNodes(lists.value(QStringLiteral("nodes")).mid(0, 1));
    }
    QList<QJsonObject> pods() const override
    {
        ++podLists;
        return SnapshotCache::pods();
    }
    QList<QJsonObject> events() const override
    {
        ++eventLists;
        return SnapshotCache::events();
    }
    mutable int podLists = 0;
    mutable int eventLists = 0;
};

QStringList keysOf(const QList<Finding>& findings)
{
    QStringList keys;
    for (const Finding& f : findings)
        keys.append(f.key());
    return keys;
}

const QString kBackendPod = QStringLiteral("backend-7d9c8f6b5-x2x7q");
const QString kFrontendPod = QStringLiteral("frontend-5b6c7d8e9-k4m2n");

} // namespace

// What the rules share: ordering, the scope of a re-evaluation, the logs asked for, the JSON shape.
class DiagnoserTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mostSevereFirstThenByName()
    {
        FakeObjectCache cache(QStringLiteral("services/no-ready-endpoints"));
        cache.setMetricsProblem(QStringLiteral("metrics-server is not enabled: minikube addons enable metrics-server"));
        QCOMPARE(keysOf(Diagnoser::diagnose(cache, todoContext(), fixtureNow())),
                 (QStringList { QStringLiteral("rollout-stuck/Deployment/backend"),
                                QStringLiteral("service-no-endpoints/Service/backend"),
                                QStringLiteral("crash-loop/Pod/backend-7d9c8f6b5-x2x7q"),
                                QStringLiteral("metrics-unavailable/Namespace/todo-app") }));
    }

    // One changed pod: its findings and its dependants', from indexed reads only.
    void oneObjectIsEvaluatedAlone()
    {
        const CountingCache cache({ QStringLiteral("crash/missing-env"), QStringLiteral("image/latest-always") });
        const QList<Finding> all = Diagnoser::diagnose(cache, todoContext(), fixtureNow());
        QCOMPARE(keysOf(all),
                 (QStringList { QStringLiteral("rollout-stuck/Deployment/backend"),
                                QStringLiteral("crash-loop/Pod/backend-7d9c8f6b5-x2x7q"),
                                QStringLiteral("rollout-stuck/Deployment/frontend"),
                                QStringLiteral("image-not-present/Pod/frontend-5b6c7d8e9-k4m2n") }));
        cache.podLists = 0;
        cache.eventLists = 0;
        const QStringList names { QStringLiteral("Pod/") + kFrontendPod };
        const QList<Finding> one = Diagnoser::diagnoseObjects(cache, todoContext(), fixtureNow(), names);
        QCOMPARE(keysOf(one),
                 (QStringList { QStringLiteral("rollout-stuck/Deployment/frontend"),
                                QStringLiteral("image-not-present/Pod/frontend-5b6c7d8e9-k4m2n") }));
        QCOMPARE(cache.podLists, 0);
        QCOMPARE(cache.eventLists, 0);
        QCOMPARE(Diagnoser::objectsAffectedBy(cache, names),
                 (QStringList { QStringLiteral("Pod/") + kFrontendPod, QStringLiteral("Deployment/frontend") }));
        // The same findings as the whole namespace's, to the letter.
        for (const Finding& f : one)
            QVERIFY(all.contains(f));
    }

    void scopes_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("affected");
        QTest::newRow("a pod: its deployment and services")
            << QStringList { "Pod/" + kBackendPod }
            << QStringList { "Pod/" + kBackendPod, "Deployment/backend", "Service/backend" };
        QTest::newRow("a ReplicaSet stands for its Deployment")
            << QStringList { "ReplicaSet/backend-7d9c8f6b5" }
            << QStringList { "Deployment/backend", "Service/backend" };
        QTest::newRow("Endpoints stand for their Service")
            << QStringList { "Endpoints/backend" } << QStringList { "Service/backend" };
        QTest::newRow("a bare name: every kind of that name")
            << QStringList { "backend" } << QStringList { "Deployment/backend", "Service/backend" };
        QTest::newRow("a pod that is gone: its findings go, services are looked at again")
            << QStringList { "Pod/backend-7d9c8f6b5-gone0" }
            << QStringList { "Pod/backend-7d9c8f6b5-gone0", "Service/backend" };
        QTest::newRow("the namespace: the metrics finding")
            << QStringList { "Namespace/todo-app" } << QStringList { "Namespace/todo-app" };
    }
    void scopes()
    {
        QFETCH(QStringList, names);
        QFETCH(QStringList, affected);
        const FakeObjectCache cache(QStringLiteral("services/no-ready-endpoints"));
        QCOMPARE(Diagnoser::objectsAffectedBy(cache, names), affected);
    }

    void aNodeStandsForThePodsWaitingForOne()
    {
        const FakeObjectCache cache(QStringLiteral("scheduling/insufficient-cpu"));
        QCOMPARE(Diagnoser::objectsAffectedBy(cache, { QStringLiteral("Node/minikube") }),
                 (QStringList { QStringLiteral("Pod/backend-7d9c8f6b5-p3nd1"), QStringLiteral("Deployment/backend") }));
    }

    void logsWanted_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("count");
        QTest::newRow("crash-looping") << "crash/missing-env" << 1;
        QTest::newRow("OOM-killed: the limit explains it") << "crash/oom-killed" << 0;
        QTest::newRow("an image that is not there: no run yet") << "image/never-pull" << 0;
        QTest::newRow("healthy") << "services/healthy" << 0;
    }
    void logsWanted()
    {
        QFETCH(QString, fixture);
        QFETCH(int, count);
        const FakeObjectCache cache(fixture);
        const QList<QPair<QString, QString>> wanted = Diagnoser::logsWanted(cache);
        QCOMPARE(wanted.size(), count);
        if (count > 0) {
            QCOMPARE(wanted.first().second, QStringLiteral("backend"));
            QCOMPARE(Diagnoser::logsWanted(cache, { wanted.first().first }), wanted);
            QVERIFY(Diagnoser::logsWanted(cache, { QStringLiteral("someone-else") }).isEmpty());
        }
    }

    // The shape `quayside diagnose -o json` prints.
    void json()
    {
        const FakeObjectCache cache(QStringLiteral("config/missing-key"));
        std::optional<Finding> f = diagnosed(cache, todoContext(), QStringLiteral("container-config-error"),
                                             QStringLiteral("backend-7d9c8f6b5-k3y00"));
        QVERIFY(f);
        const QJsonObject o = f->toJson();
        QCOMPARE(o.value(QLatin1String("key")).toString(), f->key());
        QCOMPARE(o.value(QLatin1String("rule")).toString(), QStringLiteral("container-config-error"));
        QCOMPARE(o.value(QLatin1String("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(o.value(QLatin1String("objectKind")).toString(), QStringLiteral("Pod"));
        QCOMPARE(o.value(QLatin1String("objectName")).toString(), QStringLiteral("backend-7d9c8f6b5-k3y00"));
        QCOMPARE(o.value(QLatin1String("deployment")).toString(), QStringLiteral("backend"));
        QCOMPARE(o.value(QLatin1String("summary")).toString(), f->summary);
        QCOMPARE(o.value(QLatin1String("explanation")).toString(), f->explanation);
        const QJsonObject evidence = o.value(QLatin1String("evidence")).toArray().first().toObject();
        QCOMPARE(evidence.value(QLatin1String("kind")).toString(), QStringLiteral("status"));
        QCOMPARE(evidence.value(QLatin1String("text")).toString(), f->evidence.first().text);
        const QJsonObject action = o.value(QLatin1String("actions")).toArray().first().toObject();
        QCOMPARE(action.value(QLatin1String("kind")).toString(), QStringLiteral("open-secrets"));
        QCOMPARE(action.value(QLatin1String("oneClick")).toBool(), true);
        QCOMPARE(action.value(QLatin1String("command")).toString(),
                 QStringLiteral("quayside secrets set DATABASE_URL && quayside secrets apply"));
        QCOMPARE(action.value(QLatin1String("parameters")).toObject().value(QLatin1String("key")).toString(),
                 QStringLiteral("DATABASE_URL"));
    }

    // Scoped and whole-namespace evaluations agree on every fixture.
    void scopedMatchesWhole_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const char* f : { "crash/missing-env", "crash/oom-killed", "image/never-pull", "probes/liveness-500",
                               "scheduling/insufficient-cpu", "config/missing-secret", "services/no-ready-endpoints",
                               "services/selector-typo", "rollout/deadline-exceeded", "rollout/quota" })
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void scopedMatchesWhole()
    {
        QFETCH(QString, fixture);
        const FakeObjectCache cache(fixture);
        const QList<Finding> all = Diagnoser::diagnose(cache, todoContext(), fixtureNow());
        QStringList names;
        for (const Finding& f : all)
            names.append(f.objectKind + QLatin1Char('/') + f.objectName);
        const QList<Finding> scoped = Diagnoser::diagnoseObjects(cache, todoContext(), fixtureNow(), names);
        QCOMPARE(keysOf(scoped), keysOf(all));
        QVERIFY(scoped == all);
    }
};

QTEST_GUILESS_MAIN(DiagnoserTest)
#include "DiagnoserTest.moc"
