#include "ai/mcp/McpServer.h"

#include "ai/mcp/ArgumentValidator.h"
#include "ai/mcp/JsonRpc.h"
#include "ai/mcp/JsonType.h"
#include "ai/mcp/McpTool.h"
#include "ai/mcp/McpToolCall.h"
#include "ai/mcp/McpToolResult.h"
#include "ai/mcp/McpToolbox.h"
#include "ai/mcp/McpTransport.h"
#include "core/Log.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <utility>

namespace quayside::mcp {

namespace {

const QString kLatest = QStringLiteral("2025-06-18");

// Valid JSON that QJsonDocument refuses because it is not an object or an array (`1`, `"x"`, `null`).
bool isJsonScalar(const QByteArray& line)
{
    QJsonParseError error;
    QJsonDocument::fromJson(QByteArray("[") + line + QByteArray("]"), &error);
    return error.error == QJsonParseError::NoError;
}

} // namespace

QStringList McpServer::supportedProtocolVersions()
{
    return { kLatest, QStringLiteral("2025-03-26"), QStringLiteral("2024-11-05") };
}

QString McpServer::negotiate(const QString& requested)
{
    return supportedProtocolVersions().contains(requested) ? requested : kLatest;
}

McpServer::McpServer(McpTransport* transport, McpToolbox* toolbox, Options options, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_toolbox(toolbox)
    , m_options(std::move(options))
{
    connect(m_transport, &McpTransport::messageReceived, this, &McpServer::onMessage);
    connect(m_transport, &McpTransport::messageTooLong, this, [this](qint64 bytes) {
        spdlog::warn("mcp: dropped a message of {} bytes", bytes);
        send(JsonRpc::error(
            QJsonValue::Null, JsonRpc::ParseError,
            QStringLiteral("Parse error: a message of %1 bytes is longer than this server accepts").arg(bytes)));
    });
    connect(m_transport, &McpTransport::inputClosed, this, &McpServer::onInputClosed);
    connect(m_transport, &McpTransport::outputFailed, this, &McpServer::onOutputFailed);
    connect(m_transport, &McpTransport::drained, this, [this] {
        if (m_finishing && !m_finished) {
            m_finished = true;
            Q_EMIT finished();
        }
    });
}

// Calls still running are children: deleting them aborts their requests.
McpServer::~McpServer() = default;

void McpServer::start()
{
    m_transport->start();
}

void McpServer::setToolsReady(bool ready)
{
    m_toolsReady = ready;
    if (!ready)
        return;
    const QList<QString> waiting = std::exchange(m_waiting, {});
    for (const QString& key : waiting) {
        if (m_calls.contains(key))
            startCall(key);
    }
}

void McpServer::send(const QJsonValue& message)
{
    if (m_outputFailed)
        return;
    m_transport->send(JsonRpc::serialize(message));
}

void McpServer::respond(const BatchPtr& batch, const QJsonObject& response)
{
    if (!batch)
        return send(response);
    batch->responses.append(response);
}

void McpServer::sendBatchIfComplete(const BatchPtr& batch)
{
    if (!batch || !batch->assembled || batch->calls > 0 || batch->sent)
        return;
    batch->sent = true;
    // A batch of notifications only is answered with nothing at all (JSON-RPC 2.0 §6).
    if (!batch->responses.isEmpty())
        send(batch->responses);
}

void McpServer::onMessage(const QByteArray& line)
{
    if (m_outputFailed)
        return;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError) {
        if (isJsonScalar(line))
            return send(JsonRpc::error(QJsonValue::Null, JsonRpc::InvalidRequest,
                                       QStringLiteral("Invalid Request: a message is a JSON object")));
        return send(
            JsonRpc::error(QJsonValue::Null, JsonRpc::ParseError,
                           QStringLiteral("Parse error: %1 at offset %2").arg(error.errorString()).arg(error.offset)));
    }
    if (document.isObject())
        return handle(document.object(), nullptr);
    const QJsonArray batch = document.array();
    if (batch.isEmpty())
        return send(JsonRpc::error(QJsonValue::Null, JsonRpc::InvalidRequest,
                                   QStringLiteral("Invalid Request: an empty batch")));
    if (!m_initialized || m_protocolVersion == kLatest)
        return send(
            JsonRpc::error(QJsonValue::Null, JsonRpc::InvalidRequest,
                           QStringLiteral("Invalid Request: MCP %1 has no JSON-RPC batches; send one message per line")
                               .arg(m_initialized ? m_protocolVersion : kLatest)));
    auto state = std::make_shared<Batch>();
    for (const QJsonValue& element : batch)
        handle(element, state);
    state->assembled = true;
    sendBatchIfComplete(state);
}

void McpServer::handle(const QJsonValue& message, const BatchPtr& batch)
{
    if (!message.isObject())
        return respond(batch,
                       JsonRpc::error(QJsonValue::Null, JsonRpc::InvalidRequest,
                                      QStringLiteral("Invalid Request: a message is a JSON object, not %1")
                                          .arg(JsonType::describe(message))));
    const QJsonObject object = message.toObject();
    const QJsonValue id = object.value(QLatin1String("id"));
    const QJsonValue replyId = JsonRpc::isValidId(id) ? id : QJsonValue(QJsonValue::Null);
    if (object.value(QLatin1String("jsonrpc")) != QJsonValue(QStringLiteral("2.0")))
        return respond(batch,
                       JsonRpc::error(replyId, JsonRpc::InvalidRequest,
                                      QStringLiteral("Invalid Request: \"jsonrpc\" must be \"2.0\"")));
    if (!object.contains(QLatin1String("method"))) {
        // A response to a request of ours: this server sends none, so there is nothing to match it with.
        if (object.contains(QLatin1String("result")) || object.contains(QLatin1String("error")))
            return;
        return respond(
            batch, JsonRpc::error(replyId, JsonRpc::InvalidRequest, QStringLiteral("Invalid Request: no \"method\"")));
    }
    const QJsonValue method = object.value(QLatin1String("method"));
    if (!method.isString())
        return respond(batch,
                       JsonRpc::error(replyId, JsonRpc::InvalidRequest,
                                      QStringLiteral("Invalid Request: \"method\" must be a string, not %1")
                                          .arg(JsonType::describe(method))));
    const QJsonValue params = object.value(QLatin1String("params"));
    if (!object.contains(QLatin1String("id"))) {
        if (params.isUndefined() || params.isObject())
            notification(method.toString(), params.toObject());
        return;
    }
    if (!JsonRpc::isValidId(id))
        return respond(batch,
                       JsonRpc::error(QJsonValue::Null, JsonRpc::InvalidRequest,
                                      QStringLiteral("Invalid Request: \"id\" must be a string or an integer, "
                                                     "not %1")
                                          .arg(JsonType::describe(id))));
    if (!params.isUndefined() && !params.isObject())
        return respond(batch,
                       JsonRpc::error(id, JsonRpc::InvalidParams,
                                      QStringLiteral("Invalid params: \"params\" must be an object, not %1")
                                          .arg(JsonType::describe(params))));
    dispatch(method.toString(), id, params.toObject(), batch);
}

void McpServer::dispatch(const QString& method, const QJsonValue& id, const QJsonObject& params, const BatchPtr& batch)
{
    spdlog::debug("mcp: {}", log::str(method));
    if (method == QLatin1String("ping"))
        return respond(batch, JsonRpc::result(id, QJsonObject()));
    if (method == QLatin1String("initialize")) {
        if (batch)
            return respond(batch,
                           JsonRpc::error(id, JsonRpc::InvalidRequest,
                                          QStringLiteral("Invalid Request: initialize cannot be part of a batch")));
        return respond(batch, initialize(id, params));
    }
    const bool known = method == QLatin1String("tools/list") || method == QLatin1String("tools/call");
    if (!known)
        return respond(
            batch,
            JsonRpc::error(id, JsonRpc::MethodNotFound,
                           QStringLiteral("Method not found: %1 (this server offers tools only)").arg(method)));
    if (!m_initialized)
        return respond(batch,
                       JsonRpc::error(id, JsonRpc::ServerNotInitialized,
                                      QStringLiteral("Server not initialized: send initialize first")));
    if (method == QLatin1String("tools/list")) {
        // No pagination: params.cursor, if any, is ignored.
        return respond(
            batch,
            JsonRpc::result(id,
                            QJsonObject { { QStringLiteral("tools"), m_toolbox->describe(m_options.allowChanges) } }));
    }
    callTool(id, params, batch);
}

QJsonObject McpServer::initialize(const QJsonValue& id, const QJsonObject& params)
{
    if (m_initialized)
        return JsonRpc::error(id, JsonRpc::InvalidRequest, QStringLiteral("Invalid Request: already initialized"));
    const QJsonValue requested = params.value(QLatin1String("protocolVersion"));
    if (!requested.isString())
        return JsonRpc::error(id, JsonRpc::InvalidParams,
                              QStringLiteral("Invalid params: initialize needs \"protocolVersion\" (a string such as "
                                             "\"%1\")")
                                  .arg(kLatest));
    for (const char* field : { "capabilities", "clientInfo" }) {
        const QJsonValue value = params.value(QLatin1String(field));
        if (!value.isUndefined() && !value.isObject())
            return JsonRpc::error(id, JsonRpc::InvalidParams,
                                  QStringLiteral("Invalid params: \"%1\" must be an object").arg(QLatin1String(field)));
    }
    m_protocolVersion = negotiate(requested.toString());
    m_initialized = true;
    const QJsonObject client = params.value(QLatin1String("clientInfo")).toObject();
    spdlog::info("mcp: {} {} connected, protocol {} (asked for {})",
                 log::str(client.value(QLatin1String("name")).toString(QStringLiteral("a client"))),
                 log::str(client.value(QLatin1String("version")).toString()), log::str(m_protocolVersion),
                 log::str(requested.toString()));
    return JsonRpc::result(
        id,
        QJsonObject {
            { QStringLiteral("protocolVersion"), m_protocolVersion },
            { QStringLiteral("capabilities"),
              QJsonObject { { QStringLiteral("tools"), QJsonObject { { QStringLiteral("listChanged"), false } } } } },
            { QStringLiteral("serverInfo"),
              QJsonObject { { QStringLiteral("name"), QStringLiteral("quayside") },
                            { QStringLiteral("title"), QStringLiteral("Quayside") },
                            { QStringLiteral("version"), m_options.version } } },
            { QStringLiteral("instructions"), m_options.instructions },
        });
}

void McpServer::notification(const QString& method, const QJsonObject& params)
{
    if (method == QLatin1String("notifications/initialized")) {
        spdlog::debug("mcp: the client is ready");
    } else if (method == QLatin1String("notifications/cancelled")) {
        cancel(params.value(QLatin1String("requestId")));
    } else {
        spdlog::debug("mcp: notification {} ignored", log::str(method));
    }
}

void McpServer::callTool(const QJsonValue& id, const QJsonObject& params, const BatchPtr& batch)
{
    const QString key = JsonRpc::idKey(id);
    if (m_calls.contains(key))
        return respond(batch,
                       JsonRpc::error(id, JsonRpc::InvalidRequest,
                                      QStringLiteral("Invalid Request: id %1 belongs to a call still in "
                                                     "progress")
                                          .arg(QString::fromUtf8(JsonRpc::serialize(QJsonArray { id })))));
    const QJsonValue name = params.value(QLatin1String("name"));
    if (!name.isString())
        return respond(batch,
                       JsonRpc::error(id, JsonRpc::InvalidParams,
                                      QStringLiteral("Invalid params: tools/call needs \"name\" (a string)")));
    const QJsonValue arguments = params.value(QLatin1String("arguments"));
    if (!arguments.isUndefined() && !arguments.isNull() && !arguments.isObject())
        return respond(batch,
                       JsonRpc::error(id, JsonRpc::InvalidParams,
                                      QStringLiteral("Invalid params: \"arguments\" must be an object, not %1")
                                          .arg(JsonType::describe(arguments))));
    McpTool* tool = m_toolbox->find(name.toString());
    if (!tool)
        return respond(batch,
                       JsonRpc::error(id, JsonRpc::InvalidParams,
                                      QStringLiteral("Unknown tool: %1 (available: %2)")
                                          .arg(name.toString(),
                                               m_toolbox->names(m_options.allowChanges).join(QStringLiteral(", ")))));
    if (tool->changesCluster() && !m_options.allowChanges) {
        spdlog::warn("mcp: refused {}: the server is read-only", log::str(tool->name()));
        const McpToolResult refusal = McpToolResult::failure(
            QStringLiteral("Quayside was started read-only, so the %1 tool is not available and nothing was sent to "
                           "the cluster. To let an assistant scale and restart Deployments, start the server as "
                           "`quayside mcp --allow-changes`; until then, run `quayside %1` yourself.")
                .arg(tool->name()));
        return respond(batch, JsonRpc::result(id, refusal.toJson(false)));
    }
    const QJsonObject args = arguments.toObject();
    QString problem = ArgumentValidator::check(tool->inputSchema(), args);
    if (problem.isEmpty())
        problem = tool->checkArguments(args);
    if (!problem.isEmpty())
        return respond(batch,
                       JsonRpc::error(id, JsonRpc::InvalidParams,
                                      QStringLiteral("Invalid params for tool %1: %2").arg(tool->name(), problem)));
    m_calls.insert(key, Call { id, batch, tool, args, {} });
    if (batch)
        ++batch->calls;
    if (m_toolsReady)
        startCall(key);
    else
        m_waiting.append(key);
}

void McpServer::startCall(const QString& key)
{
    Call& call = m_calls[key];
    McpToolCall* job = call.tool->call(call.arguments);
    if (!job)
        return finishCall(key, McpToolResult::failure(QStringLiteral("The tool could not be started.")));
    job->setParent(this);
    call.job = job;
    connect(job, &McpToolCall::finished, this, [this, key, job](const McpToolResult& result) {
        const auto it = m_calls.constFind(key);
        if (it == m_calls.cend() || it->job != job)
            return;
        finishCall(key, result);
    });
    job->start();
}

void McpServer::finishCall(const QString& key, const McpToolResult& result)
{
    const Call call = m_calls.take(key);
    if (call.job) {
        call.job->disconnect(this);
        // Not deleted at once: finished() may be on its way out of the job's own code.
        call.job->deleteLater();
    }
    const bool structured = m_protocolVersion == kLatest;
    respond(call.batch, JsonRpc::result(call.id, result.redacted().toJson(structured)));
    if (call.batch) {
        --call.batch->calls;
        sendBatchIfComplete(call.batch);
    }
    finishIfIdle();
}

void McpServer::cancel(const QJsonValue& requestId)
{
    if (!JsonRpc::isValidId(requestId))
        return;
    const QString key = JsonRpc::idKey(requestId);
    if (!m_calls.contains(key))
        return; // already answered, or never sent: the spec says to ignore it
    const Call call = m_calls.take(key);
    m_waiting.removeAll(key);
    spdlog::info("mcp: call {} ({}) cancelled", log::str(key.mid(1)), log::str(call.tool->name()));
    if (call.job) {
        call.job->disconnect(this);
        call.job->deleteLater(); // its destructor aborts its requests
    }
    if (call.batch) {
        --call.batch->calls;
        sendBatchIfComplete(call.batch);
    }
    finishIfIdle();
}

void McpServer::onInputClosed()
{
    m_inputClosed = true;
    finishIfIdle();
}

void McpServer::onOutputFailed(const QString& reason)
{
    spdlog::warn("mcp: the client stopped reading ({}); cancelling {} call(s)", log::str(reason), m_calls.size());
    m_outputFailed = true;
    for (const Call& call : std::as_const(m_calls)) {
        if (call.job) {
            call.job->disconnect(this);
            call.job->deleteLater();
        }
    }
    m_calls.clear();
    m_waiting.clear();
    m_inputClosed = true;
    finishIfIdle();
}

void McpServer::finishIfIdle()
{
    if (!m_inputClosed || !m_calls.isEmpty() || m_finishing)
        return;
    m_finishing = true;
    m_transport->finishWriting();
}

} // namespace quayside::mcp
