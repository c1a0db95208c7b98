#pragma once

#include "core/Clock.h"
#include "kube/ApiResource.h"
#include "kube/Backoff.h"
#include "kube/ConnectionState.h"
#include "kube/KubeError.h"
#include "kube/RawObject.h"
#include "kube/WatchEvent.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace quayside::kube {

class KubeClient;
class KubeReply;
class StreamReader;

// The list+watch state machine of client-go's reflector (tools/cache/reflector.go), for one resource
// in one namespace (or cluster-wide):
//
//   list at resourceVersion "0" (served from the API server's watch cache)
//     -> watch from the list's resourceVersion, allowWatchBookmarks, timeoutSeconds random in [5, 10) min
//     -> the server ends the watch (timeoutSeconds): watch again from the last resourceVersion seen
//     -> the stream drops or cannot connect (network, 5xx, 429): back off, watch again from there
//     -> 410 Expired (HTTP status or an ERROR event): the history is gone; relist with resourceVersion ""
//        (a consistent read from etcd), never retry the stale version
//     -> any other failure (401, 403, TLS...): back off, relist from the last resourceVersion; a 410
//        on that list relists at once with "" (TestReflectorFullListIfExpired's "0", "10", "" sequence)
//     -> relist() (the user's refresh): drop whatever is under way and list with "" at once, as after a 410
//
// Backoff is 0.8 s -> 30 s with jitter, reset after 2 min without failures (Backoff). One deviation:
// client-go also backs off before the relist that follows a 410; we relist at once, because the
// server told us exactly what to do and a relist is one request.
//
// The reflector only fetches: listed() hands over a full list, eventsReceived() each batch of events
// from one read of the stream. The Informer applies them to its store.
class Reflector : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString nameSpace; // empty: all namespaces / a cluster-scoped resource
        QString labelSelector;
        QString fieldSelector;
        Backoff::Parameters backoff;
        const Clock* clock = nullptr; // nullptr: Clock::instance()
        Backoff::Random random; // jitter and the watch timeout; empty: QRandomGenerator
        // timeoutSeconds = minWatchTimeout * (1 + random()), client-go's minWatchTimeout is 5 min.
        std::chrono::seconds minWatchTimeout { 300 };
        // The idle guard on a watch: no byte for timeoutSeconds + this ends it as dropped (a watch the
        // server should have closed by then is a dead connection).
        std::chrono::seconds idleGrace { 60 };
        // A watch that ends normally sooner than this without delivering an event counts as a
        // failure (client-go's "very short watch"), so a server that closes at once is not hammered.
        std::chrono::milliseconds shortWatch { 1000 };
    };

    Reflector(KubeClient* client, ApiResource resource, Options options, QObject* parent = nullptr);
    ~Reflector() override;

    void start();
    void stop();
    // Starts over from a consistent list (resourceVersion "", as after a 410) and watches from its
    // version: what the user asks for with F5. Whatever was under way (a list, a watch, a retry
    // waiting out its backoff) is dropped, so the old watch cannot deliver events older than the new
    // list. The listed() that follows is a full list like any other; the Informer turns it into a
    // minimal diff. Does nothing on a reflector that is not running.
    void relist();
    bool isRunning() const { return m_running; }

    const ApiResource& resource() const { return m_resource; }
    const Options& options() const { return m_options; }
    // The resourceVersion the next watch would start from (client-go's LastSyncResourceVersion).
    const QString& lastSyncResourceVersion() const { return m_lastSyncResourceVersion; }
    ConnectionState* connectionState() const { return m_state; }
    bool isWatching() const;

Q_SIGNALS:
    // A complete list; the store replaces its content with it (minimal diff). Items are usually
    // still bytes (RawObject), parsed when first read.
    void listed(const QList<quayside::kube::RawObject>& items, const QString& resourceVersion);
    // ADDED / MODIFIED / DELETED events from one read of the stream (at most a 64 KiB slice), in
    // order; BOOKMARKs and ERRORs are handled here and not passed on. Events are scanned, not parsed:
    // their objects stay bytes until someone reads them.
    void eventsReceived(const QList<quayside::kube::WatchEvent>& events);
    // For tests and diagnostics: a retry is scheduled after `delayMs` because of `reason`.
    void retryScheduled(qint64 delayMs, const QString& reason);

private:
    enum class Next { Relist, Rewatch };
    void list();
    void onListFinished(KubeReply* reply, const QString& requestedVersion);
    void watch();
    void onWatchLines(const QList<QByteArray>& lines);
    void onWatchFinished();
    void handleExpired(const QString& message);
    void retryLater(Next next, const KubeError& error);
    void closeStream();
    QString relistResourceVersion() const;
    bool parseList(const QByteArray& body, QString* version, QList<RawObject>* items) const;
    QUrlQuery baseQuery() const;

    KubeClient* m_client;
    ApiResource m_resource;
    Options m_options;
    const Clock* m_clock;
    Backoff m_backoff;
    ConnectionState* m_state;
    QTimer m_retryTimer;
    QPointer<KubeReply> m_listReply;
    QPointer<StreamReader> m_stream;
    QString m_lastSyncResourceVersion;
    bool m_resourceVersionUnavailable = false; // client-go's isLastSyncResourceVersionUnavailable
    bool m_running = false;
    std::chrono::steady_clock::time_point m_watchStartedAt {};
    int m_watchEvents = 0;
    bool m_watchExpired = false;
    KubeError m_watchError;
};

} // namespace quayside::kube
