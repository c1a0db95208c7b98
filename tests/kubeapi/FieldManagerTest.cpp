// FieldManager: server-side apply's field ownership as kube-apiserver shows it (managedFields, conflicts
// and their messages, fields an applier stops applying), and the ownership updates take.
#include "FieldManager.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace quayside::test;

namespace {

const QString t1 = QStringLiteral("2026-01-01T00:00:00Z");
const QString t2 = QStringLiteral("2026-01-01T00:01:00Z");

QJsonObject parse(const char* json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject())
        qFatal("bad test JSON: %s", json);
    return document.object();
}

QJsonObject deployment(const char* image, int replicas = 1)
{
    QJsonObject object = parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","namespace":"app","labels":{"app":"web"}},
        "spec":{"template":{"spec":{"containers":[{"name":"web","ports":[{"containerPort":8000}]}]}}}})");
    QJsonObject spec = object.value(QStringLiteral("spec")).toObject();
    spec.insert(QStringLiteral("replicas"), replicas);
    QJsonObject templ = spec.value(QStringLiteral("template")).toObject();
    QJsonObject podSpec = templ.value(QStringLiteral("spec")).toObject();
    QJsonArray containers = podSpec.value(QStringLiteral("containers")).toArray();
    QJsonObject container = containers.at(0).toObject();
    container.insert(QStringLiteral("image"), QString::fromLatin1(image));
    containers[0] = container;
    podSpec.insert(QStringLiteral("containers"), containers);
    templ.insert(QStringLiteral("spec"), podSpec);
    spec.insert(QStringLiteral("template"), templ);
    object.insert(QStringLiteral("spec"), spec);
    return object;
}

QJsonArray managedFields(const QJsonObject& object)
{
    return object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("managedFields")).toArray();
}

QJsonObject entryOf(const QJsonObject& object, const QString& manager)
{
    for (const QJsonValue& entry : managedFields(object)) {
        if (entry.toObject().value(QStringLiteral("manager")).toString() == manager)
            return entry.toObject();
    }
    return {};
}

QJsonObject container(const QJsonObject& deploymentObject)
{
    return deploymentObject.value(QStringLiteral("spec"))
        .toObject()
        .value(QStringLiteral("template"))
        .toObject()
        .value(QStringLiteral("spec"))
        .toObject()
        .value(QStringLiteral("containers"))
        .toArray()
        .at(0)
        .toObject();
}

} // namespace

class FieldManagerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void applyCreatesWithTheAppliersFields()
    {
        QJsonObject created;
        QVERIFY(!FieldManager::apply(nullptr, deployment("web:1"), QStringLiteral("helm"), false, t1, &created));
        QCOMPARE(managedFields(created).size(), 1);
        const QJsonObject entry = entryOf(created, QStringLiteral("helm"));
        QCOMPARE(entry.value(QStringLiteral("operation")).toString(), QStringLiteral("Apply"));
        QCOMPARE(entry.value(QStringLiteral("apiVersion")).toString(), QStringLiteral("apps/v1"));
        QCOMPARE(entry.value(QStringLiteral("time")).toString(), t1);
        QCOMPARE(entry.value(QStringLiteral("fieldsType")).toString(), QStringLiteral("FieldsV1"));
        // The shape `kubectl get -o yaml --show-managed-fields` prints: keyed list items with ".".
        // (No raw string here: moc misreads a raw string holding \".)
        QCOMPARE(entry.value(QStringLiteral("fieldsV1")).toObject(),
                 parse("{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},"
                       "\"f:spec\":{\"f:replicas\":{},\"f:template\":{\"f:spec\":{\"f:containers\":{"
                       "\"k:{\\\"name\\\":\\\"web\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{},\"f:ports\":{"
                       "\"k:{\\\"containerPort\\\":8000,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},"
                       "\"f:containerPort\":{}}}}}}}}}"));
    }

    void conflictsWithAnotherManager_data()
    {
        QTest::addColumn<bool>("force");
        QTest::newRow("refused") << false;
        QTest::newRow("forced") << true;
    }

    void conflictsWithAnotherManager()
    {
        QFETCH(bool, force);
        QJsonObject live;
        QVERIFY(!FieldManager::apply(nullptr, deployment("web:1"), QStringLiteral("helm"), false, t1, &live));
        // `kubectl scale`-like update by another manager takes .spec.replicas over.
        QJsonObject scaled = live;
        QJsonObject spec = scaled.value(QStringLiteral("spec")).toObject();
        spec.insert(QStringLiteral("replicas"), 3);
        scaled.insert(QStringLiteral("spec"), spec);
        FieldManager::recordUpdate(&live, scaled, QStringLiteral("kubectl-patch"), t2);
        QVERIFY(FieldManager::fieldsOf(scaled).contains(QStringLiteral("f:spec\x1f"
                                                                       "f:replicas")));
        QCOMPARE(entryOf(scaled, QStringLiteral("kubectl-patch")).value(QStringLiteral("fieldsV1")).toObject(),
                 parse(R"({"f:spec":{"f:replicas":{}}})"));

        QJsonObject result;
        const auto conflict
            = FieldManager::apply(&scaled, deployment("web:2", 1), QStringLiteral("helm"), force, t2, &result);
        if (!force) {
            QVERIFY(conflict);
            QCOMPARE(conflict->code(), 409);
            QCOMPARE(conflict->reason(), QStringLiteral("Conflict"));
            QCOMPARE(conflict->message(),
                     QStringLiteral("Apply failed with 1 conflict: conflict with \"kubectl-patch\" using apps/v1 at "
                                    "2026-01-01T00:01:00Z: .spec.replicas"));
            const QJsonObject cause = conflict->toJson()
                                          .value(QStringLiteral("details"))
                                          .toObject()
                                          .value(QStringLiteral("causes"))
                                          .toArray()
                                          .at(0)
                                          .toObject();
            QCOMPARE(cause.value(QStringLiteral("reason")).toString(), QStringLiteral("FieldManagerConflict"));
            QCOMPARE(cause.value(QStringLiteral("field")).toString(), QStringLiteral(".spec.replicas"));
            return;
        }
        QVERIFY(!conflict);
        QCOMPARE(result.value(QStringLiteral("spec")).toObject().value(QStringLiteral("replicas")).toInt(), 1);
        QCOMPARE(container(result).value(QStringLiteral("image")).toString(), QStringLiteral("web:2"));
        QVERIFY2(entryOf(result, QStringLiteral("kubectl-patch")).isEmpty(), "the forced field left its old owner");
    }

    void applyingTheSameValueSharesTheField()
    {
        QJsonObject live;
        QVERIFY(!FieldManager::apply(nullptr, deployment("web:1"), QStringLiteral("helm"), false, t1, &live));
        QJsonObject result;
        QVERIFY(!FieldManager::apply(&live, deployment("web:1"), QStringLiteral("other"), false, t2, &result));
        QCOMPARE(managedFields(result).size(), 2);
        QVERIFY(FieldManager::withoutTimestamps(result) != FieldManager::withoutTimestamps(live));
        // Applying it again changes nothing, managedFields included.
        QJsonObject again;
        QVERIFY(!FieldManager::apply(&result, deployment("web:1"), QStringLiteral("other"), false, t2, &again));
        QCOMPARE(again, result);
    }

    void fieldsNoLongerAppliedAreRemoved()
    {
        QJsonObject first = deployment("web:1");
        QJsonObject metadata = first.value(QStringLiteral("metadata")).toObject();
        metadata.insert(QStringLiteral("annotations"), parse(R"({"old":"x","kept":"y"})"));
        first.insert(QStringLiteral("metadata"), metadata);
        QJsonObject live;
        QVERIFY(!FieldManager::apply(nullptr, first, QStringLiteral("helm"), false, t1, &live));
        // Another manager also set "kept": it stays when helm stops applying it.
        QJsonObject shared;
        QVERIFY(!FieldManager::apply(&live, parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
            "metadata":{"name":"web","annotations":{"kept":"y"}}})"),
                                     QStringLiteral("other"), false, t1, &shared));
        QJsonObject result;
        QVERIFY(!FieldManager::apply(&shared, deployment("web:1"), QStringLiteral("helm"), false, t2, &result));
        QCOMPARE(result.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("annotations")).toObject(),
                 parse(R"({"kept":"y"})"));
    }

    void keyedListsMergeItemByItem()
    {
        QJsonObject live;
        QVERIFY(!FieldManager::apply(nullptr, deployment("web:1"), QStringLiteral("helm"), false, t1, &live));
        // A field defaulted by the server (owned by nobody) survives the next apply.
        QJsonObject defaulted = live;
        QJsonObject spec = defaulted.value(QStringLiteral("spec")).toObject();
        QJsonObject templ = spec.value(QStringLiteral("template")).toObject();
        QJsonObject podSpec = templ.value(QStringLiteral("spec")).toObject();
        QJsonArray containers = podSpec.value(QStringLiteral("containers")).toArray();
        QJsonObject c = containers.at(0).toObject();
        c.insert(QStringLiteral("terminationMessagePath"), QStringLiteral("/dev/termination-log"));
        containers[0] = c;
        podSpec.insert(QStringLiteral("containers"), containers);
        templ.insert(QStringLiteral("spec"), podSpec);
        spec.insert(QStringLiteral("template"), templ);
        defaulted.insert(QStringLiteral("spec"), spec);
        QJsonObject result;
        QVERIFY(!FieldManager::apply(&defaulted, deployment("web:2"), QStringLiteral("helm"), false, t2, &result));
        QCOMPARE(container(result).value(QStringLiteral("image")).toString(), QStringLiteral("web:2"));
        QCOMPARE(container(result).value(QStringLiteral("terminationMessagePath")).toString(),
                 QStringLiteral("/dev/termination-log"));
    }

    void updatesTakeTheFieldsTheyChange()
    {
        const QJsonObject old = parse(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},
            "data":{"a":"1","b":"2"}})");
        QJsonObject created = old;
        FieldManager::recordUpdate(nullptr, created, QStringLiteral("kubectl-create"), t1);
        QCOMPARE(entryOf(created, QStringLiteral("kubectl-create")).value(QStringLiteral("operation")).toString(),
                 QStringLiteral("Update"));
        QJsonObject edited = created;
        edited.insert(QStringLiteral("data"), parse(R"({"a":"1","b":"3"})"));
        FieldManager::recordUpdate(&created, edited, QStringLiteral("kubectl-edit"), t2);
        QCOMPARE(entryOf(edited, QStringLiteral("kubectl-edit")).value(QStringLiteral("fieldsV1")).toObject(),
                 parse(R"({"f:data":{"f:b":{}}})"));
        QCOMPARE(entryOf(edited, QStringLiteral("kubectl-create")).value(QStringLiteral("fieldsV1")).toObject(),
                 parse(R"({"f:data":{"f:a":{}}})"));
        // An update that changes nothing leaves managedFields exactly as they were.
        QJsonObject same = edited;
        FieldManager::recordUpdate(&edited, same, QStringLiteral("someone"), QStringLiteral("2027-01-01T00:00:00Z"));
        QCOMPARE(same, edited);
    }

    // What kubectl does before its first server-side apply of an object it applied client-side: a JSON
    // patch of managedFields. Sent managedFields replace the stored ones; `[{}]` clears them.
    void clientsMayRewriteManagedFields()
    {
        QJsonObject created
            = parse(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}})");
        FieldManager::recordUpdate(nullptr, created, QStringLiteral("kubectl-client-side-apply"), t1);
        QJsonObject migrated = created;
        QJsonObject metadata = migrated.value(QStringLiteral("metadata")).toObject();
        QJsonArray entries = metadata.value(QStringLiteral("managedFields")).toArray();
        QJsonObject entry = entries.at(0).toObject();
        entry.insert(QStringLiteral("manager"), QStringLiteral("kubectl"));
        entry.insert(QStringLiteral("operation"), QStringLiteral("Apply"));
        entries[0] = entry;
        metadata.insert(QStringLiteral("managedFields"), entries);
        migrated.insert(QStringLiteral("metadata"), metadata);
        FieldManager::recordUpdate(&created, migrated, QStringLiteral("kubectl-patch"), t2);
        QCOMPARE(managedFields(migrated).size(), 1);
        QCOMPARE(entryOf(migrated, QStringLiteral("kubectl")).value(QStringLiteral("operation")).toString(),
                 QStringLiteral("Apply"));

        QJsonObject cleared = migrated;
        metadata.insert(QStringLiteral("managedFields"), QJsonArray { QJsonObject() });
        cleared.insert(QStringLiteral("metadata"), metadata);
        FieldManager::recordUpdate(&migrated, cleared, QStringLiteral("kubectl-patch"), t2);
        QVERIFY(!cleared.value(QStringLiteral("metadata")).toObject().contains(QStringLiteral("managedFields")));
    }

    void describe_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("text");
        QTest::newRow("field") << QStringLiteral("f:spec\x1f"
                                                 "f:replicas")
                               << QStringLiteral(".spec.replicas");
        QTest::newRow("keyed item") << QStringLiteral("f:spec\x1f"
                                                      "f:containers\x1f"
                                                      "k:{\"name\":\"web\"}\x1f"
                                                      "f:image")
                                    << QStringLiteral(".spec.containers[name=\"web\"].image");
        QTest::newRow("two keys") << QStringLiteral("f:ports\x1f"
                                                    "k:{\"containerPort\":8000,\"protocol\":\"TCP\"}")
                                  << QStringLiteral(".ports[containerPort=8000,protocol=\"TCP\"]");
    }

    void describe()
    {
        QFETCH(QString, path);
        QFETCH(QString, text);
        QCOMPARE(FieldManager::describe(path), text);
    }
};

QTEST_GUILESS_MAIN(FieldManagerTest)
#include "FieldManagerTest.moc"
