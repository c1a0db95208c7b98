#include "kube/StreamReader.h"

#include <QNetworkReply>

namespace quayside::kube {

namespace {
// A Status body after a non-2xx answer is small; anything more is not worth keeping.
constexpr qsizetype kMaxErrorBody = 64 * 1024;
} // namespace

StreamReader::StreamReader(QObject* parent)
    : QObject(parent)
{
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (!m_reply || m_finished)
            return;
        m_idleExpired = true;
        m_reply->abort(); // finished() follows, reported as a timeout
    });
}

StreamReader::~StreamReader()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    } else if (!m_finished && m_canceller) {
        m_canceller();
    }
}

void StreamReader::attach(QNetworkReply* reply, std::chrono::milliseconds idleTimeout,
                          std::function<KubeError(QNetworkReply*)> describeError)
{
    m_reply = reply;
    m_canceller = {};
    m_describeError = std::move(describeError);
    reply->setParent(this);
    reply->setReadBufferSize(kReadBufferSize);
    connect(reply, &QNetworkReply::metaDataChanged, this, &StreamReader::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &StreamReader::drain);
    connect(reply, &QNetworkReply::finished, this, &StreamReader::onNetworkFinished);
    if (idleTimeout.count() > 0) {
        m_idle.setInterval(idleTimeout);
        m_idle.start();
    }
}

void StreamReader::failBeforeStart(const KubeError& error)
{
    QTimer::singleShot(0, this, [this, error] {
        if (!m_aborted)
            finishWith(error);
    });
}

void StreamReader::onMetaData()
{
    if (!m_reply || m_httpStatus != 0)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_httpStatus = status.toInt();
    if (m_httpStatus >= 200 && m_httpStatus < 300 && !m_open) {
        m_open = true;
        Q_EMIT opened();
    }
}

void StreamReader::drain()
{
    if (!m_reply || m_paused || m_finished)
        return;
    if (m_httpStatus == 0)
        onMetaData();
    if (m_idle.interval() > 0)
        m_idle.start();
    // In slices, so a consumer that pauses us mid-way leaves the rest in the reply's bounded buffer
    // instead of receiving it anyway: what crosses a consumer's limit is at most one slice.
    const QPointer<StreamReader> self(this);
    while (m_reply && !m_paused && !m_finished && m_reply->bytesAvailable() > 0) {
        const QByteArray bytes = m_reply->read(kSliceSize);
        if (bytes.isEmpty())
            return;
        m_bytes += bytes.size();
        if (m_httpStatus < 200 || m_httpStatus >= 300) {
            if (m_errorBody.size() < kMaxErrorBody)
                m_errorBody.append(bytes.left(kMaxErrorBody - m_errorBody.size()));
            continue;
        }
        const QList<QByteArray> lines = m_lines.append(bytes);
        if (lines.isEmpty())
            continue;
        Q_EMIT linesReady(lines); // may pause, abort or even delete us
        if (!self)
            return;
    }
}

void StreamReader::setPaused(bool paused)
{
    if (m_paused == paused || m_finished)
        return;
    m_paused = paused;
    if (paused) {
        m_idle.stop();
        return;
    }
    if (m_idle.interval() > 0)
        m_idle.start();
    // Deliver what piled up in the reply's buffer; from the event loop so the consumer that resumed
    // us is not re-entered.
    QTimer::singleShot(0, this, [this] {
        if (m_paused || m_finished)
            return;
        if (m_networkFinished)
            onNetworkFinished();
        else
            drain();
    });
}

void StreamReader::onNetworkFinished()
{
    if (m_finished || m_aborted || !m_reply)
        return;
    if (m_paused) {
        m_networkFinished = true; // finish once the consumer has taken what is buffered
        return;
    }
    const QPointer<StreamReader> self(this);
    while (m_reply && m_reply->bytesAvailable() > 0 && !m_paused) {
        drain();
        if (!self || m_finished)
            return;
    }
    if (m_paused) {
        m_networkFinished = true;
        return;
    }
    // A last line without a newline is part of a stream that ended cleanly (a log whose container
    // wrote no final newline). After a dropped connection it is half a line: never hand that out.
    const bool clean = !m_idleExpired && m_reply->error() == QNetworkReply::NoError;
    if (clean && m_httpStatus >= 200 && m_httpStatus < 300 && m_lines.hasRemainder()) {
        Q_EMIT linesReady({ m_lines.takeRemainder() });
        if (!self || m_finished)
            return;
    }
    m_idle.stop();
    KubeError error;
    if (m_idleExpired) {
        error = KubeError(KubeError::Kind::Timeout,
                          QStringLiteral("no data from the API server for %1 s").arg(m_idle.interval() / 1000));
    } else if (m_httpStatus != 0 && (m_httpStatus < 200 || m_httpStatus >= 300)) {
        error = KubeError::fromStatus(m_httpStatus, m_errorBody);
    } else if (m_reply->error() != QNetworkReply::NoError) {
        error = m_describeError ? m_describeError(m_reply)
                                : KubeError(KubeError::Kind::Unreachable, m_reply->errorString());
    }
    finishWith(error);
}

void StreamReader::finishWith(const KubeError& error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_idle.stop();
    m_error = error;
    Q_EMIT finished();
}

void StreamReader::abort()
{
    if (m_aborted)
        return;
    m_aborted = true;
    m_idle.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    } else if (auto canceller = std::exchange(m_canceller, {})) {
        canceller();
    }
}

} // namespace quayside::kube
