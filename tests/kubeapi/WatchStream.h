#pragma once

#include "FakeApiServer.h"
#include "FieldSelector.h"
#include "LabelSelector.h"
#include "ObjectStore.h"
#include "TableConverter.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTimer>

#include <functional>

namespace quayside::test {

class ApiStatus;
class HttpConnection;
struct ResourceType;

// What a watch request asked for.
struct WatchSpec
{
    const ResourceType* type = nullptr;
    QString ns; // "" = all namespaces
    LabelSelector labels;
    FieldSelector fields;
    bool table = false; // the client asked for meta.k8s.io Table events (kubectl get -w)
    TableConverter::IncludeObject include = TableConverter::IncludeObject::Metadata;
    bool bookmarks = false;
    int timeoutSeconds = 0; // 0 = the server's default (30-60 min on a real one: none here)
};

// One open watch: a chunked 200 response writing one JSON event per line. Events reach it from the
// WatchHub; the selectors decide ADDED/MODIFIED/DELETED the way the real watch cache does (an object
// that starts or stops matching a selector is ADDED or DELETED for this watch).
class WatchStream : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        bool splitLines = false; // every line in two chunks, the second one a moment later
        int splitDelayMs = 15;
        std::function<QDateTime()> clock;
        qint64* eventsSent = nullptr;
        qint64* bookmarksSent = nullptr;
    };

    WatchStream(HttpConnection* connection, const WatchSpec& spec, const Settings* settings, QObject* parent);
    ~WatchStream() override;

    const WatchSpec& spec() const { return m_spec; }
    bool isOpen() const;
    void begin(); // status line and headers
    // ADDED events for the current state (a watch from "" or "0", or sendInitialEvents).
    void sendInitial(const QList<QJsonObject>& objects);
    void deliver(const StoredEvent& event);
    void sendBookmark(qint64 resourceVersion, bool initialEventsEnd = false);
    void sendErrorAndFinish(const ApiStatus& status);
    void finish(); // the terminating chunk: a clean end, as on timeoutSeconds
    void drop(FakeApiServer::DropMode mode, qint64 resourceVersion);

Q_SIGNALS:
    void finished();

private:
    bool matches(const QJsonObject& object) const;
    QJsonObject render(const QJsonObject& object) const;
    void writeEvent(const QString& type, const QJsonObject& object);
    void writeLine(const QByteArray& line);
    void flushPieces();
    void close();

    QPointer<HttpConnection> m_connection;
    WatchSpec m_spec;
    const Settings* m_settings;
    QTimer m_timeout;
    QTimer m_pieces;
    QQueue<QByteArray> m_pendingPieces;
    bool m_finishAfterPieces = false;
    bool m_closed = false;
    bool m_sentColumns = false;
};

} // namespace quayside::test
