#include "kube/LogFollower.h"

#include "KubeTestSupport.h"
#include "kube/KubeClient.h"
#include "kube/LogStream.h"
#include "kubeapi/FakeApiServer.h"

#include <QSignalSpy>
#include <QTest>

using namespace quayside;
using namespace quayside::kube;
using namespace quayside::kube::testing;
using quayside::test::FakeApiServer;

namespace {
const QString kNs = QStringLiteral("todo-app");

// Strips "2025-...Z " from a --timestamps line.
QString withoutTimestamp(const QByteArray& line)
{
    const qsizetype space = line.indexOf(' ');
    return QString::fromUtf8(line.mid(space + 1));
}
} // namespace

// Logs of one container and of a whole Deployment against the fake API server, whose lines are a
// pure function of (container, index): every line we show is compared with the one that was served.
class LogFollowerTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<KubeClient> m_client;

    QString podOf(const QString& deployment) const
    {
        const auto pods = m_server->podsMatching(kNs, QStringLiteral("app=") + deployment, true);
        return pods.isEmpty()
            ? QString()
            : pods.first().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    }

    // Index of `text` among the first `limit` lines of pod/container, or -1.
    qint64 indexOf(const QString& pod, const QString& container, const QString& text, qint64 limit = 100000) const
    {
        for (qint64 i = 0; i < limit; ++i) {
            const QString line = m_server->logLine(kNs, pod, container, i);
            if (line.isEmpty() && i > 0)
                return -1;
            if (line == text)
                return i;
        }
        return -1;
    }

    QList<LogLine> readAll(LogFollower& follower, int timeoutMs = 15'000)
    {
        QList<LogLine> lines;
        connect(&follower, &LogFollower::readyRead, this, [&] { lines += follower.read(); });
        QSignalSpy finished(&follower, &LogFollower::finished);
        follower.start();
        if (!finished.wait(timeoutMs))
            qWarning("log follower did not finish");
        lines += follower.read();
        follower.disconnect(this);
        return lines;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeApiServer>();
        QVERIFY2(m_server->start(serverOptions()), qPrintable(m_server->errorString()));
        FakeApiServer::LogOptions logs;
        logs.linesPerSecond = 0; // a log that does not grow while the test reads it
        m_server->setLogOptions(logs);
        m_client = std::make_unique<KubeClient>(loadConfig(m_server->kubeconfigPath()));
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    // kubectl's flags, spelled as the API's query.
    void logQuery()
    {
        LogOptions options;
        QCOMPARE(options.query(QStringLiteral("c")).toString(), QStringLiteral("container=c"));
        options.follow = true;
        options.tailLines = 10;
        options.sinceSeconds = 300;
        options.timestamps = true;
        options.previous = true;
        options.limitBytes = 4096;
        QCOMPARE(
            options.query(QStringLiteral("c")).toString(),
            QStringLiteral(
                "container=c&follow=true&tailLines=10&sinceSeconds=300&timestamps=true&previous=true&limitBytes=4096"));
        options.tailLines = 0;
        QVERIFY(options.query({}).toString().contains(QLatin1String("tailLines=0")));
    }

    void onePod_data()
    {
        QTest::addColumn<qint64>("tail");
        QTest::addColumn<bool>("timestamps");
        QTest::addColumn<bool>("split");
        QTest::newRow("whole log") << qint64(-1) << false << false;
        QTest::newRow("tail 5") << qint64(5) << false << false;
        QTest::newRow("tail 0") << qint64(0) << false << false;
        QTest::newRow("timestamps") << qint64(-1) << true << false;
        QTest::newRow("lines split across chunks") << qint64(-1) << false << true;
    }
    void onePod()
    {
        QFETCH(qint64, tail);
        QFETCH(bool, timestamps);
        QFETCH(bool, split);
        m_server->setSplitLinesAcrossChunks(split);
        const QString pod = podOf(QStringLiteral("backend"));
        QVERIFY(!pod.isEmpty());
        LogOptions options;
        options.tailLines = tail;
        options.timestamps = timestamps;
        LogFollower follower(m_client.get(), kNs, { pod, {} }, options);
        QVERIFY(!follower.isMultiStream());
        const QList<LogLine> lines = readAll(follower);
        QVERIFY2(!follower.error().isError(), qPrintable(follower.error().message()));
        QVERIFY(follower.atEnd());
        const qint64 total = 20; // the fake kubelet's history, nothing more at 0 lines/s
        QCOMPARE(lines.size(), tail < 0 ? total : tail);
        const qint64 first = total - lines.size();
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString text = timestamps ? withoutTimestamp(lines.at(i).text) : QString::fromUtf8(lines.at(i).text);
            QCOMPARE(text, m_server->logLine(kNs, pod, QStringLiteral("backend"), first + i));
            QCOMPARE(lines.at(i).pod, pod);
            QCOMPARE(lines.at(i).container, QStringLiteral("backend"));
            if (timestamps)
                QVERIFY(lines.at(i).text.startsWith("20"));
        }
        // The container was found from the pod (one container: no "Defaulted container" note).
        const auto requests = m_server->requestsMatching(QStringLiteral("GET"), QStringLiteral("/log"));
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().query.queryItemValue(QStringLiteral("container")), QStringLiteral("backend"));
    }

    void errorsAreTheServers_data()
    {
        QTest::addColumn<QString>("pod");
        QTest::addColumn<QString>("container");
        QTest::addColumn<bool>("previous");
        QTest::addColumn<QString>("message");
        QTest::newRow("no such pod") << "nope"
                                     << "" << false << "pods \"nope\" not found";
        QTest::newRow("no such container") << "{backend}"
                                           << "sidecar" << false << "container sidecar is not valid for pod";
        QTest::newRow("no previous instance")
            << "{backend}"
            << "backend" << true << "previous terminated container \"backend\" in pod";
    }
    void errorsAreTheServers()
    {
        QFETCH(QString, pod);
        QFETCH(QString, container);
        QFETCH(bool, previous);
        QFETCH(QString, message);
        pod.replace(QStringLiteral("{backend}"), podOf(QStringLiteral("backend")));
        LogOptions options;
        options.container = container;
        options.previous = previous;
        LogFollower follower(m_client.get(), kNs, { pod, {} }, options);
        readAll(follower);
        QVERIFY(follower.error().isError());
        QVERIFY2(follower.error().message().contains(message), qPrintable(follower.error().message()));
    }

    void followGetsNewLines()
    {
        const QString pod = podOf(QStringLiteral("frontend"));
        LogOptions options;
        options.follow = true;
        options.tailLines = 2;
        LogFollower follower(m_client.get(), kNs, { pod, {} }, options);
        QList<LogLine> lines;
        connect(&follower, &LogFollower::readyRead, this, [&] { lines += follower.read(); });
        follower.start();
        QTRY_COMPARE(lines.size(), 2);
        FakeApiServer::LogOptions logs;
        logs.linesPerSecond = 50;
        m_server->setLogOptions(logs);
        QTRY_VERIFY_WITH_TIMEOUT(lines.size() >= 12, 10'000);
        QVERIFY(!follower.isFinished());
        // Consecutive lines of the container, the first two being the last two of its history.
        for (qsizetype i = 0; i < lines.size(); ++i)
            QCOMPARE(QString::fromUtf8(lines.at(i).text),
                     m_server->logLine(kNs, pod, QStringLiteral("frontend"), 18 + i));
        follower.stop();
    }

    // A Deployment: every pod, tagged; with -f, pods that appear later are followed from their
    // first line, without the --tail that applied to the pods present at the start.
    void deploymentFollowPicksUpNewPods()
    {
        const QString first = podOf(QStringLiteral("backend"));
        LogOptions options;
        options.follow = true;
        options.tailLines = 3;
        LogFollower follower(m_client.get(), kNs, { {}, QStringLiteral("backend") }, options);
        follower.setReflectorOptions(fastReflector());
        QVERIFY(follower.isMultiStream());
        QList<LogLine> lines;
        connect(&follower, &LogFollower::readyRead, this, [&] { lines += follower.read(); });
        follower.start();
        QTRY_COMPARE(lines.size(), 3);
        for (const LogLine& line : std::as_const(lines)) {
            QCOMPARE(line.pod, first);
            QCOMPARE(line.container, QStringLiteral("backend"));
        }
        QVERIFY(m_server->setDeploymentReplicas(kNs, QStringLiteral("backend"), 2));
        m_server->settle();
        QString second;
        for (const QJsonObject& pod : m_server->podsMatching(kNs, QStringLiteral("app=backend"))) {
            const QString name
                = pod.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
            if (name != first)
                second = name;
        }
        QVERIFY(!second.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(lines.size() >= 3 + 20, 10'000);
        QList<LogLine> fromSecond;
        for (const LogLine& line : std::as_const(lines)) {
            if (line.pod == second)
                fromSecond.append(line);
        }
        QCOMPARE(fromSecond.size(), 20);
        for (qsizetype i = 0; i < fromSecond.size(); ++i)
            QCOMPARE(QString::fromUtf8(fromSecond.at(i).text),
                     m_server->logLine(kNs, second, QStringLiteral("backend"), i));
        QCOMPARE(follower.openStreams(), 2);
        follower.stop();
    }

    void deploymentWithoutFollowReadsEveryPodOnce()
    {
        QVERIFY(m_server->setDeploymentReplicas(kNs, QStringLiteral("frontend"), 3));
        m_server->settle();
        LogOptions options;
        options.tailLines = 4;
        LogFollower follower(m_client.get(), kNs, { {}, QStringLiteral("frontend") }, options);
        const QList<LogLine> lines = readAll(follower);
        QVERIFY2(!follower.error().isError(), qPrintable(follower.error().message()));
        QCOMPARE(lines.size(), 12);
        QMap<QString, int> perPod;
        for (const LogLine& line : lines)
            ++perPod[line.pod];
        QCOMPARE(perPod.size(), 3);
        for (const int count : std::as_const(perPod))
            QCOMPARE(count, 4);
    }

    void deploymentNotFound()
    {
        LogFollower follower(m_client.get(), kNs, { {}, QStringLiteral("nope") }, LogOptions());
        readAll(follower);
        QCOMPARE(follower.error().message(), QStringLiteral("deployments.apps \"nope\" not found"));
    }

    // A consumer that does not read: the stream pauses and memory stays bounded; reading resumes it
    // and every line arrives, none lost.
    void backpressureKeepsMemoryBounded()
    {
        FakeApiServer::LogOptions logs;
        logs.historyLines = 200'000;
        logs.linesPerSecond = 0;
        m_server->setLogOptions(logs);
        const QString old = podOf(QStringLiteral("frontend"));
        QVERIFY(m_server->setDeploymentReplicas(kNs, QStringLiteral("frontend"), 2));
        m_server->settle();
        QString pod;
        for (const QJsonObject& p : m_server->podsMatching(kNs, QStringLiteral("app=frontend"))) {
            const QString name = p.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
            if (name != old)
                pod = name;
        }
        QVERIFY(!pod.isEmpty());
        LogOptions options;
        options.container = QStringLiteral("frontend");
        LogStream stream(m_client.get(), kNs, pod, QStringLiteral("frontend"), options);
        stream.setCapacity(1000);
        stream.start();
        QTRY_VERIFY2_WITH_TIMEOUT(stream.isPaused(),
                                  qPrintable(QStringLiteral("available %1, ended %2: %3")
                                                 .arg(stream.available())
                                                 .arg(stream.isStreamFinished())
                                                 .arg(stream.error().message())),
                                  10'000);
        QTest::qWait(500);
        // One slice (64 KiB) may cross the limit, never more.
        QVERIFY2(stream.available() < 1000 + 64 * 1024 / 30, qPrintable(QString::number(stream.available())));
        const int pausedAt = stream.available();
        QTest::qWait(300);
        QCOMPARE(stream.available(), pausedAt); // nothing more arrived while paused
        qint64 total = 0;
        qint64 expectedIndex = 0;
        QString firstLine;
        connect(&stream, &LogStream::readyRead, this, [&] {
            const QList<QByteArray> lines = stream.read();
            for (const QByteArray& line : lines) {
                if (expectedIndex < 3 || expectedIndex % 50'000 == 0)
                    QCOMPARE(QString::fromUtf8(line),
                             m_server->logLine(kNs, pod, QStringLiteral("frontend"), expectedIndex));
                ++expectedIndex;
            }
            total += lines.size();
        });
        total += stream.read().size();
        expectedIndex = total;
        QTRY_VERIFY_WITH_TIMEOUT(stream.atEnd(), 60'000);
        total += stream.read().size();
        QCOMPARE(total, qint64(200'000));
        QVERIFY(!stream.error().isError());
    }
};

QTEST_GUILESS_MAIN(LogFollowerTest)
#include "LogFollowerTest.moc"
