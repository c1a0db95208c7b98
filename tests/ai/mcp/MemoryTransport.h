#pragma once

#include "ai/mcp/McpTransport.h"

#include <QByteArrayList>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace quayside::test {

// McpServer's peer in memory: what the server sent, line by line, and the client side's input.
class MemoryTransport final : public mcp::McpTransport
{
    Q_OBJECT
public:
    using McpTransport::McpTransport;

    void start() override { started = true; }
    void send(const QByteArray& message) override
    {
        Q_ASSERT(!message.contains('\n'));
        sent.append(message);
    }
    void finishWriting() override
    {
        finishing = true;
        QTimer::singleShot(0, this, [this] { Q_EMIT drained(); });
    }

    void receive(const QByteArray& line) { Q_EMIT messageReceived(line); }
    void receive(const QJsonObject& message) { receive(QJsonDocument(message).toJson(QJsonDocument::Compact)); }
    void close() { Q_EMIT inputClosed(); }

    // The next line the server sent, parsed (removed from `sent`).
    QJsonDocument take()
    {
        if (sent.isEmpty())
            return {};
        return QJsonDocument::fromJson(sent.takeFirst());
    }

    QByteArrayList sent;
    bool started = false;
    bool finishing = false;
};

} // namespace quayside::test
