#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace quayside::mcp {

// Where McpServer's messages come from and go to, one JSON-RPC message per line: stdin/stdout
// (McpStdioTransport) or, in tests, memory. A transport knows lines, not JSON.
class McpTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~McpTransport() override = default;

    // Starts reading; messages arrive from the event loop.
    virtual void start() = 0;
    // Queues one message (without its newline) for the peer.
    virtual void send(const QByteArray& message) = 0;
    // Nothing more will be sent: drained() once everything queued has been written (or can never be).
    virtual void finishWriting() = 0;

Q_SIGNALS:
    void messageReceived(const QByteArray& message);
    // A line longer than the transport's bound was dropped without being kept in memory.
    void messageTooLong(qint64 bytes);
    // End of input (the client closed its end).
    void inputClosed();
    // The peer cannot read any more (a broken pipe): nothing sent from now on arrives.
    void outputFailed(const QString& reason);
    void drained();
};

} // namespace quayside::mcp
