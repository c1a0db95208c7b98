#include "WatchStream.h"

#include "ApiStatus.h"
#include "HttpConnection.h"
#include "ResourceRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace quayside::test {

WatchStream::WatchStream(HttpConnection* connection, const WatchSpec& spec, const Settings* settings, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_spec(spec)
    , m_settings(settings)
{
    connect(connection, &HttpConnection::closed, this, &WatchStream::close);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &WatchStream::finish);
    connect(&m_pieces, &QTimer::timeout, this, &WatchStream::flushPieces);
}

WatchStream::~WatchStream() = default;

bool WatchStream::isOpen() const
{
    return !m_closed && m_connection && m_connection->isOpen();
}

void WatchStream::begin()
{
    if (!isOpen()) {
        close(); // the client left before its watch started
        return;
    }
    m_connection->beginChunked(200, "application/json");
    if (m_spec.timeoutSeconds > 0)
        m_timeout.start(m_spec.timeoutSeconds * 1000);
}

bool WatchStream::matches(const QJsonObject& object) const
{
    const QJsonObject metadata = object.value(QStringLiteral("metadata")).toObject();
    if (!m_spec.ns.isEmpty() && metadata.value(QStringLiteral("namespace")).toString() != m_spec.ns)
        return false;
    return m_spec.labels.matches(metadata.value(QStringLiteral("labels")).toObject()) && m_spec.fields.matches(object);
}

QJsonObject WatchStream::render(const QJsonObject& object) const
{
    if (!m_spec.table)
        return object;
    const QDateTime now = m_settings->clock ? m_settings->clock() : QDateTime::currentDateTimeUtc();
    const QJsonObject listMetadata {
        { QStringLiteral("resourceVersion"),
          object.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("resourceVersion")) }
    };
    // The real server sends the column definitions with the first event only.
    return TableConverter::table(*m_spec.type, { object }, listMetadata, now, m_spec.include, !m_sentColumns);
}

void WatchStream::writeEvent(const QString& type, const QJsonObject& object)
{
    const QJsonObject event { { QStringLiteral("type"), type }, { QStringLiteral("object"), render(object) } };
    m_sentColumns = m_sentColumns || m_spec.table;
    writeLine(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
    if (m_settings->eventsSent)
        ++*m_settings->eventsSent;
}

void WatchStream::writeLine(const QByteArray& line)
{
    if (!isOpen())
        return;
    if (!m_settings->splitLines && m_pendingPieces.isEmpty()) {
        m_connection->writeChunk(line);
        return;
    }
    const qsizetype half = std::max<qsizetype>(1, line.size() / 2);
    m_pendingPieces.enqueue(line.left(half));
    m_pendingPieces.enqueue(line.mid(half));
    if (!m_pieces.isActive()) {
        flushPieces();
        m_pieces.start(m_settings->splitDelayMs);
    }
}

void WatchStream::flushPieces()
{
    if (!isOpen()) {
        m_pieces.stop();
        return;
    }
    if (!m_pendingPieces.isEmpty())
        m_connection->writeChunk(m_pendingPieces.dequeue());
    if (m_pendingPieces.isEmpty()) {
        m_pieces.stop();
        if (m_finishAfterPieces)
            finish();
    }
}

void WatchStream::sendInitial(const QList<QJsonObject>& objects)
{
    for (const QJsonObject& object : objects) {
        if (matches(object))
            writeEvent(QStringLiteral("ADDED"), object);
    }
}

void WatchStream::deliver(const StoredEvent& event)
{
    if (!isOpen() || event.resource != m_spec.type->resource)
        return;
    const bool now = matches(event.object);
    const bool before = !event.previous.isEmpty() && matches(event.previous);
    if (event.type == QLatin1String("ADDED")) {
        if (now)
            writeEvent(QStringLiteral("ADDED"), event.object);
    } else if (event.type == QLatin1String("MODIFIED")) {
        if (now && before)
            writeEvent(QStringLiteral("MODIFIED"), event.object);
        else if (now)
            writeEvent(QStringLiteral("ADDED"), event.object);
        else if (before)
            writeEvent(QStringLiteral("DELETED"), event.object);
    } else if (event.type == QLatin1String("DELETED")) {
        if (before || now)
            writeEvent(QStringLiteral("DELETED"), event.object);
    }
}

void WatchStream::sendBookmark(qint64 resourceVersion, bool initialEventsEnd)
{
    if (!isOpen() || (!m_spec.bookmarks && !initialEventsEnd))
        return;
    QJsonObject metadata { { QStringLiteral("resourceVersion"), QString::number(resourceVersion) },
                           { QStringLiteral("creationTimestamp"), QJsonValue::Null } };
    if (initialEventsEnd) {
        metadata.insert(QStringLiteral("annotations"),
                        QJsonObject { { QStringLiteral("k8s.io/initial-events-end"), QStringLiteral("true") } });
    }
    // A BOOKMARK carries only the resourceVersion, in an object of the watched kind.
    const QJsonObject object { { QStringLiteral("kind"), m_spec.type->kind },
                               { QStringLiteral("apiVersion"), m_spec.type->apiVersion() },
                               { QStringLiteral("metadata"), metadata } };
    const QJsonObject event { { QStringLiteral("type"), QStringLiteral("BOOKMARK") },
                              { QStringLiteral("object"), object } };
    writeLine(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
    if (m_settings->bookmarksSent)
        ++*m_settings->bookmarksSent;
}

void WatchStream::sendErrorAndFinish(const ApiStatus& status)
{
    const QJsonObject event { { QStringLiteral("type"), QStringLiteral("ERROR") },
                              { QStringLiteral("object"), status.toJson() } };
    writeLine(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
    finish();
}

void WatchStream::finish()
{
    if (!m_pendingPieces.isEmpty()) {
        m_finishAfterPieces = true;
        return;
    }
    if (isOpen())
        m_connection->endChunked();
    close();
}

void WatchStream::drop(FakeApiServer::DropMode mode, qint64 resourceVersion)
{
    if (!isOpen()) {
        close();
        return;
    }
    m_pieces.stop();
    m_pendingPieces.clear();
    const QJsonObject object { { QStringLiteral("kind"), m_spec.type->kind },
                               { QStringLiteral("apiVersion"), m_spec.type->apiVersion() },
                               { QStringLiteral("metadata"),
                                 QJsonObject {
                                     { QStringLiteral("resourceVersion"), QString::number(resourceVersion) } } } };
    const QByteArray line = QJsonDocument(QJsonObject { { QStringLiteral("type"), QStringLiteral("BOOKMARK") },
                                                        { QStringLiteral("object"), object } })
                                .toJson(QJsonDocument::Compact)
        + '\n';
    switch (mode) {
    case FakeApiServer::DropMode::BetweenEvents:
        break;
    case FakeApiServer::DropMode::MidChunk:
        m_connection->writeRaw(QByteArray::number(line.size(), 16) + "\r\n" + line.left(line.size() / 2));
        break;
    case FakeApiServer::DropMode::MidLine:
        m_connection->writeChunk(line.left(line.size() / 2));
        break;
    }
    m_connection->abort();
    close();
}

void WatchStream::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_timeout.stop();
    m_pieces.stop();
    Q_EMIT finished();
}

} // namespace quayside::test
