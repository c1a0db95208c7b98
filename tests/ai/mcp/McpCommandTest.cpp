#include "McpMessages.h"
#include "support/QuaysideProcess.h"
#include "support/TestCluster.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using quayside::test::errorCode;
using quayside::test::errorMessage;
using quayside::test::FakeApiServer;
using quayside::test::FakeApiServerThread;
using quayside::test::isError;
using quayside::test::QuaysideProcess;
using quayside::test::result;
using quayside::test::structured;
using quayside::test::TestCluster;
using quayside::test::text;

namespace {

const QString kProfile = QStringLiteral(QUAYSIDE_SOURCE_DIR "/resources/profiles/todo-chatbot.yaml");
const QString kNs = QStringLiteral("todo-app");
constexpr int kTimeoutMs = 60'000; // a guard against a hung child, not a measurement

// A scripted MCP client: `quayside ... mcp` as a child with pipes, one JSON-RPC message per line.
class McpClient
{
public:
    bool start(const QuaysideProcess& quayside, const QStringList& arguments)
    {
        m_process.setProcessEnvironment(quayside.environment());
        m_process.setWorkingDirectory(quayside.workingDirectory());
        m_process.start(QuaysideProcess::binary(), arguments);
        return m_process.waitForStarted(kTimeoutMs);
    }

    ~McpClient()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    void sendLine(const QByteArray& line) { m_process.write(line + '\n'); }
    void send(const QJsonObject& message) { sendLine(QJsonDocument(message).toJson(QJsonDocument::Compact)); }

    int request(const QString& method, const QJsonObject& params = {})
    {
        const int id = ++m_lastId;
        send(quayside::test::request(id, method, params));
        return id;
    }

    void notify(const QString& method) { send(quayside::test::notification(method)); }

    // The response with that id (a null id: the next response without one).
    QJsonObject waitFor(const QJsonValue& id)
    {
        QJsonObject found;
        const bool done = QTest::qWaitFor(
            [&] {
                readLines();
                for (qsizetype i = 0; i < m_unread.size(); ++i) {
                    if (m_unread.at(i).value(QLatin1String("id")) == id) {
                        found = m_unread.takeAt(i);
                        return true;
                    }
                }
                return m_process.state() == QProcess::NotRunning;
            },
            kTimeoutMs);
        if (!done)
            qWarning("no response with id %s",
                     qPrintable(QString::fromUtf8(QJsonDocument(QJsonArray { id }).toJson())));
        return found;
    }

    QJsonObject call(const QString& method, const QJsonObject& params = {}) { return waitFor(request(method, params)); }

    QJsonObject tool(const QString& name, const QJsonObject& arguments = {})
    {
        return call(QStringLiteral("tools/call"),
                    { { QStringLiteral("name"), name }, { QStringLiteral("arguments"), arguments } });
    }

    // Closes stdin; the exit code once the server has ended (-1: it crashed or hung).
    int finish()
    {
        m_process.closeWriteChannel();
        QSignalSpy finished(&m_process, &QProcess::finished);
        if (m_process.state() != QProcess::NotRunning && !finished.wait(kTimeoutMs))
            return -1;
        readLines();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    const QList<QByteArray>& lines() const { return m_lines; }
    QByteArray standardError() { return m_process.readAllStandardError(); }

private:
    void readLines()
    {
        m_buffer += m_process.readAllStandardOutput();
        qsizetype newline;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(newline);
            m_buffer.remove(0, newline + 1);
            m_lines.append(line);
            m_unread.append(QJsonDocument::fromJson(line).object());
        }
    }

    QProcess m_process;
    QByteArray m_buffer;
    QList<QByteArray> m_lines;
    QList<QJsonObject> m_unread;
    int m_lastId = 0;
};

QString dump(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QStringList namesOf(const QJsonArray& array, const char* key = "name")
{
    QStringList names;
    for (const QJsonValue& value : array)
        names << value.toObject().value(QLatin1String(key)).toString();
    return names;
}

} // namespace

// `quayside mcp` end to end: the built binary driven by a scripted JSON-RPC client over its pipes,
// against the test API server (the crash-loop scenario for the read-only tools, todo-app for scale and
// restart). Every tool, a malformed line, an unknown tool, a change refused without --allow-changes and
// made with it (checked on the server), secrets stored in the keychain redacted, and stdout holding
// nothing but JSON-RPC lines. The children get a throw-away HOME.
class McpCommandTest : public QObject
{
    Q_OBJECT
private:
    QuaysideProcess m_quayside;

    // initialize + notifications/initialized; the InitializeResult.
    static QJsonObject initialize(McpClient& client, const QString& version = QStringLiteral("2025-06-18"))
    {
        const QJsonObject response
            = client.call(QStringLiteral("initialize"),
                          { { QStringLiteral("protocolVersion"), version },
                            { QStringLiteral("capabilities"), QJsonObject() },
                            { QStringLiteral("clientInfo"),
                              QJsonObject { { QStringLiteral("name"), QStringLiteral("McpCommandTest") },
                                            { QStringLiteral("version"), QStringLiteral("1") } } } });
        client.notify(QStringLiteral("notifications/initialized"));
        return result(response);
    }

    // Every line on stdout is one JSON-RPC 2.0 response: nothing else may reach the client there.
    static bool onlyJsonRpc(const QList<QByteArray>& lines, QString* problem)
    {
        for (const QByteArray& line : lines) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            const QJsonObject object = document.object();
            if (error.error != QJsonParseError::NoError || !document.isObject()
                || object.value(QLatin1String("jsonrpc")).toString() != QLatin1String("2.0")
                || !object.contains(QLatin1String("id"))
                || object.contains(QLatin1String("result")) == object.contains(QLatin1String("error"))) {
                *problem = QString::fromUtf8(line.left(300));
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QuaysideProcess::binary()), qPrintable(QuaysideProcess::binary()));
        QVERIFY(m_quayside.isValid());
    }

    void readOnlyToolsOnACrashLoop()
    {
        const auto owner = TestCluster::start(QStringLiteral("crashloop"), kNs);
        QVERIFY(owner);
        FakeApiServerThread& server = *owner;
        const QString pod = TestCluster::podOf(server, kNs, QStringLiteral("backend"));
        QVERIFY(!pod.isEmpty());
        server->clearRequests();
        McpClient client;
        QVERIFY(client.start(m_quayside,
                             { QStringLiteral("--kubeconfig"), server->kubeconfigPath(), QStringLiteral("-p"), kProfile,
                               QStringLiteral("mcp") }));

        const QJsonObject init = initialize(client);
        QCOMPARE(init.value(QLatin1String("protocolVersion")).toString(), QStringLiteral("2025-06-18"));
        QCOMPARE(init.value(QLatin1String("serverInfo")).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("quayside"));
        QVERIFY(init.value(QLatin1String("instructions")).toString().contains(QLatin1String("read-only")));

        const QJsonObject list = client.call(QStringLiteral("tools/list"));
        QCOMPARE(namesOf(result(list).value(QLatin1String("tools")).toArray()),
                 (QStringList { "status", "logs", "events", "diagnose" }));

        // status: the document of `quayside status -o json`.
        QJsonObject response = client.tool(QStringLiteral("status"));
        QVERIFY2(!isError(response), qPrintable(dump(response)));
        QJsonObject status = structured(response);
        QCOMPARE(status.value(QLatin1String("context")).toString(), QStringLiteral("minikube"));
        QCOMPARE(status.value(QLatin1String("namespace")).toString(), kNs);
        QCOMPARE(namesOf(status.value(QLatin1String("deployments")).toArray()),
                 (QStringList { "backend", "frontend" }));
        QVERIFY(namesOf(status.value(QLatin1String("pods")).toArray()).contains(pod));
        QCOMPARE(QJsonDocument::fromJson(text(response).toUtf8()).object(), status);

        // diagnose: the findings of `quayside diagnose -o json`.
        response = client.tool(QStringLiteral("diagnose"));
        QVERIFY2(!isError(response), qPrintable(dump(response)));
        const QJsonObject diagnosis = structured(response);
        QCOMPARE(diagnosis.value(QLatin1String("healthy")), QJsonValue(false));
        QCOMPARE(diagnosis.value(QLatin1String("namespace")).toString(), kNs);
        QVERIFY2(namesOf(diagnosis.value(QLatin1String("findings")).toArray(), "rule")
                     .contains(QStringLiteral("crash-loop")),
                 qPrintable(dump(diagnosis)));
        response = client.tool(QStringLiteral("diagnose"),
                               { { QStringLiteral("target"), QStringLiteral("deploy/frontend") } });
        QCOMPARE(structured(response).value(QLatin1String("healthy")), QJsonValue(true));
        QCOMPARE(structured(response).value(QLatin1String("findings")).toArray().size(), 0);
        response = client.tool(QStringLiteral("diagnose"), { { QStringLiteral("target"), pod } });
        QCOMPARE(namesOf(structured(response).value(QLatin1String("findings")).toArray(), "key"),
                 QStringList { QStringLiteral("crash-loop/Pod/") + pod });
        response
            = client.tool(QStringLiteral("diagnose"), { { QStringLiteral("target"), QStringLiteral("deploy/nope") } });
        QVERIFY(isError(response));
        QVERIFY2(text(response).contains(QLatin1String("Deployment \"nope\" not found in namespace todo-app.")),
                 qPrintable(text(response)));
        response = client.tool(QStringLiteral("diagnose"), { { QStringLiteral("target"), QStringLiteral("svc/x") } });
        QCOMPARE(errorCode(response), -32602);
        QVERIFY2(errorMessage(response).contains(QLatin1String("\"target\"")), qPrintable(errorMessage(response)));

        // logs: the previous run's traceback, a Deployment's tagged lines, bounded by tailLines.
        response = client.tool(QStringLiteral("logs"),
                               { { QStringLiteral("pod"), pod }, { QStringLiteral("previous"), true } });
        QVERIFY2(!isError(response), qPrintable(dump(response)));
        QVERIFY2(text(response).contains(QLatin1String("KeyError: 'DATABASE_URL'")), qPrintable(text(response)));
        QCOMPARE(structured(response).value(QLatin1String("truncated")), QJsonValue(false));
        response = client.tool(
            QStringLiteral("logs"),
            { { QStringLiteral("deployment"), QStringLiteral("frontend") }, { QStringLiteral("tailLines"), 5 } });
        QVERIFY2(!isError(response), qPrintable(dump(response)));
        const QJsonArray lines = structured(response).value(QLatin1String("lines")).toArray();
        QCOMPARE(lines.size(), 5);
        for (const QJsonValue& line : lines)
            QVERIFY2(line.toString().startsWith(QLatin1String("[frontend-")), qPrintable(line.toString()));
        response
            = client.tool(QStringLiteral("logs"), { { QStringLiteral("pod"), QStringLiteral("backend-nope-12345") } });
        QVERIFY(isError(response));
        QVERIFY2(text(response).contains(QLatin1String("not found")), qPrintable(text(response)));
        response = client.tool(QStringLiteral("logs"));
        QCOMPARE(errorCode(response), -32602);
        response = client.tool(QStringLiteral("logs"),
                               { { QStringLiteral("pod"), pod }, { QStringLiteral("tailLines"), 5000 } });
        QCOMPARE(errorCode(response), -32602);
        QVERIFY2(errorMessage(response).contains(QLatin1String("\"tailLines\"")), qPrintable(errorMessage(response)));

        // events: newest first, and those of one object.
        response = client.tool(QStringLiteral("events"));
        QVERIFY2(!isError(response), qPrintable(dump(response)));
        const QJsonArray events = structured(response).value(QLatin1String("events")).toArray();
        QVERIFY(!events.isEmpty());
        QVERIFY(events.size() <= 100);
        for (qsizetype i = 1; i < events.size(); ++i)
            QVERIFY(events.at(i - 1).toObject().value(QLatin1String("lastSeen")).toString()
                    >= events.at(i).toObject().value(QLatin1String("lastSeen")).toString());
        QVERIFY(namesOf(events, "reason").contains(QStringLiteral("BackOff")));
        response = client.tool(QStringLiteral("events"), { { QStringLiteral("name"), pod } });
        const QJsonArray podEvents = structured(response).value(QLatin1String("events")).toArray();
        QVERIFY(!podEvents.isEmpty());
        for (const QJsonValue& event : podEvents)
            QCOMPARE(event.toObject().value(QLatin1String("object")).toString(), QStringLiteral("Pod/") + pod);

        // A malformed line and an unknown tool.
        client.sendLine("{\"jsonrpc\":\"2.0\",\"id\":");
        response = client.waitFor(QJsonValue(QJsonValue::Null));
        QCOMPARE(errorCode(response), -32700);
        response = client.tool(QStringLiteral("delete_everything"));
        QCOMPARE(errorCode(response), -32602);
        QVERIFY(errorMessage(response).contains(QLatin1String("Unknown tool: delete_everything")));

        // A change without --allow-changes: refused, and nothing reaches the cluster.
        response = client.tool(
            QStringLiteral("scale"),
            { { QStringLiteral("deployment"), QStringLiteral("backend") }, { QStringLiteral("replicas"), 3 } });
        QVERIFY(isError(response));
        QVERIFY2(text(response).contains(QLatin1String("quayside mcp --allow-changes")), qPrintable(text(response)));
        response
            = client.tool(QStringLiteral("restart"), { { QStringLiteral("deployment"), QStringLiteral("backend") } });
        QVERIFY(isError(response));
        QVERIFY(server->requestsMatching(QStringLiteral("PATCH"), QString()).isEmpty());
        QCOMPARE(server->object(QStringLiteral("deployments"), kNs, QStringLiteral("backend"))
                     ->value(QLatin1String("spec"))
                     .toObject()
                     .value(QLatin1String("replicas"))
                     .toInt(),
                 1);

        // End of input while a call is in flight: it is still answered, then the server exits 0.
        const int last
            = client.request(QStringLiteral("tools/call"), { { QStringLiteral("name"), QStringLiteral("diagnose") } });
        QCOMPARE(client.finish(), 0);
        bool answered = false;
        for (const QByteArray& line : client.lines())
            answered
                = answered || QJsonDocument::fromJson(line).object().value(QLatin1String("id")) == QJsonValue(last);
        QVERIFY(answered);
        QString problem;
        QVERIFY2(onlyJsonRpc(client.lines(), &problem), qPrintable(problem));
    }

    void changesWithAllowChanges()
    {
        const auto owner = TestCluster::start(QStringLiteral("todo-app"), kNs);
        QVERIFY(owner);
        FakeApiServerThread& server = *owner;
        McpClient client;
        QVERIFY(client.start(m_quayside,
                             { QStringLiteral("mcp"), QStringLiteral("--allow-changes"), QStringLiteral("--kubeconfig"),
                               server->kubeconfigPath(), QStringLiteral("-p"), kProfile }));
        const QJsonObject init = initialize(client, QStringLiteral("2025-03-26"));
        QCOMPARE(init.value(QLatin1String("protocolVersion")).toString(), QStringLiteral("2025-03-26"));
        const QJsonArray tools
            = result(client.call(QStringLiteral("tools/list"))).value(QLatin1String("tools")).toArray();
        QCOMPARE(namesOf(tools), (QStringList { "status", "logs", "events", "diagnose", "scale", "restart" }));
        for (const QJsonValue& tool : tools) {
            const bool change = tool.toObject().value(QLatin1String("name")).toString() == QLatin1String("scale")
                || tool.toObject().value(QLatin1String("name")).toString() == QLatin1String("restart");
            QCOMPARE(tool.toObject()
                         .value(QLatin1String("annotations"))
                         .toObject()
                         .value(QLatin1String("readOnlyHint"))
                         .toBool(),
                     !change);
        }

        QJsonObject response = client.tool(
            QStringLiteral("scale"),
            { { QStringLiteral("deployment"), QStringLiteral("backend") }, { QStringLiteral("replicas"), 3 } });
        QVERIFY2(!isError(response), qPrintable(dump(response)));
        QVERIFY(!result(response).contains(QLatin1String("structuredContent"))); // not in 2025-03-26
        QVERIFY2(text(response).contains(QLatin1String("scaled to 3 replicas")), qPrintable(text(response)));
        QCOMPARE(server->object(QStringLiteral("deployments"), kNs, QStringLiteral("backend"))
                     ->value(QLatin1String("spec"))
                     .toObject()
                     .value(QLatin1String("replicas"))
                     .toInt(),
                 3);
        QCOMPARE(server->requestsMatching(QStringLiteral("PATCH"), QStringLiteral("/deployments/backend/scale")).size(),
                 1);

        response = client.tool(
            QStringLiteral("scale"),
            { { QStringLiteral("deployment"), QStringLiteral("backend") }, { QStringLiteral("replicas"), 51 } });
        QCOMPARE(errorCode(response), -32602);
        QVERIFY2(errorMessage(response).contains(QLatin1String("\"replicas\" must be between 0 and 50")),
                 qPrintable(errorMessage(response)));
        response = client.tool(QStringLiteral("scale"), { { QStringLiteral("replicas"), 1 } });
        QCOMPARE(errorCode(response), -32602);
        QVERIFY(errorMessage(response).contains(QLatin1String("\"deployment\"")));
        response = client.tool(
            QStringLiteral("scale"),
            { { QStringLiteral("deployment"), QStringLiteral("nope") }, { QStringLiteral("replicas"), 1 } });
        QVERIFY(isError(response));
        QVERIFY2(text(response).contains(QLatin1String("not found")), qPrintable(text(response)));

        response
            = client.tool(QStringLiteral("restart"), { { QStringLiteral("deployment"), QStringLiteral("frontend") } });
        QVERIFY2(!isError(response), qPrintable(dump(response)));
        const QString restartedAt = server->object(QStringLiteral("deployments"), kNs, QStringLiteral("frontend"))
                                        ->value(QLatin1String("spec"))
                                        .toObject()
                                        .value(QLatin1String("template"))
                                        .toObject()
                                        .value(QLatin1String("metadata"))
                                        .toObject()
                                        .value(QLatin1String("annotations"))
                                        .toObject()
                                        .value(QLatin1String("kubectl.kubernetes.io/restartedAt"))
                                        .toString();
        QVERIFY(!restartedAt.isEmpty());

        QCOMPARE(client.finish(), 0);
        QString problem;
        QVERIFY2(onlyJsonRpc(client.lines(), &problem), qPrintable(problem));
    }

    // The API server is asked for at most 64 KiB (limitBytes) and the result says it was cut.
    void logsAreBounded()
    {
        const auto owner = TestCluster::start(QStringLiteral("todo-app"), kNs);
        QVERIFY(owner);
        FakeApiServerThread& server = *owner;
        FakeApiServer::LogOptions logs;
        logs.historyLines = 5000;
        logs.linesPerSecond = 0;
        server->setLogOptions(logs);
        const QString before = TestCluster::podOf(server, kNs, QStringLiteral("backend"));
        QVERIFY(server->setDeploymentReplicas(kNs, QStringLiteral("backend"), 2)); // a pod with that history
        QString pod;
        for (const QJsonObject& p : server->podsMatching(kNs, QStringLiteral("app=backend"))) {
            const QString name = p.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
            if (name != before)
                pod = name;
        }
        QVERIFY(!pod.isEmpty());
        McpClient client;
        QVERIFY(client.start(m_quayside,
                             { QStringLiteral("--kubeconfig"), server->kubeconfigPath(), QStringLiteral("-p"), kProfile,
                               QStringLiteral("mcp") }));
        initialize(client);
        QJsonObject response = client.tool(QStringLiteral("logs"),
                                           { { QStringLiteral("pod"), pod }, { QStringLiteral("tailLines"), 2000 } });
        QVERIFY2(!isError(response), qPrintable(dump(response)));
        QCOMPARE(structured(response).value(QLatin1String("truncated")), QJsonValue(true));
        QVERIFY2(text(response).contains(QLatin1String("cut at 64 KiB by the API server")),
                 qPrintable(text(response).left(500)));
        QVERIFY(text(response).toUtf8().size() <= 64 * 1024 + 1024);
        const auto served = server->requestsMatching(QStringLiteral("GET"), QStringLiteral("/pods/%1/log").arg(pod));
        QCOMPARE(served.size(), 1);
        QVERIFY2(served.first().rawQuery.contains("limitBytes=65536"), served.first().rawQuery.constData());
        QVERIFY2(served.first().rawQuery.contains("tailLines=2000"), served.first().rawQuery.constData());

        response = client.tool(QStringLiteral("logs"),
                               { { QStringLiteral("pod"), pod }, { QStringLiteral("tailLines"), 10 } });
        QCOMPARE(structured(response).value(QLatin1String("truncated")), QJsonValue(false));
        QCOMPARE(structured(response).value(QLatin1String("lines")).toArray().size(), 10);
        QCOMPARE(structured(response).value(QLatin1String("lines")).toArray().last().toString(),
                 server->logLine(kNs, pod, QStringLiteral("backend"), 4999));
        QCOMPARE(client.finish(), 0);
    }

    // A value stored in the keychain for the profile comes out as *** even when the cluster prints it.
    void redactsStoredSecrets()
    {
        const auto owner = TestCluster::start(QStringLiteral("todo-app"), kNs);
        QVERIFY(owner);
        FakeApiServerThread& server = *owner;
        // A profile of this test's own, so its keychain items ("<name>/JWT_SECRET") are nobody else's.
        QFile shipped(kProfile);
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        QByteArray yaml = shipped.readAll();
        const QByteArray name = "mcp-redaction-" + QByteArray::number(QCoreApplication::applicationPid());
        yaml.replace(QByteArray("name: todo-chatbot"), QByteArray(QByteArray("name: ") + name));
        yaml.replace(QByteArray("root: ../.."), QByteArray("root: " QUAYSIDE_SOURCE_DIR));
        const QString profile = m_quayside.home(QStringLiteral("redaction.yaml"));
        QFile file(profile);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(yaml);
        file.close();

        const QByteArray secret
            = "mcp-test-jwt-" + QByteArray::number(QCoreApplication::applicationPid()) + "-0123456789abcdefghijklmnop";
        const QuaysideProcess::Run set = m_quayside.run({ QStringLiteral("-p"), profile, QStringLiteral("secrets"),
                                                          QStringLiteral("set"), QStringLiteral("JWT_SECRET") },
                                                        secret, kTimeoutMs);
        QVERIFY2(
            set.exitCode == 0,
            qPrintable(QStringLiteral("storing a secret needs the keychain (run under tests/support/run-headless.sh): ")
                       + QString::fromUtf8(set.err)));

        server->applyObject(QJsonObject {
            { QStringLiteral("apiVersion"), QStringLiteral("v1") },
            { QStringLiteral("kind"), QStringLiteral("Event") },
            { QStringLiteral("metadata"),
              QJsonObject { { QStringLiteral("name"), QStringLiteral("leaky.1") },
                            { QStringLiteral("namespace"), kNs } } },
            { QStringLiteral("involvedObject"),
              QJsonObject { { QStringLiteral("kind"), QStringLiteral("Pod") },
                            { QStringLiteral("name"), QStringLiteral("leaky") },
                            { QStringLiteral("namespace"), kNs } } },
            { QStringLiteral("reason"), QStringLiteral("Debug") },
            { QStringLiteral("message"),
              QStringLiteral("connecting with JWT_SECRET=%1 now").arg(QString::fromUtf8(secret)) },
            { QStringLiteral("type"), QStringLiteral("Warning") },
            { QStringLiteral("count"), 1 },
        });

        McpClient client;
        QVERIFY(client.start(m_quayside,
                             { QStringLiteral("--kubeconfig"), server->kubeconfigPath(), QStringLiteral("-p"), profile,
                               QStringLiteral("mcp") }));
        initialize(client);
        const QJsonObject response
            = client.tool(QStringLiteral("events"), { { QStringLiteral("name"), QStringLiteral("leaky") } });
        QVERIFY2(!isError(response), qPrintable(dump(response)));
        const QJsonArray events = structured(response).value(QLatin1String("events")).toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().toObject().value(QLatin1String("message")).toString(),
                 QStringLiteral("connecting with JWT_SECRET=*** now"));
        QCOMPARE(client.finish(), 0);
        for (const QByteArray& line : client.lines())
            QVERIFY2(!line.contains(secret), line.constData());

        const QuaysideProcess::Run remove = m_quayside.run({ QStringLiteral("-p"), profile, QStringLiteral("secrets"),
                                                             QStringLiteral("delete"), QStringLiteral("JWT_SECRET") },
                                                           {}, kTimeoutMs);
        QCOMPARE(remove.exitCode, 0);
    }

    void unreachableClusterIsAToolError()
    {
        const QString path = m_quayside.home(QStringLiteral("closed-port.kubeconfig"));
        QVERIFY(TestCluster::writeUnreachableKubeconfig(path));
        McpClient client;
        QVERIFY(client.start(m_quayside, { QStringLiteral("--kubeconfig"), path, QStringLiteral("mcp") }));
        initialize(client);
        const QJsonObject response = client.tool(QStringLiteral("status"));
        QVERIFY(isError(response));
        QVERIFY2(text(response).startsWith(QLatin1String("Could not read the status of namespace todo-app: ")),
                 qPrintable(text(response)));
        QCOMPARE(client.finish(), 0);
    }
};

QTEST_GUILESS_MAIN(McpCommandTest)
#include "McpCommandTest.moc"
