#include "diagnosis/PreviousLogFetcher.h"

#include "kube/ApiResource.h"
#include "kube/KubeClient.h"
#include "kube/LogOptions.h"
#include "kube/StreamReader.h"

#include <QTimer>

namespace quayside::diagnosis {

PreviousLogFetcher::PreviousLogFetcher(kube::KubeClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{ }

PreviousLogFetcher::~PreviousLogFetcher()
{
    abortAll();
}

void PreviousLogFetcher::fetch(const QString& nameSpace, const QString& pod, const QString& container)
{
    const Request request { nameSpace, pod, container };
    if (m_running.contains(request.key()))
        return;
    for (const Request& queued : std::as_const(m_queue)) {
        if (queued.key() == request.key())
            return;
    }
    m_queue.append(request);
    startNext();
}

void PreviousLogFetcher::abortAll()
{
    m_queue.clear();
    const QList<Running> running = m_running.values();
    m_running.clear();
    for (const Running& r : running) {
        if (r.stream) {
            r.stream->disconnect(this);
            r.stream->abort();
            r.stream->deleteLater();
        }
        delete r.guard;
    }
}

void PreviousLogFetcher::startNext()
{
    while (!m_queue.isEmpty() && m_running.size() < kMaxConcurrent) {
        const Request request = m_queue.takeFirst();
        const QString key = request.key();
        if (!m_client) {
            QTimer::singleShot(0, this, [this, request] {
                const QPointer<PreviousLogFetcher> self(this);
                Q_EMIT fetched(request.pod, request.container, {}, QStringLiteral("no connection to the cluster"));
                if (self && m_queue.isEmpty() && m_running.isEmpty())
                    Q_EMIT idle();
            });
            continue;
        }
        kube::LogOptions options;
        options.previous = true;
        options.tailLines = kTailLines;
        options.limitBytes = kMaxBytes;
        kube::KubeRequest http = kube::KubeRequest::get(
            kube::ApiResource::pods().path(request.nameSpace, request.pod, QStringLiteral("log")),
            options.query(request.container));
        http.accept = "*/*";
        http.timeout = kTimeout; // the idle guard; the deadline below bounds the whole read
        Running running;
        running.request = request;
        running.stream = m_client->openStream(http);
        running.guard = new QObject(this);
        auto* deadline = new QTimer(running.guard);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, this, [this, key] {
            finish(key, QStringLiteral("the log did not arrive within %1 s").arg(kTimeout.count() / 1000));
        });
        deadline->start(kTimeout);
        connect(running.stream, &kube::StreamReader::linesReady, this,
                [this, key](const QList<QByteArray>& lines) { onLines(key, lines); });
        connect(running.stream, &kube::StreamReader::finished, this, [this, key] {
            const auto it = m_running.constFind(key);
            if (it == m_running.cend())
                return;
            finish(key, it->stream && it->stream->error().isError() ? it->stream->error().message() : QString());
        });
        m_running.insert(key, running);
    }
}

void PreviousLogFetcher::onLines(const QString& key, const QList<QByteArray>& lines)
{
    auto it = m_running.find(key);
    if (it == m_running.end())
        return;
    for (const QByteArray& raw : lines) {
        it->bytes += raw.size() + 1;
        if (it->bytes > kMaxBytes) {
            // More than asked for (a server ignoring limitBytes): keep what fits and stop reading.
            finish(key, {});
            return;
        }
        QString line = QString::fromUtf8(raw);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        it->lines.append(line);
        if (it->lines.size() > kTailLines)
            it->lines.removeFirst();
    }
}

void PreviousLogFetcher::finish(const QString& key, const QString& error)
{
    const auto it = m_running.find(key);
    if (it == m_running.end())
        return;
    const Running running = *it;
    m_running.erase(it);
    if (running.stream) {
        running.stream->disconnect(this);
        running.stream->abort();
        running.stream->deleteLater();
    }
    running.guard->deleteLater();
    const QPointer<PreviousLogFetcher> self(this);
    Q_EMIT fetched(running.request.pod, running.request.container, error.isEmpty() ? running.lines : QStringList(),
                   error);
    if (!self)
        return;
    startNext();
    if (m_queue.isEmpty() && m_running.isEmpty())
        Q_EMIT idle();
}

} // namespace quayside::diagnosis
