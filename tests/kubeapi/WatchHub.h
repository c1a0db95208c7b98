#pragma once

#include "WatchStream.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace quayside::test {

// Fans store changes out to the open watches, sends periodic BOOKMARKs, and cuts streams on demand.
class WatchHub : public QObject
{
    Q_OBJECT
public:
    explicit WatchHub(QObject* parent = nullptr);

    WatchStream::Settings& settings() { return m_settings; }
    void add(WatchStream* stream);
    void dispatch(const StoredEvent& event);
    void sendBookmarks(qint64 resourceVersion);
    void dropAll(FakeApiServer::DropMode mode, qint64 resourceVersion);
    void closeAll();
    int openCount() const;
    // 0 = no periodic bookmarks. `resourceVersion` is asked for at every tick.
    void setBookmarkInterval(int milliseconds, std::function<qint64()> resourceVersion);

private:
    QList<QPointer<WatchStream>> m_streams;
    WatchStream::Settings m_settings;
    QTimer m_bookmarks;
    std::function<qint64()> m_resourceVersion;
};

} // namespace quayside::test
