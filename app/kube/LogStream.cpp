#include "kube/LogStream.h"

#include "kube/ApiResource.h"
#include "kube/KubeClient.h"
#include "kube/StreamReader.h"

namespace quayside::kube {

LogStream::LogStream(KubeClient* client, QString nameSpace, QString pod, QString container, LogOptions options,
                     QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_nameSpace(std::move(nameSpace))
    , m_pod(std::move(pod))
    , m_container(std::move(container))
    , m_options(std::move(options))
{ }

LogStream::~LogStream()
{
    stop();
}

void LogStream::start()
{
    if (m_stream || m_finished)
        return;
    KubeRequest request = KubeRequest::get(ApiResource::pods().path(m_nameSpace, m_pod, QStringLiteral("log")),
                                           m_options.query(m_container));
    request.accept = "*/*";
    // A followed container may be silent for hours: no idle guard. A plain read of the log is data
    // the kubelet already has; a minute without a byte means the connection is gone.
    request.timeout = m_options.follow ? std::chrono::milliseconds(0) : std::chrono::milliseconds(60'000);
    m_stream = m_client->openStream(request);
    connect(m_stream, &StreamReader::linesReady, this, &LogStream::onLines);
    connect(m_stream, &StreamReader::finished, this, [this] {
        m_error = m_stream->error();
        m_finished = true;
        m_stream->deleteLater();
        m_stream = nullptr;
        Q_EMIT finished();
    });
}

void LogStream::stop()
{
    if (!m_stream)
        return;
    StreamReader* stream = m_stream;
    m_stream = nullptr;
    stream->disconnect(this);
    stream->abort();
    stream->deleteLater();
    m_finished = true;
}

bool LogStream::isPaused() const
{
    return m_stream && m_stream->isPaused();
}

void LogStream::onLines(const QList<QByteArray>& lines)
{
    for (const QByteArray& line : lines)
        m_queue.push_back(line);
    if (m_stream && static_cast<int>(m_queue.size()) >= m_capacity)
        m_stream->setPaused(true);
    Q_EMIT readyRead();
}

QList<QByteArray> LogStream::read(int maxLines)
{
    QList<QByteArray> lines;
    const int count = std::min(maxLines, static_cast<int>(m_queue.size()));
    lines.reserve(count);
    for (int i = 0; i < count; ++i) {
        lines.append(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    if (m_stream && m_stream->isPaused() && static_cast<int>(m_queue.size()) <= m_capacity / 2)
        m_stream->setPaused(false);
    return lines;
}

} // namespace quayside::kube
