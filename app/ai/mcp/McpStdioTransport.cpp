#include "ai/mcp/McpStdioTransport.h"

#include <QSocketNotifier>
#include <QTimer>
#include <QtGlobal>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <unistd.h>
#endif

namespace quayside::mcp {

namespace {

#ifdef Q_OS_UNIX
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr qsizetype kCompactAfter = 1024 * 1024;
#endif

bool isBlank(const QByteArray& line)
{
    return std::all_of(line.cbegin(), line.cend(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

} // namespace

McpStdioTransport::McpStdioTransport(QObject* parent)
    : McpStdioTransport(0, 1, parent)
{ }

McpStdioTransport::McpStdioTransport(int inputFd, int outputFd, QObject* parent)
    : McpTransport(parent)
    , m_inputFd(inputFd)
    , m_outputFd(outputFd)
{ }

McpStdioTransport::~McpStdioTransport() = default;

void McpStdioTransport::start()
{
#ifdef Q_OS_UNIX
    // A client that exits while an answer is on its way must not kill the server: the write fails instead.
    std::signal(SIGPIPE, SIG_IGN);
    m_readNotifier = new QSocketNotifier(m_inputFd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &McpStdioTransport::onReadable);
    m_writeNotifier = new QSocketNotifier(m_outputFd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &McpStdioTransport::writeSome);
#else
    QTimer::singleShot(0, this, &McpStdioTransport::endOfInput);
#endif
}

void McpStdioTransport::onReadable()
{
#ifdef Q_OS_UNIX
    if (m_inputClosed)
        return;
    char buffer[kReadChunk];
    // The notifier said there is data (or EOF), so this read returns at once.
    const ssize_t n = ::read(m_inputFd, buffer, sizeof buffer);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
            return;
        return endOfInput();
    }
    if (n == 0)
        return endOfInput();
    const char* data = buffer;
    qsizetype size = n;
    while (size > 0 && !m_inputClosed) {
        const char* newline = static_cast<const char*>(std::memchr(data, '\n', static_cast<std::size_t>(size)));
        const qsizetype length = newline ? newline - data : size;
        if (m_skipping >= 0) {
            m_skipping += length;
        } else if (m_input.size() + length > m_maxMessageBytes) {
            m_skipping = m_input.size() + length;
            m_input.clear();
            m_input.squeeze();
        } else {
            m_input.append(data, length);
        }
        if (!newline)
            return;
        data = newline + 1;
        size -= length + 1;
        takeLines();
    }
#endif
}

// One complete line is in m_input (or was skipped).
void McpStdioTransport::takeLines()
{
    if (m_skipping >= 0) {
        const qint64 bytes = m_skipping;
        m_skipping = -1;
        Q_EMIT messageTooLong(bytes);
        return;
    }
    QByteArray line;
    line.swap(m_input);
    if (line.endsWith('\r'))
        line.chop(1);
    if (!isBlank(line))
        Q_EMIT messageReceived(line);
}

void McpStdioTransport::endOfInput()
{
    if (m_inputClosed)
        return;
    // A last message without its newline is still a message.
    if (m_skipping >= 0 || !m_input.isEmpty())
        takeLines();
    m_inputClosed = true;
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
    Q_EMIT inputClosed();
}

void McpStdioTransport::send(const QByteArray& message)
{
    if (m_outputFailed)
        return;
    m_output += message;
    m_output += '\n';
    writeSome();
}

void McpStdioTransport::writeSome()
{
#ifdef Q_OS_UNIX
    while (m_written < m_output.size()) {
        pollfd descriptor { m_outputFd, POLLOUT, 0 };
        const int ready = ::poll(&descriptor, 1, 0);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return failOutput(QString::fromLocal8Bit(std::strerror(errno)));
        if (ready == 0) {
            if (m_writeNotifier)
                m_writeNotifier->setEnabled(true);
            return;
        }
        if (descriptor.revents & (POLLERR | POLLNVAL))
            return failOutput(QStringLiteral("the client closed its end of the pipe"));
        const std::size_t chunk
            = std::min<std::size_t>(PIPE_BUF, static_cast<std::size_t>(m_output.size() - m_written));
        const ssize_t n = ::write(m_outputFd, m_output.constData() + m_written, chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                if (m_writeNotifier)
                    m_writeNotifier->setEnabled(true);
                return;
            }
            return failOutput(QString::fromLocal8Bit(std::strerror(errno)));
        }
        m_written += n;
        if (m_written >= kCompactAfter && m_written < m_output.size()) {
            m_output.remove(0, m_written);
            m_written = 0;
        }
    }
#endif
    m_output.clear();
    m_written = 0;
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    if (m_finishing)
        emitDrained();
}

void McpStdioTransport::emitDrained()
{
    if (m_drained)
        return;
    m_drained = true;
    Q_EMIT drained();
}

void McpStdioTransport::failOutput(const QString& reason)
{
    if (m_outputFailed)
        return;
    m_outputFailed = true;
    m_output.clear();
    m_written = 0;
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    Q_EMIT outputFailed(reason);
    if (m_finishing)
        emitDrained();
}

void McpStdioTransport::finishWriting()
{
    m_finishing = true;
    if (m_outputFailed || m_output.isEmpty())
        QTimer::singleShot(0, this, &McpStdioTransport::emitDrained);
}

} // namespace quayside::mcp
