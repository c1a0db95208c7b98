#include "kube/ObjectStore.h"

#include "kube/ChangeSet.h"

#include <QTest>

using namespace quayside::kube;

namespace {

QJsonObject pod(const QString& name, const QString& uid, const QString& rv, const QString& time = {})
{
    QJsonObject metadata { { QStringLiteral("name"), name },
                           { QStringLiteral("namespace"), QStringLiteral("ns") },
                           { QStringLiteral("uid"), uid },
                           { QStringLiteral("resourceVersion"), rv } };
    QJsonObject object { { QStringLiteral("metadata"), metadata } };
    if (!time.isEmpty())
        object.insert(QStringLiteral("lastTimestamp"), time);
    return object;
}

} // namespace

class ObjectStoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void changeSetNetEffect_data()
    {
        QTest::addColumn<QString>("ops"); // a=added m=modified r=removed, on uid x
        QTest::addColumn<QString>("expect"); // "added", "modified", "removed" or "" (nothing)
        QTest::newRow("added") << "a"
                               << "added";
        QTest::newRow("added then modified") << "am"
                                             << "added";
        QTest::newRow("added then removed") << "ar"
                                            << "";
        QTest::newRow("modified then removed") << "mr"
                                               << "removed";
        QTest::newRow("modified twice") << "mm"
                                        << "modified";
        QTest::newRow("removed then added back") << "ra"
                                                 << "modified";
        QTest::newRow("added removed added") << "ara"
                                             << "added";
    }
    void changeSetNetEffect()
    {
        QFETCH(QString, ops);
        QFETCH(QString, expect);
        ChangeSet changes;
        for (const QChar op : ops) {
            if (op == QLatin1Char('a'))
                changes.added(QStringLiteral("x"));
            else if (op == QLatin1Char('m'))
                changes.modified(QStringLiteral("x"));
            else
                changes.removed(QStringLiteral("x"));
        }
        QStringList all;
        if (changes.addedUids().contains(QLatin1String("x")))
            all.append(QStringLiteral("added"));
        if (changes.modifiedUids().contains(QLatin1String("x")))
            all.append(QStringLiteral("modified"));
        if (changes.removedUids().contains(QLatin1String("x")))
            all.append(QStringLiteral("removed"));
        QCOMPARE(all.join(QLatin1Char(',')), expect);
    }

    void upsertAndLookup()
    {
        ObjectStore store;
        ChangeSet changes;
        store.upsert(pod(QStringLiteral("a"), QStringLiteral("u1"), QStringLiteral("1")), &changes);
        store.upsert(pod(QStringLiteral("b"), QStringLiteral("u2"), QStringLiteral("2")), &changes);
        QCOMPARE(changes.addedUids(), (QStringList { "u1", "u2" }));
        QCOMPARE(store.size(), 2);
        QCOMPARE(store.uidOf(QStringLiteral("ns"), QStringLiteral("b")), QStringLiteral("u2"));
        QVERIFY(store.find(QStringLiteral("u1")));
        QCOMPARE(store.find(QStringLiteral("u1"))->resourceVersion, QStringLiteral("1"));
        changes.clear();
        // Same resourceVersion again (a re-watch repeating an object): not a change.
        store.upsert(pod(QStringLiteral("a"), QStringLiteral("u1"), QStringLiteral("1")), &changes);
        QVERIFY(changes.isEmpty());
        store.upsert(pod(QStringLiteral("a"), QStringLiteral("u1"), QStringLiteral("3")), &changes);
        QCOMPARE(changes.modifiedUids(), QStringList { "u1" });
        changes.clear();
        store.remove(pod(QStringLiteral("a"), QStringLiteral("u1"), QStringLiteral("4")), &changes);
        QCOMPARE(changes.removedUids(), QStringList { "u1" });
        QVERIFY(store.uidOf(QStringLiteral("ns"), QStringLiteral("a")).isEmpty());
        changes.clear();
        store.remove(pod(QStringLiteral("zz"), QStringLiteral("nope"), QStringLiteral("1")), &changes);
        QVERIFY(changes.isEmpty());
    }

    void recreatedUnderTheSameName()
    {
        ObjectStore store;
        ChangeSet changes;
        store.upsert(pod(QStringLiteral("db-0"), QStringLiteral("old"), QStringLiteral("1")), &changes);
        store.upsert(pod(QStringLiteral("db-0"), QStringLiteral("new"), QStringLiteral("2")), &changes);
        QCOMPARE(store.size(), 2);
        QCOMPARE(store.uidOf(QStringLiteral("ns"), QStringLiteral("db-0")), QStringLiteral("new"));
        store.remove(pod(QStringLiteral("db-0"), QStringLiteral("old"), QStringLiteral("3")), &changes);
        // Removing the old one must not unhook the name from the new one.
        QCOMPARE(store.uidOf(QStringLiteral("ns"), QStringLiteral("db-0")), QStringLiteral("new"));
    }

    // A relist is a minimal diff: unchanged objects are not reported.
    void replaceIsAMinimalDiff()
    {
        ObjectStore store;
        ChangeSet changes;
        store.replace({ pod(QStringLiteral("a"), QStringLiteral("u1"), QStringLiteral("1")),
                        pod(QStringLiteral("b"), QStringLiteral("u2"), QStringLiteral("1")),
                        pod(QStringLiteral("c"), QStringLiteral("u3"), QStringLiteral("1")) },
                      &changes);
        QCOMPARE(changes.addedUids().size(), 3);
        changes.clear();
        store.replace({ pod(QStringLiteral("a"), QStringLiteral("u1"), QStringLiteral("1")),
                        pod(QStringLiteral("b"), QStringLiteral("u2"), QStringLiteral("5")),
                        pod(QStringLiteral("d"), QStringLiteral("u4"), QStringLiteral("6")) },
                      &changes);
        QCOMPARE(changes.addedUids(), QStringList { "u4" });
        QCOMPARE(changes.modifiedUids(), QStringList { "u2" });
        QCOMPARE(changes.removedUids(), QStringList { "u3" });
        QCOMPARE(store.size(), 3);
    }

    void boundedKeepsTheNewest()
    {
        ObjectStore store;
        store.setCapacity(3, [](const QJsonObject& o) { return o.value(QLatin1String("lastTimestamp")).toString(); });
        ChangeSet changes;
        for (int i = 0; i < 5; ++i) {
            store.upsert(pod(QStringLiteral("e%1").arg(i), QStringLiteral("u%1").arg(i), QStringLiteral("1"),
                             QStringLiteral("2025-01-01T00:00:0%1Z").arg(i)),
                         &changes);
        }
        QCOMPARE(store.size(), 3);
        QVERIFY(!store.contains(QStringLiteral("u0")));
        QVERIFY(!store.contains(QStringLiteral("u1")));
        QVERIFY(store.contains(QStringLiteral("u4")));
        // Evicted in the same batch they were added in: a view never hears of them.
        QCOMPARE(changes.addedUids(), (QStringList { "u2", "u3", "u4" }));
        QVERIFY(changes.removedUids().isEmpty());
        changes.clear();
        // An old event updated to a new time moves up; the oldest goes.
        store.upsert(pod(QStringLiteral("e2"), QStringLiteral("u2"), QStringLiteral("2"),
                         QStringLiteral("2025-01-01T00:00:09Z")),
                     &changes);
        store.upsert(pod(QStringLiteral("e5"), QStringLiteral("u5"), QStringLiteral("1"),
                         QStringLiteral("2025-01-01T00:00:08Z")),
                     &changes);
        QCOMPARE(changes.removedUids(), QStringList { "u3" });
        QVERIFY(store.contains(QStringLiteral("u2")));
    }
};

QTEST_GUILESS_MAIN(ObjectStoreTest)
#include "ObjectStoreTest.moc"
