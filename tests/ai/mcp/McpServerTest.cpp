#include "ai/mcp/McpServer.h"

#include "McpMessages.h"
#include "MemoryTransport.h"
#include "ai/mcp/McpTool.h"
#include "ai/mcp/McpToolCall.h"
#include "ai/mcp/McpToolbox.h"
#include "ai/mcp/ToolSchema.h"
#include "core/Redactor.h"

#include <QJsonArray>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using quayside::Redactor;
using quayside::mcp::McpServer;
using quayside::mcp::McpTool;
using quayside::mcp::McpToolbox;
using quayside::mcp::McpToolCall;
using quayside::mcp::McpToolResult;
using quayside::mcp::ToolSchema;
using quayside::test::callTool;
using quayside::test::errorCode;
using quayside::test::errorMessage;
using quayside::test::MemoryTransport;
using quayside::test::notification;
using quayside::test::request;
using quayside::test::text;

namespace {

// Finishes when the test says so: a call in flight for as long as a test needs one.
class HeldCall final : public McpToolCall
{
public:
    explicit HeldCall(QString label)
        : m_label(std::move(label))
    { }
    ~HeldCall() override { ++destroyed; }
    void start() override { live.append(this); }
    void release() { complete(McpToolResult::fromJson({ { QStringLiteral("label"), m_label } })); }

    static inline QList<QPointer<HeldCall>> live;
    static inline int destroyed = 0;

private:
    QString m_label;
};

// echo {message, count?}: answers at once with the message as text and as {"message"}.
class EchoTool final : public McpTool
{
public:
    QString name() const override { return QStringLiteral("echo"); }
    QString title() const override { return QStringLiteral("Echo"); }
    QString description() const override { return QStringLiteral("Says it back."); }
    QJsonObject inputSchema() const override
    {
        return ToolSchema::object(
            { { QStringLiteral("message"), ToolSchema::string(QStringLiteral("What to say"), 100) },
              { QStringLiteral("count"), ToolSchema::integer(QStringLiteral("How often"), 0, 5) },
              { QStringLiteral("loud"), ToolSchema::boolean(QStringLiteral("Shout"), false) },
              { QStringLiteral("namespace"), ToolSchema::nameSpace() } },
            { QStringLiteral("message") });
    }
    McpToolCall* call(const QJsonObject& arguments) override
    {
        class Call final : public McpToolCall
        {
        public:
            explicit Call(QString message)
                : m_message(std::move(message))
            { }
            void start() override
            {
                McpToolResult result;
                result.text = m_message;
                result.structured = { { QStringLiteral("message"), m_message },
                                      { QStringLiteral("nested"), QJsonArray { m_message } } };
                complete(result);
            }

        private:
            QString m_message;
        };
        return new Call(arguments.value(QLatin1String("message")).toString());
    }
};

// held {label?}: a HeldCall.
class HeldTool final : public McpTool
{
public:
    QString name() const override { return QStringLiteral("held"); }
    QString title() const override { return QStringLiteral("Held"); }
    QString description() const override { return QStringLiteral("Answers when released."); }
    QJsonObject inputSchema() const override
    {
        return ToolSchema::object({ { QStringLiteral("label"), ToolSchema::string(QStringLiteral("A label")) } });
    }
    McpToolCall* call(const QJsonObject& arguments) override
    {
        return new HeldCall(arguments.value(QLatin1String("label")).toString());
    }
};

// change {}: changes the cluster (annotations.readOnly false); counts its calls.
class ChangeTool final : public McpTool
{
public:
    QString name() const override { return QStringLiteral("change"); }
    QString title() const override { return QStringLiteral("Change"); }
    QString description() const override { return QStringLiteral("Changes something."); }
    QJsonObject inputSchema() const override { return ToolSchema::object({}); }
    Annotations annotations() const override { return { .readOnly = false, .destructive = true }; }
    McpToolCall* call(const QJsonObject&) override
    {
        ++calls;
        return new HeldCall(QStringLiteral("change"));
    }
    int calls = 0;
};

} // namespace

// The protocol state machine over an in-memory transport: the lifecycle and version negotiation, every
// JSON-RPC error, notifications, tools/list and tools/call with stub tools, batches, cancellation,
// waiting for the Redactor, redaction, and the end of input.
class McpServerTest : public QObject
{
    Q_OBJECT
private:
    struct Rig
    {
        std::unique_ptr<MemoryTransport> transport = std::make_unique<MemoryTransport>();
        McpToolbox toolbox;
        ChangeTool* change = nullptr;
        std::unique_ptr<McpServer> server;

        explicit Rig(bool allowChanges = false)
        {
            toolbox.add(std::make_unique<EchoTool>());
            toolbox.add(std::make_unique<HeldTool>());
            auto tool = std::make_unique<ChangeTool>();
            change = tool.get();
            toolbox.add(std::move(tool));
            server = std::make_unique<McpServer>(transport.get(), &toolbox,
                                                 McpServer::Options { .allowChanges = allowChanges,
                                                                      .version = QStringLiteral("9.9"),
                                                                      .instructions = QStringLiteral("Be nice.") });
            server->start();
        }

        QJsonObject ask(const QJsonObject& message)
        {
            transport->receive(message);
            return transport->take().object();
        }

        void initialize(const QString& version = QStringLiteral("2025-06-18"))
        {
            const QJsonObject reply
                = ask(request(0, QStringLiteral("initialize"),
                              { { QStringLiteral("protocolVersion"), version },
                                { QStringLiteral("capabilities"), QJsonObject() },
                                { QStringLiteral("clientInfo"),
                                  QJsonObject { { QStringLiteral("name"), QStringLiteral("test") },
                                                { QStringLiteral("version"), QStringLiteral("1") } } } }));
            QVERIFY2(reply.contains(QLatin1String("result")), QJsonDocument(reply).toJson().constData());
            transport->receive(notification(QStringLiteral("notifications/initialized")));
            QVERIFY(transport->sent.isEmpty());
        }
    };

private Q_SLOTS:
    void init()
    {
        HeldCall::live.clear();
        HeldCall::destroyed = 0;
    }

    void negotiatesTheVersion_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("answered");
        QTest::newRow("2025-06-18") << "2025-06-18"
                                    << "2025-06-18";
        QTest::newRow("2025-03-26") << "2025-03-26"
                                    << "2025-03-26";
        QTest::newRow("2024-11-05") << "2024-11-05"
                                    << "2024-11-05";
        QTest::newRow("newer") << "2026-01-01"
                               << "2025-06-18";
        QTest::newRow("nonsense") << "v1"
                                  << "2025-06-18";
    }

    void negotiatesTheVersion()
    {
        QFETCH(QString, requested);
        QFETCH(QString, answered);
        Rig rig;
        QVERIFY(rig.transport->started);
        const QJsonObject reply = rig.ask(request(
            QStringLiteral("init-1"), QStringLiteral("initialize"),
            { { QStringLiteral("protocolVersion"), requested },
              { QStringLiteral("capabilities"), QJsonObject() },
              { QStringLiteral("clientInfo"), QJsonObject { { QStringLiteral("name"), QStringLiteral("t") } } } }));
        QCOMPARE(reply.value(QLatin1String("jsonrpc")).toString(), QStringLiteral("2.0"));
        QCOMPARE(reply.value(QLatin1String("id")).toString(), QStringLiteral("init-1"));
        const QJsonObject result = reply.value(QLatin1String("result")).toObject();
        QCOMPARE(result.value(QLatin1String("protocolVersion")).toString(), answered);
        QCOMPARE(
            result.value(QLatin1String("capabilities")).toObject(),
            (QJsonObject { { QStringLiteral("tools"), QJsonObject { { QStringLiteral("listChanged"), false } } } }));
        const QJsonObject info = result.value(QLatin1String("serverInfo")).toObject();
        QCOMPARE(info.value(QLatin1String("name")).toString(), QStringLiteral("quayside"));
        QCOMPARE(info.value(QLatin1String("title")).toString(), QStringLiteral("Quayside"));
        QCOMPARE(info.value(QLatin1String("version")).toString(), QStringLiteral("9.9"));
        QCOMPARE(result.value(QLatin1String("instructions")).toString(), QStringLiteral("Be nice."));
        QCOMPARE(rig.server->protocolVersion(), answered);
        QVERIFY(rig.transport->sent.isEmpty());
    }

    void initializeErrors()
    {
        Rig rig;
        QJsonObject reply
            = rig.ask(request(1, QStringLiteral("initialize"), { { QStringLiteral("capabilities"), QJsonObject() } }));
        QCOMPARE(errorCode(reply), -32602);
        QVERIFY2(errorMessage(reply).contains(QLatin1String("protocolVersion")), qPrintable(errorMessage(reply)));
        reply = rig.ask(request(2, QStringLiteral("initialize"), { { QStringLiteral("protocolVersion"), 20250618 } }));
        QCOMPARE(errorCode(reply), -32602);
        reply = rig.ask(request(3, QStringLiteral("initialize"),
                                { { QStringLiteral("protocolVersion"), QStringLiteral("2025-06-18") },
                                  { QStringLiteral("capabilities"), QStringLiteral("all") } }));
        QCOMPARE(errorCode(reply), -32602);
        QVERIFY(!rig.server->isInitialized());
        rig.initialize();
        reply = rig.ask(request(4, QStringLiteral("initialize"),
                                { { QStringLiteral("protocolVersion"), QStringLiteral("2025-06-18") } }));
        QCOMPARE(errorCode(reply), -32600);
        QCOMPARE(reply.value(QLatin1String("id")).toInt(), 4);
    }

    void onlyPingBeforeInitialize()
    {
        Rig rig;
        QJsonObject reply = rig.ask(request(7, QStringLiteral("ping")));
        QCOMPARE(reply.value(QLatin1String("result")).toObject(), QJsonObject());
        QCOMPARE(reply.value(QLatin1String("id")).toInt(), 7);
        reply = rig.ask(request(8, QStringLiteral("tools/list")));
        QCOMPARE(errorCode(reply), -32002);
        QCOMPARE(reply.value(QLatin1String("id")).toInt(), 8);
        reply = rig.ask(callTool(9, QStringLiteral("echo"), { { QStringLiteral("message"), QStringLiteral("hi") } }));
        QCOMPARE(errorCode(reply), -32002);
        rig.initialize();
        reply = rig.ask(request(10, QStringLiteral("ping")));
        QCOMPARE(reply.value(QLatin1String("result")).toObject(), QJsonObject());
    }

    void protocolErrors_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("code");
        QTest::addColumn<QJsonValue>("id");
        const QJsonValue null(QJsonValue::Null);
        QTest::newRow("not JSON") << QByteArray("{\"jsonrpc\":\"2.0\",") << -32700 << null;
        QTest::newRow("garbage") << QByteArray("hello") << -32700 << null;
        QTest::newRow("invalid UTF-8") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xff\xfe\"}") << -32700
                                       << null;
        QTest::newRow("a number") << QByteArray("42") << -32600 << null;
        QTest::newRow("a string") << QByteArray("\"ping\"") << -32600 << null;
        QTest::newRow("no jsonrpc") << QByteArray(R"({"id":1,"method":"ping"})") << -32600 << QJsonValue(1);
        QTest::newRow("jsonrpc 1.0") << QByteArray(R"({"jsonrpc":"1.0","id":"a","method":"ping"})") << -32600
                                     << QJsonValue(QStringLiteral("a"));
        QTest::newRow("no method") << QByteArray(R"({"jsonrpc":"2.0","id":2})") << -32600 << QJsonValue(2);
        QTest::newRow("method a number") << QByteArray(R"({"jsonrpc":"2.0","id":3,"method":7})") << -32600
                                         << QJsonValue(3);
        QTest::newRow("id an object") << QByteArray(R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})") << -32600
                                      << null;
        QTest::newRow("id null") << QByteArray(R"({"jsonrpc":"2.0","id":null,"method":"ping"})") << -32600 << null;
        QTest::newRow("id a fraction") << QByteArray(R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})") << -32600 << null;
        QTest::newRow("id a boolean") << QByteArray(R"({"jsonrpc":"2.0","id":true,"method":"ping"})") << -32600 << null;
        QTest::newRow("params an array") << QByteArray(R"({"jsonrpc":"2.0","id":4,"method":"tools/list","params":[]})")
                                         << -32602 << QJsonValue(4);
        QTest::newRow("unknown method") << QByteArray(R"({"jsonrpc":"2.0","id":5,"method":"resources/list"})") << -32601
                                        << QJsonValue(5);
        QTest::newRow("empty batch") << QByteArray("[]") << -32600 << null;
        QTest::newRow("batch in 2025-06-18")
            << QByteArray(R"([{"jsonrpc":"2.0","id":6,"method":"ping"}])") << -32600 << null;
        QTest::newRow("tools/call without name")
            << QByteArray(R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{}})") << -32602 << QJsonValue(7);
        QTest::newRow("tools/call arguments a string")
            << QByteArray(R"({"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"echo","arguments":"x"}})")
            << -32602 << QJsonValue(8);
        QTest::newRow("unknown tool") << QByteArray(
            R"({"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"rm-rf"}})")
                                      << -32602 << QJsonValue(9);
    }

    void protocolErrors()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, code);
        QFETCH(QJsonValue, id);
        Rig rig;
        rig.initialize();
        rig.transport->receive(line);
        QCOMPARE(rig.transport->sent.size(), 1);
        const QJsonObject reply = rig.transport->take().object();
        QCOMPARE(reply.value(QLatin1String("jsonrpc")).toString(), QStringLiteral("2.0"));
        QCOMPARE(errorCode(reply), code);
        QCOMPARE(reply.value(QLatin1String("id")), id);
        QVERIFY(!errorMessage(reply).isEmpty());
        QVERIFY(!reply.contains(QLatin1String("result")));
        // The server goes on.
        QCOMPARE(rig.ask(request(100, QStringLiteral("ping"))).value(QLatin1String("id")).toInt(), 100);
    }

    void unknownToolNamesTheTools()
    {
        Rig rig;
        rig.initialize();
        const QJsonObject reply = rig.ask(callTool(1, QStringLiteral("nope")));
        QCOMPARE(errorCode(reply), -32602);
        QCOMPARE(errorMessage(reply), QStringLiteral("Unknown tool: nope (available: echo, held)"));
    }

    void messageTooLongIsAParseError()
    {
        Rig rig;
        Q_EMIT rig.transport->messageTooLong(5 * 1024 * 1024);
        const QJsonObject reply = rig.transport->take().object();
        QCOMPARE(errorCode(reply), -32700);
        QCOMPARE(reply.value(QLatin1String("id")), QJsonValue(QJsonValue::Null));
    }

    void notificationsAreNotAnswered()
    {
        Rig rig;
        rig.initialize();
        rig.transport->receive(notification(QStringLiteral("notifications/initialized")));
        rig.transport->receive(notification(QStringLiteral("notifications/roots/list_changed")));
        rig.transport->receive(notification(QStringLiteral("tools/list"))); // a request method without an id
        rig.transport->receive(
            notification(QStringLiteral("notifications/cancelled"), { { QStringLiteral("requestId"), 12345 } }));
        rig.transport->receive(QByteArray(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":[1]})"));
        // Responses to requests we never sent are dropped too.
        rig.transport->receive(QByteArray(R"({"jsonrpc":"2.0","id":3,"result":{}})"));
        rig.transport->receive(QByteArray(R"({"jsonrpc":"2.0","id":4,"error":{"code":-1,"message":"x"}})"));
        QCOMPARE(rig.transport->sent, QByteArrayList());
    }

    void listsTools_data()
    {
        QTest::addColumn<bool>("allowChanges");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("read-only") << false << QStringList { "echo", "held" };
        QTest::newRow("--allow-changes") << true << QStringList { "echo", "held", "change" };
    }

    void listsTools()
    {
        QFETCH(bool, allowChanges);
        QFETCH(QStringList, names);
        Rig rig(allowChanges);
        rig.initialize();
        const QJsonObject reply
            = rig.ask(request(1, QStringLiteral("tools/list"), { { QStringLiteral("cursor"), QStringLiteral("x") } }));
        const QJsonObject result = reply.value(QLatin1String("result")).toObject();
        QVERIFY(!result.contains(QLatin1String("nextCursor")));
        QStringList listed;
        for (const QJsonValue& value : result.value(QLatin1String("tools")).toArray()) {
            const QJsonObject tool = value.toObject();
            listed << tool.value(QLatin1String("name")).toString();
            QVERIFY(!tool.value(QLatin1String("title")).toString().isEmpty());
            QVERIFY(!tool.value(QLatin1String("description")).toString().isEmpty());
            const QJsonObject schema = tool.value(QLatin1String("inputSchema")).toObject();
            QCOMPARE(schema.value(QLatin1String("type")).toString(), QStringLiteral("object"));
            QVERIFY(schema.value(QLatin1String("properties")).isObject());
            QCOMPARE(schema.value(QLatin1String("additionalProperties")), QJsonValue(false));
            const QJsonObject hints = tool.value(QLatin1String("annotations")).toObject();
            for (const char* hint : { "readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint" })
                QVERIFY2(hints.value(QLatin1String(hint)).isBool(), hint);
            QCOMPARE(hints.value(QLatin1String("readOnlyHint")).toBool(), listed.last() != QLatin1String("change"));
        }
        QCOMPARE(listed, names);
    }

    void callsATool_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("structured");
        QTest::newRow("2025-06-18") << "2025-06-18" << true;
        QTest::newRow("2025-03-26") << "2025-03-26" << false;
        QTest::newRow("2024-11-05") << "2024-11-05" << false;
    }

    void callsATool()
    {
        QFETCH(QString, version);
        QFETCH(bool, structured);
        Rig rig;
        rig.initialize(version);
        const QJsonObject reply = rig.ask(
            callTool(QStringLiteral("c1"), QStringLiteral("echo"),
                     { { QStringLiteral("message"), QStringLiteral("hello") }, { QStringLiteral("count"), 2.0 } }));
        QCOMPARE(reply.value(QLatin1String("id")).toString(), QStringLiteral("c1"));
        const QJsonObject result = reply.value(QLatin1String("result")).toObject();
        QCOMPARE(result.value(QLatin1String("isError")), QJsonValue(false));
        const QJsonArray content = result.value(QLatin1String("content")).toArray();
        QCOMPARE(content.size(), 1);
        QCOMPARE(content.first().toObject().value(QLatin1String("type")).toString(), QStringLiteral("text"));
        QCOMPARE(text(reply), QStringLiteral("hello"));
        QCOMPARE(result.contains(QLatin1String("structuredContent")), structured);
        if (structured)
            QCOMPARE(
                result.value(QLatin1String("structuredContent")).toObject().value(QLatin1String("message")).toString(),
                QStringLiteral("hello"));
    }

    void invalidArguments_data()
    {
        QTest::addColumn<QJsonObject>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing required") << QJsonObject {} << "missing required argument \"message\"";
        QTest::newRow("wrong type") << QJsonObject { { "message", 5 } }
                                    << "argument \"message\" must be a string, got a number";
        QTest::newRow("not an integer") << QJsonObject { { "message", "m" }, { "count", 1.5 } }
                                        << "argument \"count\" must be an integer, got a number";
        QTest::newRow("integer as a string") << QJsonObject { { "message", "m" }, { "count", "2" } }
                                             << "argument \"count\" must be an integer, got a string";
        QTest::newRow("out of range") << QJsonObject { { "message", "m" }, { "count", 6 } }
                                      << "argument \"count\" must be between 0 and 5, got 6";
        QTest::newRow("boolean") << QJsonObject { { "message", "m" }, { "loud", "yes" } }
                                 << "argument \"loud\" must be a boolean, got a string";
        QTest::newRow("too long") << QJsonObject { { "message", QString(101, QLatin1Char('x')) } }
                                  << "argument \"message\" must have at most 100 characters";
        QTest::newRow("pattern") << QJsonObject { { "message", "m" }, { "namespace", "../kube-system" } }
                                 << "argument \"namespace\" must match";
        QTest::newRow("unknown property")
            << QJsonObject { { "message", "m" }, { "colour", "red" } } << "unknown argument \"colour\"";
    }

    void invalidArguments()
    {
        QFETCH(QJsonObject, arguments);
        QFETCH(QString, message);
        Rig rig;
        rig.initialize();
        const QJsonObject reply = rig.ask(callTool(1, QStringLiteral("echo"), arguments));
        QCOMPARE(errorCode(reply), -32602);
        QVERIFY2(errorMessage(reply).contains(message), qPrintable(errorMessage(reply)));
    }

    void changeRefusedWhenReadOnly()
    {
        Rig rig;
        rig.initialize();
        const QJsonObject reply = rig.ask(callTool(1, QStringLiteral("change")));
        const QJsonObject result = reply.value(QLatin1String("result")).toObject();
        QCOMPARE(result.value(QLatin1String("isError")), QJsonValue(true));
        QVERIFY2(text(reply).contains(QLatin1String("read-only")), qPrintable(text(reply)));
        QVERIFY2(text(reply).contains(QLatin1String("quayside mcp --allow-changes")), qPrintable(text(reply)));
        QCOMPARE(rig.change->calls, 0);
        QCOMPARE(rig.server->callsInFlight(), 0);
    }

    void changeRunsWithAllowChanges()
    {
        Rig rig(true);
        rig.initialize();
        rig.transport->receive(callTool(1, QStringLiteral("change")));
        QCOMPARE(rig.change->calls, 1);
        QCOMPARE(HeldCall::live.size(), 1);
        HeldCall::live.first()->release();
        const QJsonObject reply = rig.transport->take().object();
        QCOMPARE(reply.value(QLatin1String("result")).toObject().value(QLatin1String("isError")), QJsonValue(false));
    }

    void callsRunConcurrently()
    {
        Rig rig;
        rig.initialize();
        rig.transport->receive(
            callTool(1, QStringLiteral("held"), { { QStringLiteral("label"), QStringLiteral("first") } }));
        rig.transport->receive(
            callTool(2, QStringLiteral("held"), { { QStringLiteral("label"), QStringLiteral("second") } }));
        QCOMPARE(rig.server->callsInFlight(), 2);
        QVERIFY(rig.transport->sent.isEmpty());
        // Other requests are answered meanwhile.
        QCOMPARE(rig.ask(request(3, QStringLiteral("ping"))).value(QLatin1String("id")).toInt(), 3);
        // The same id twice while the first is in flight.
        QCOMPARE(errorCode(rig.ask(callTool(1, QStringLiteral("held")))), -32600);
        HeldCall::live.at(1)->release();
        QJsonObject reply = rig.transport->take().object();
        QCOMPARE(reply.value(QLatin1String("id")).toInt(), 2);
        QVERIFY(text(reply).contains(QLatin1String("second")));
        HeldCall::live.at(0)->release();
        reply = rig.transport->take().object();
        QCOMPARE(reply.value(QLatin1String("id")).toInt(), 1);
        QCOMPARE(rig.server->callsInFlight(), 0);
        QTRY_COMPARE(HeldCall::destroyed, 2);
    }

    void cancelEndsACall()
    {
        Rig rig;
        rig.initialize();
        rig.transport->receive(callTool(QStringLiteral("slow"), QStringLiteral("held")));
        QCOMPARE(HeldCall::live.size(), 1);
        const QPointer<HeldCall> job = HeldCall::live.first();
        rig.transport->receive(notification(QStringLiteral("notifications/cancelled"),
                                            { { QStringLiteral("requestId"), QStringLiteral("slow") },
                                              { QStringLiteral("reason"), QStringLiteral("user stopped it") } }));
        QVERIFY(rig.transport->sent.isEmpty());
        QCOMPARE(rig.server->callsInFlight(), 0);
        QTRY_VERIFY(job.isNull());
        // A cancel for an id that is not in flight (answered, or never sent) is ignored.
        rig.transport->receive(notification(QStringLiteral("notifications/cancelled"),
                                            { { QStringLiteral("requestId"), QStringLiteral("slow") } }));
        QVERIFY(rig.transport->sent.isEmpty());
        // The id is free again.
        rig.transport->receive(callTool(QStringLiteral("slow"), QStringLiteral("held")));
        QCOMPARE(rig.server->callsInFlight(), 1);
    }

    void batches()
    {
        Rig rig;
        rig.initialize(QStringLiteral("2025-03-26"));
        rig.transport->receive(
            QJsonDocument(
                QJsonArray {
                    request(1, QStringLiteral("ping")),
                    notification(QStringLiteral("notifications/roots/list_changed")),
                    callTool(2, QStringLiteral("held")),
                    QJsonValue(7),
                    callTool(3, QStringLiteral("echo"), { { QStringLiteral("message"), QStringLiteral("m") } }),
                    request(4, QStringLiteral("initialize"),
                            { { QStringLiteral("protocolVersion"), QStringLiteral("2025-03-26") } }),
                })
                .toJson(QJsonDocument::Compact));
        // Held back until the call in it has finished.
        QVERIFY(rig.transport->sent.isEmpty());
        HeldCall::live.first()->release();
        QCOMPARE(rig.transport->sent.size(), 1);
        const QJsonArray answers = rig.transport->take().array();
        QCOMPARE(answers.size(), 5); // not the notification
        QMap<QString, QJsonObject> byId;
        for (const QJsonValue& answer : answers)
            byId.insert(QString::fromUtf8(QJsonDocument(QJsonArray { answer.toObject().value(QLatin1String("id")) })
                                              .toJson(QJsonDocument::Compact)),
                        answer.toObject());
        QVERIFY(byId.value(QStringLiteral("[1]")).contains(QLatin1String("result")));
        QVERIFY(byId.value(QStringLiteral("[2]")).contains(QLatin1String("result")));
        QCOMPARE(text(byId.value(QStringLiteral("[3]"))), QStringLiteral("m"));
        QCOMPARE(errorCode(byId.value(QStringLiteral("[4]"))), -32600); // initialize cannot be batched
        QCOMPARE(errorCode(byId.value(QStringLiteral("[null]"))), -32600); // the 7

        // Only notifications: nothing at all comes back.
        rig.transport->receive(QJsonDocument(QJsonArray { notification(QStringLiteral("notifications/initialized")) })
                                   .toJson(QJsonDocument::Compact));
        QVERIFY(rig.transport->sent.isEmpty());

        // A cancelled call leaves the batch; the rest is still answered.
        rig.transport->receive(
            QJsonDocument(QJsonArray { callTool(5, QStringLiteral("held")), request(6, QStringLiteral("ping")) })
                .toJson(QJsonDocument::Compact));
        rig.transport->receive(
            notification(QStringLiteral("notifications/cancelled"), { { QStringLiteral("requestId"), 5 } }));
        const QJsonArray rest = rig.transport->take().array();
        QCOMPARE(rest.size(), 1);
        QCOMPARE(rest.first().toObject().value(QLatin1String("id")).toInt(), 6);
    }

    void toolCallsWaitUntilReady()
    {
        Rig rig;
        rig.server->setToolsReady(false);
        rig.initialize();
        rig.transport->receive(
            callTool(1, QStringLiteral("echo"), { { QStringLiteral("message"), QStringLiteral("later") } }));
        QVERIFY(rig.transport->sent.isEmpty());
        QCOMPARE(rig.ask(request(2, QStringLiteral("tools/list"))).value(QLatin1String("id")).toInt(), 2);
        // Cancelled while waiting: never runs.
        rig.transport->receive(callTool(3, QStringLiteral("held")));
        rig.transport->receive(
            notification(QStringLiteral("notifications/cancelled"), { { QStringLiteral("requestId"), 3 } }));
        rig.server->setToolsReady(true);
        const QJsonObject reply = rig.transport->take().object();
        QCOMPARE(reply.value(QLatin1String("id")).toInt(), 1);
        QCOMPARE(text(reply), QStringLiteral("later"));
        QVERIFY(rig.transport->sent.isEmpty());
        QVERIFY(HeldCall::live.isEmpty());
    }

    void resultsAreRedacted()
    {
        const QString secret = QStringLiteral("s3cr\"et-value-42");
        Redactor::instance().registerSecret(secret);
        Rig rig;
        rig.initialize();
        const QJsonObject reply = rig.ask(callTool(
            1, QStringLiteral("echo"), { { QStringLiteral("message"), QStringLiteral("db=%1;").arg(secret) } }));
        Redactor::instance().forgetAll();
        QCOMPARE(text(reply), QStringLiteral("db=***;"));
        const QJsonObject structured
            = reply.value(QLatin1String("result")).toObject().value(QLatin1String("structuredContent")).toObject();
        QCOMPARE(structured.value(QLatin1String("message")).toString(), QStringLiteral("db=***;"));
        QCOMPARE(structured.value(QLatin1String("nested")).toArray().first().toString(), QStringLiteral("db=***;"));
        QVERIFY(!QJsonDocument(reply).toJson().contains("et-value-42"));
    }

    void endOfInputFinishesTheCallsFirst()
    {
        Rig rig;
        rig.initialize();
        QSignalSpy finished(rig.server.get(), &McpServer::finished);
        rig.transport->receive(callTool(1, QStringLiteral("held")));
        rig.transport->close();
        QTest::qWait(0);
        QCOMPARE(finished.size(), 0);
        QVERIFY(!rig.transport->finishing);
        HeldCall::live.first()->release();
        QCOMPARE(rig.transport->take().object().value(QLatin1String("id")).toInt(), 1);
        QVERIFY(rig.transport->finishing);
        QTRY_COMPARE(finished.size(), 1);
    }

    void brokenOutputCancelsEverything()
    {
        Rig rig;
        rig.initialize();
        QSignalSpy finished(rig.server.get(), &McpServer::finished);
        rig.transport->receive(callTool(1, QStringLiteral("held")));
        const QPointer<HeldCall> job = HeldCall::live.first();
        Q_EMIT rig.transport->outputFailed(QStringLiteral("Broken pipe"));
        QCOMPARE(rig.server->callsInFlight(), 0);
        QTRY_VERIFY(job.isNull());
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(rig.transport->sent.isEmpty());
    }
};

QTEST_GUILESS_MAIN(McpServerTest)
#include "McpServerTest.moc"
