#pragma once

#include "ai/mcp/McpTransport.h"

#include <QByteArray>

class QSocketNotifier;

namespace quayside::mcp {

// MCP's stdio transport (spec "Transports"): newline-delimited UTF-8 messages on stdin and stdout.
//
// Reading: a QSocketNotifier on the input descriptor and one read() per notification, so the event
// loop never waits on the client (no O_NONBLOCK either: the descriptor may be a terminal shared with the
// shell, which would be left non-blocking). A line is bounded (kMaxMessageBytes): the rest of an over-long
// line is skipped as it arrives and reported as messageTooLong(), so a client cannot make us grow.
//
// Writing: queued, and written in pieces of at most PIPE_BUF bytes while poll() says the descriptor is
// writable (a pipe then takes that much without blocking), the rest when a write notifier fires. A client
// that stops reading therefore stalls only its own answers. SIGPIPE is ignored (a client that exits early
// must not kill us): a write to a closed pipe becomes outputFailed().
//
// POSIX only; on other systems start() reports inputClosed() at once.
class McpStdioTransport final : public McpTransport
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxMessageBytes = 4 * 1024 * 1024;

    explicit McpStdioTransport(QObject* parent = nullptr);
    // For tests: other descriptors than 0 and 1 (not closed here).
    McpStdioTransport(int inputFd, int outputFd, QObject* parent = nullptr);
    ~McpStdioTransport() override;

    void setMaxMessageBytes(qint64 bytes) { m_maxMessageBytes = bytes; }

    void start() override;
    void send(const QByteArray& message) override;
    void finishWriting() override;

private:
    void onReadable();
    void takeLines();
    void endOfInput();
    void writeSome();
    void failOutput(const QString& reason);
    void emitDrained();

    int m_inputFd;
    int m_outputFd;
    qint64 m_maxMessageBytes = kMaxMessageBytes;
    QSocketNotifier* m_readNotifier = nullptr;
    QSocketNotifier* m_writeNotifier = nullptr;
    QByteArray m_input;
    qint64 m_skipping = -1; // >= 0: bytes of an over-long line dropped so far
    QByteArray m_output;
    qsizetype m_written = 0; // of m_output
    bool m_inputClosed = false;
    bool m_outputFailed = false;
    bool m_finishing = false;
    bool m_drained = false;
};

} // namespace quayside::mcp
