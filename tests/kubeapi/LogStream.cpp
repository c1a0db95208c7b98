#include "LogStream.h"

#include "HttpConnection.h"
#include "LogGenerator.h"

namespace quayside::test {

namespace {

constexpr qint64 maxBuffered = 1024 * 1024;
constexpr qint64 batchBytes = 64 * 1024;

} // namespace

LogStream::LogStream(HttpConnection* connection, const LogGenerator& logs, const Request& request,
                     const Settings* settings, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_logs(logs)
    , m_request(request)
    , m_settings(settings)
    , m_next(request.firstLine)
{
    connect(connection, &HttpConnection::closed, this, &LogStream::close);
    connect(connection, &HttpConnection::bytesWritten, this, [this] {
        if (m_pendingPieces.isEmpty())
            pump();
    });
    connect(&m_follow, &QTimer::timeout, this, &LogStream::pump);
    connect(&m_pieces, &QTimer::timeout, this, &LogStream::writePieces);
}

void LogStream::start()
{
    if (!m_connection || !m_connection->isOpen()) {
        close();
        return;
    }
    m_connection->beginChunked(200, "text/plain");
    if (m_request.follow)
        m_follow.start(std::max(1, m_request.batchMs));
    pump();
}

void LogStream::pump()
{
    if (m_closed || !m_connection || !m_connection->isOpen()) {
        close();
        return;
    }
    if (!m_pendingPieces.isEmpty())
        return;
    const bool gone = !m_logs.has(m_request.key, m_request.instance);
    qint64 available = gone ? m_next : m_logs.lineCount(m_request.key, m_request.instance, m_settings->nowNs());
    if (m_request.endLine >= 0)
        available = std::min(available, m_request.endLine);
    while (m_next < available && m_connection->bytesToWrite() < maxBuffered) {
        QByteArray batch;
        while (m_next < available && batch.size() < batchBytes) {
            QByteArray line;
            if (m_request.timestamps)
                line += LogGenerator::formatRfc3339Nano(m_logs.timestampNs(m_request.key, m_request.instance, m_next))
                            .toLatin1()
                    + ' ';
            line += m_logs.line(m_request.key, m_request.instance, m_next).toUtf8() + '\n';
            ++m_next;
            if (m_settings->linesSent)
                ++*m_settings->linesSent;
            if (m_request.limitBytes >= 0 && m_bytes + batch.size() + line.size() >= m_request.limitBytes) {
                batch += line.left(m_request.limitBytes - m_bytes - batch.size());
                m_bytes = m_request.limitBytes;
                if (!batch.isEmpty())
                    m_connection->writeChunk(batch);
                end();
                return;
            }
            if (m_settings->splitLines) {
                const qsizetype half = std::max<qsizetype>(1, line.size() / 2);
                m_pendingPieces.enqueue(line.left(half));
                m_pendingPieces.enqueue(line.mid(half));
            } else {
                batch += line;
            }
            if (m_settings->splitLines && m_pendingPieces.size() >= 64)
                break;
        }
        m_bytes += batch.size();
        if (!batch.isEmpty())
            m_connection->writeChunk(batch);
        if (!m_pendingPieces.isEmpty()) {
            writePieces();
            m_pieces.start(m_settings->splitDelayMs);
            return;
        }
    }
    if (m_next >= available && (!m_request.follow || gone || m_logs.isStopped(m_request.key, m_request.instance)))
        end();
}

void LogStream::writePieces()
{
    if (!m_connection || !m_connection->isOpen()) {
        close();
        return;
    }
    if (!m_pendingPieces.isEmpty()) {
        const QByteArray piece = m_pendingPieces.dequeue();
        m_bytes += piece.size();
        m_connection->writeChunk(piece);
    }
    if (m_pendingPieces.isEmpty()) {
        m_pieces.stop();
        if (m_endAfterPieces)
            end();
        else
            pump();
    }
}

void LogStream::end()
{
    if (!m_pendingPieces.isEmpty()) {
        m_endAfterPieces = true;
        return;
    }
    if (m_connection && m_connection->isOpen())
        m_connection->endChunked();
    close();
}

void LogStream::stop()
{
    m_pendingPieces.clear();
    end();
}

void LogStream::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_follow.stop();
    m_pieces.stop();
    Q_EMIT finished();
}

} // namespace quayside::test
