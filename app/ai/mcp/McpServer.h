#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>

namespace quayside::mcp {

class McpToolbox;
class McpTool;
class McpToolCall;
class McpTransport;
struct McpToolResult;

// The Model Context Protocol, server side (https://modelcontextprotocol.io/specification/2025-06-18;
// 2025-03-26 and 2024-11-05 are spoken too): the lifecycle (initialize with version negotiation, ping),
// tools/list and tools/call over any McpTransport, with JSON-RPC 2.0's errors.
//
// - Before initialize, only initialize and ping are served (others: ServerNotInitialized, -32002).
// - Notifications (no id) are never answered; notifications/cancelled ends that call, which then gets
//   no answer either.
// - tools/call runs asynchronously; several calls may be in flight and answers go out as they finish.
//   Until setToolsReady(true) calls wait (the Redactor is being primed), other requests are answered.
// - Every tool result passes McpToolResult::redacted() on its way out.
// - Batches (a JSON array): answered as JSON-RPC 2.0 says (one array of the answers, once every call
//   in it has finished) for clients that negotiated 2024-11-05 or 2025-03-26, whose spec has them;
//   2025-06-18 removed them, so there (and before initialize) a batch is one InvalidRequest error.
// - After the input ends, the calls in flight finish and are answered, then finished() is emitted once
//   everything is written. When the output breaks, calls are cancelled and finished() follows at once.
class McpServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool allowChanges = false; // offer (and run) the tools that change the cluster
        QString version; // serverInfo.version
        QString instructions; // InitializeResult.instructions
    };

    // Newest first.
    static QStringList supportedProtocolVersions();
    // The requested version when we speak it, else our newest (the client then decides whether to go on).
    static QString negotiate(const QString& requested);

    McpServer(McpTransport* transport, McpToolbox* toolbox, Options options, QObject* parent = nullptr);
    ~McpServer() override;

    void start();
    void setToolsReady(bool ready);

    bool isInitialized() const { return m_initialized; }
    QString protocolVersion() const { return m_protocolVersion; }
    int callsInFlight() const { return static_cast<int>(m_calls.size()); }

Q_SIGNALS:
    void finished();

private:
    struct Batch
    {
        QJsonArray responses;
        int calls = 0; // tool calls of the batch not answered yet
        bool assembled = false; // every element has been read
        bool sent = false;
    };
    using BatchPtr = std::shared_ptr<Batch>;
    struct Call
    {
        QJsonValue id;
        BatchPtr batch;
        McpTool* tool = nullptr;
        QJsonObject arguments;
        QPointer<McpToolCall> job;
    };

    void onMessage(const QByteArray& line);
    void onInputClosed();
    void onOutputFailed(const QString& reason);
    void handle(const QJsonValue& message, const BatchPtr& batch);
    void dispatch(const QString& method, const QJsonValue& id, const QJsonObject& params, const BatchPtr& batch);
    void notification(const QString& method, const QJsonObject& params);
    QJsonObject initialize(const QJsonValue& id, const QJsonObject& params);
    void callTool(const QJsonValue& id, const QJsonObject& params, const BatchPtr& batch);
    void startCall(const QString& key);
    void finishCall(const QString& key, const McpToolResult& result);
    void cancel(const QJsonValue& requestId);
    void respond(const BatchPtr& batch, const QJsonObject& response);
    void sendBatchIfComplete(const BatchPtr& batch);
    void send(const QJsonValue& message);
    void finishIfIdle();

    McpTransport* m_transport;
    McpToolbox* m_toolbox;
    Options m_options;
    QString m_protocolVersion;
    bool m_initialized = false;
    bool m_toolsReady = true;
    bool m_inputClosed = false;
    bool m_outputFailed = false;
    bool m_finishing = false;
    bool m_finished = false;
    QHash<QString, Call> m_calls; // JsonRpc::idKey -> call in flight (or waiting for setToolsReady)
    QList<QString> m_waiting; // keys of calls waiting for setToolsReady(true), in arrival order
};

} // namespace quayside::mcp
