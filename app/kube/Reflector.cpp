#include "kube/Reflector.h"

#include "core/Log.h"
#include "kube/JsonScanner.h"
#include "kube/KubeClient.h"
#include "kube/KubeReply.h"
#include "kube/StreamReader.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace quayside::kube {

Reflector::Reflector(KubeClient* client, ApiResource resource, Options options, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_resource(std::move(resource))
    , m_options(std::move(options))
    , m_clock(m_options.clock ? m_options.clock : &Clock::instance())
    , m_backoff(m_options.backoff, m_clock, m_options.random)
    , m_state(new ConnectionState(this))
{
    if (!m_options.random)
        m_options.random = Backoff::defaultRandom();
    m_retryTimer.setSingleShot(true);
}

Reflector::~Reflector()
{
    stop();
}

bool Reflector::parseList(const QByteArray& body, QString* version, QList<RawObject>* items) const
{
    // Lists leave kind/apiVersion off their items; put them in so stored objects look like watched ones.
    const QString apiVersion
        = m_resource.group.isEmpty() ? m_resource.version : m_resource.group + QLatin1Char('/') + m_resource.version;
    const QByteArray typeMeta = QByteArrayLiteral("{\"kind\":\"") + m_resource.kind.toUtf8()
        + QByteArrayLiteral("\",\"apiVersion\":\"") + apiVersion.toUtf8() + QByteArrayLiteral("\"");
    QList<JsonScanner::ListItem> scanned;
    if (JsonScanner::scanList(body, version, &scanned)) {
        items->reserve(scanned.size());
        for (const JsonScanner::ListItem& item : std::as_const(scanned)) {
            RawObject raw;
            raw.meta = item.meta;
            if (item.hasKind) {
                raw.json = body.mid(item.begin, item.end - item.begin);
            } else {
                // "{...}" becomes "{"kind":..,"apiVersion":.., ...}" (or "{"kind":..,"apiVersion":..}").
                const QByteArray rest = body.mid(item.begin + 1, item.end - item.begin - 1);
                raw.json = typeMeta + (rest.trimmed() == "}" ? rest : QByteArrayLiteral(",") + rest);
            }
            items->append(std::move(raw));
        }
        return true;
    }
    QJsonParseError parseError {};
    const QJsonObject root = QJsonDocument::fromJson(body, &parseError).object();
    if (parseError.error != QJsonParseError::NoError || !root.value(QLatin1String("items")).isArray())
        return false;
    *version = root.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString();
    for (const QJsonValue& value : root.value(QLatin1String("items")).toArray()) {
        QJsonObject item = value.toObject();
        if (!item.contains(QLatin1String("kind"))) {
            item.insert(QStringLiteral("kind"), m_resource.kind);
            item.insert(QStringLiteral("apiVersion"), apiVersion);
        }
        items->append(RawObject::fromObject(item));
    }
    return true;
}

bool Reflector::isWatching() const
{
    return !m_stream.isNull();
}

void Reflector::start()
{
    if (m_running)
        return;
    m_running = true;
    m_state->set(ConnectionState::Status::Connecting);
    list();
}

void Reflector::stop()
{
    m_running = false;
    m_retryTimer.stop();
    m_retryTimer.disconnect(this);
    if (m_listReply)
        m_listReply->abort();
    m_listReply = nullptr;
    closeStream();
}

void Reflector::relist()
{
    if (!m_running)
        return;
    m_retryTimer.stop();
    m_retryTimer.disconnect(this);
    if (m_listReply)
        m_listReply->abort(); // finished() is not emitted after abort()
    m_listReply = nullptr;
    closeStream();
    // A countdown to a retry that is not going to happen would be a lie; a connected reflector stays
    // connected (its store is still good while the list is out) so the header does not flicker.
    if (!m_state->isConnected())
        m_state->set(ConnectionState::Status::Connecting);
    // The same flag as after a 410: the list asks for a consistent read, and so do its retries until
    // one succeeds, so the user's refresh is never answered from a stale watch cache.
    m_resourceVersionUnavailable = true;
    list();
}

void Reflector::closeStream()
{
    if (!m_stream)
        return;
    StreamReader* stream = m_stream;
    m_stream = nullptr;
    stream->disconnect(this);
    stream->abort();
    stream->deleteLater();
}

QString Reflector::relistResourceVersion() const
{
    // client-go's relistResourceVersion(): "" after a 410 (a consistent read), "0" before the first
    // sync (any version, from the watch cache), otherwise the last version we saw.
    if (m_resourceVersionUnavailable)
        return QString(QLatin1String(""));
    if (m_lastSyncResourceVersion.isEmpty())
        return QStringLiteral("0");
    return m_lastSyncResourceVersion;
}

QUrlQuery Reflector::baseQuery() const
{
    QUrlQuery query;
    if (!m_options.labelSelector.isEmpty())
        query.addQueryItem(QStringLiteral("labelSelector"), m_options.labelSelector);
    if (!m_options.fieldSelector.isEmpty())
        query.addQueryItem(QStringLiteral("fieldSelector"), m_options.fieldSelector);
    return query;
}

void Reflector::list()
{
    if (!m_running)
        return;
    const QString version = relistResourceVersion();
    QUrlQuery query = baseQuery();
    // Always sent, even when empty: "resourceVersion=" is what asks for the consistent read.
    query.addQueryItem(QStringLiteral("resourceVersion"), version);
    KubeRequest request = KubeRequest::get(m_resource.path(m_options.nameSpace), query);
    // A list of thousands of pods can take a while on a loaded server; still bounded.
    request.timeout = std::chrono::seconds(60);
    KubeReply* reply = m_client->send(request);
    m_listReply = reply;
    connect(reply, &KubeReply::finished, this, [this, reply, version] { onListFinished(reply, version); });
}

void Reflector::onListFinished(KubeReply* reply, const QString& requestedVersion)
{
    m_listReply = nullptr;
    if (!m_running)
        return;
    if (!reply->ok()) {
        const KubeError& error = reply->error();
        if (error.isExpired() && !requestedVersion.isEmpty()) {
            // The version we listed from is compacted away: list again at once, consistently.
            spdlog::info("list of {} at resourceVersion {} expired; relisting", log::str(m_resource.plural),
                         log::str(requestedVersion));
            m_resourceVersionUnavailable = true;
            list();
            return;
        }
        retryLater(Next::Relist, error);
        return;
    }
    QString version;
    QList<RawObject> items;
    if (!parseList(reply->body(), &version, &items)) {
        retryLater(Next::Relist,
                   KubeError(KubeError::Kind::Protocol,
                             QStringLiteral("the list of %1 is not a JSON list").arg(m_resource.plural)));
        return;
    }
    m_resourceVersionUnavailable = false;
    m_lastSyncResourceVersion = version;
    // The server answered with the whole picture: connected, even before the watch's headers arrive.
    m_state->set(ConnectionState::Status::Connected);
    const QPointer<Reflector> self(this);
    Q_EMIT listed(items, version);
    if (!self || !m_running)
        return;
    watch();
}

void Reflector::watch()
{
    if (!m_running)
        return;
    closeStream();
    // client-go: timeoutSeconds = minWatchTimeout * (1 + rand), so watches across clients and
    // resources do not all end together.
    const double factor = 1.0 + std::clamp(m_options.random(), 0.0, 0.999999);
    const auto timeoutSeconds
        = static_cast<qint64>(std::floor(static_cast<double>(m_options.minWatchTimeout.count()) * factor));
    QUrlQuery query = baseQuery();
    query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
    query.addQueryItem(QStringLiteral("resourceVersion"), m_lastSyncResourceVersion);
    query.addQueryItem(QStringLiteral("allowWatchBookmarks"), QStringLiteral("true"));
    query.addQueryItem(QStringLiteral("timeoutSeconds"), QString::number(timeoutSeconds));
    KubeRequest request = KubeRequest::get(m_resource.path(m_options.nameSpace), query);
    request.timeout = std::chrono::seconds(timeoutSeconds) + m_options.idleGrace;
    m_watchEvents = 0;
    m_watchExpired = false;
    m_watchError = {};
    m_watchStartedAt = m_clock->steadyNow();
    StreamReader* stream = m_client->openStream(request);
    m_stream = stream;
    connect(stream, &StreamReader::opened, this, [this] { m_state->set(ConnectionState::Status::Connected); });
    connect(stream, &StreamReader::linesReady, this, &Reflector::onWatchLines);
    connect(stream, &StreamReader::finished, this, &Reflector::onWatchFinished);
}

void Reflector::onWatchLines(const QList<QByteArray>& lines)
{
    QList<WatchEvent> batch;
    batch.reserve(lines.size());
    KubeError failure;
    bool expired = false;
    for (const QByteArray& line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        QString parseError;
        std::optional<WatchEvent> event = WatchEvent::scan(line, &parseError);
        if (!event) {
            failure = KubeError(KubeError::Kind::Protocol, parseError);
            break;
        }
        if (event->type == WatchEvent::Type::Error) {
            const KubeError status = KubeError::fromStatusObject(event->object);
            if (status.isExpired())
                expired = true;
            else
                failure = status;
            m_watchError = status;
            break;
        }
        ++m_watchEvents;
        const QString version = event->resourceVersion();
        if (!version.isEmpty())
            m_lastSyncResourceVersion = version;
        if (event->type != WatchEvent::Type::Bookmark)
            batch.append(std::move(*event));
    }
    const QPointer<Reflector> self(this);
    if (!batch.isEmpty())
        Q_EMIT eventsReceived(batch);
    if (!self || !m_running)
        return;
    if (expired) {
        closeStream();
        handleExpired(m_watchError.message());
    } else if (failure.isError()) {
        closeStream();
        // A decoding error means we cannot trust where we are in the stream: watch again from the
        // last good version after a backoff. An API error event is handled like a failed watch request.
        retryLater(failure.kind() == KubeError::Kind::Protocol ? Next::Rewatch : Next::Relist, failure);
    }
}

void Reflector::handleExpired(const QString& message)
{
    spdlog::info("watch of {} from resourceVersion {} expired ({}); relisting", log::str(m_resource.plural),
                 log::str(m_lastSyncResourceVersion), log::str(message));
    m_resourceVersionUnavailable = true;
    list();
}

void Reflector::onWatchFinished()
{
    StreamReader* stream = m_stream;
    if (!stream || sender() != stream)
        return;
    m_stream = nullptr;
    const KubeError error = stream->error();
    stream->deleteLater();
    if (!m_running)
        return;
    if (error.isExpired()) {
        handleExpired(error.message());
        return;
    }
    if (!error.isError()) {
        const auto lasted = m_clock->steadyNow() - m_watchStartedAt;
        if (m_watchEvents == 0 && lasted < m_options.shortWatch) {
            retryLater(Next::Rewatch,
                       KubeError(KubeError::Kind::Unreachable,
                                 QStringLiteral("the watch of %1 ended immediately").arg(m_resource.plural)));
            return;
        }
        // The server's timeoutSeconds: the normal end of a watch. Carry on from where we are.
        watch();
        return;
    }
    // Network trouble, 429 and 5xx: the version we hold is still good, so watch again from it
    // (client-go retries the watch on connection refused and 429 without relisting).
    retryLater(error.isTransient() ? Next::Rewatch : Next::Relist, error);
}

void Reflector::retryLater(Next next, const KubeError& error)
{
    if (!m_running)
        return;
    const std::chrono::milliseconds delay = m_backoff.next();
    const auto retryAt = m_clock->steadyNow() + delay;
    const bool persistent = !error.isTransient() && error.kind() != KubeError::Kind::Cancelled;
    m_state->set(persistent ? ConnectionState::Status::Error : ConnectionState::Status::Reconnecting, error.message(),
                 retryAt);
    spdlog::warn("{} of {}: {}; retrying in {} ms", next == Next::Relist ? "list" : "watch",
                 log::str(m_resource.plural), log::str(error.message()), delay.count());
    Q_EMIT retryScheduled(delay.count(), error.message());
    m_retryTimer.disconnect(this);
    connect(&m_retryTimer, &QTimer::timeout, this, [this, next] {
        if (next == Next::Relist)
            list();
        else
            watch();
    });
    m_retryTimer.start(delay);
}

} // namespace quayside::kube
