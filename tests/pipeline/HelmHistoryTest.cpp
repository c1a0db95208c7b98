#include "pipeline/HelmHistory.h"

#include <QFile>
#include <QTest>

using namespace quayside;

namespace {
QByteArray fixture(const char* name)
{
    QFile f(QStringLiteral(QUAYSIDE_TESTS_DIR "/pipeline/fixtures/") + QString::fromLatin1(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll();
}
} // namespace

class HelmHistoryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // `helm list`: revision is a string, updated is Go's time.String().
    void list()
    {
        QString error;
        const auto releases = HelmHistory::parseList(fixture("helm-list.json"), &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(releases.size(), 1);
        QCOMPARE(releases[0].revision, 3);
        QCOMPARE(releases[0].status, QStringLiteral("deployed"));
        QCOMPARE(releases[0].updated, QDateTime(QDate(2025, 6, 18), QTime(14, 17, 46, 125), Qt::UTC));
    }

    // `helm history`: revision is an int, updated is RFC 3339 with nanoseconds.
    void history()
    {
        QString error;
        const auto history = HelmHistory::parseHistory(fixture("helm-history.json"), &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(history.size(), 3);
        QCOMPARE(history[1].revision, 2);
        QCOMPARE(history[1].status, QStringLiteral("failed"));
        QCOMPARE(history[2].description, QStringLiteral("Rollback to 1"));
        QCOMPARE(history[0].updated, QDateTime(QDate(2025, 6, 18), QTime(14, 10, 2, 512), Qt::UTC));
        QCOMPARE(HelmHistory::deployedRevision(history), 3);
    }

    void times_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime t(QDate(2025, 6, 18), QTime(14, 17, 46), Qt::UTC);
        QTest::newRow("rfc3339") << "2025-06-18T14:17:46Z" << t;
        QTest::newRow("rfc3339 offset") << "2025-06-18T16:17:46+02:00" << t;
        QTest::newRow("go string") << "2025-06-18 14:17:46 +0000 UTC" << t;
        QTest::newRow("go string offset") << "2025-06-18 16:17:46.5 +0200 CEST" << t.addMSecs(500);
        QTest::newRow("garbage") << "yesterday" << QDateTime();
    }
    void times()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        QCOMPARE(HelmHistory::parseTime(text), expected);
    }

    void errors()
    {
        QString error;
        QVERIFY(HelmHistory::parseHistory("Error: release: not found", &error).isEmpty());
        QVERIFY(!error.isEmpty());
        error.clear();
        QVERIFY(HelmHistory::parseHistory("", &error).isEmpty());
        QVERIFY(error.isEmpty()); // nothing printed: no history
    }

    void upgradeOutput()
    {
        QCOMPARE(
            HelmHistory::revisionFromUpgradeOutput(QStringLiteral(
                "Release \"todo-chatbot\" has been upgraded. Happy Helming!\nNAME: todo-chatbot\nLAST DEPLOYED: "
                "Wed Jun 18 14:17:46 2025\nNAMESPACE: todo-app\nSTATUS: deployed\nREVISION: 4\nTEST SUITE: None\n")),
            4);
    }
};

QTEST_GUILESS_MAIN(HelmHistoryTest)
#include "HelmHistoryTest.moc"
