#include "WatchHub.h"

namespace quayside::test {

WatchHub::WatchHub(QObject* parent)
    : QObject(parent)
{
    connect(&m_bookmarks, &QTimer::timeout, this, [this] {
        if (m_resourceVersion)
            sendBookmarks(m_resourceVersion());
    });
}

void WatchHub::add(WatchStream* stream)
{
    m_streams.append(stream);
    connect(stream, &WatchStream::finished, this, [this, stream] {
        m_streams.removeAll(stream);
        stream->deleteLater();
    });
}

void WatchHub::dispatch(const StoredEvent& event)
{
    // Copy: a write may close a stream, which edits m_streams.
    const QList<QPointer<WatchStream>> streams = m_streams;
    for (const QPointer<WatchStream>& stream : streams) {
        if (stream)
            stream->deliver(event);
    }
}

void WatchHub::sendBookmarks(qint64 resourceVersion)
{
    const QList<QPointer<WatchStream>> streams = m_streams;
    for (const QPointer<WatchStream>& stream : streams) {
        if (stream)
            stream->sendBookmark(resourceVersion);
    }
}

void WatchHub::dropAll(FakeApiServer::DropMode mode, qint64 resourceVersion)
{
    const QList<QPointer<WatchStream>> streams = m_streams;
    for (const QPointer<WatchStream>& stream : streams) {
        if (stream)
            stream->drop(mode, resourceVersion);
    }
}

void WatchHub::closeAll()
{
    const QList<QPointer<WatchStream>> streams = m_streams;
    for (const QPointer<WatchStream>& stream : streams) {
        if (stream)
            stream->finish();
    }
}

int WatchHub::openCount() const
{
    int open = 0;
    for (const QPointer<WatchStream>& stream : m_streams) {
        if (stream && stream->isOpen())
            ++open;
    }
    return open;
}

void WatchHub::setBookmarkInterval(int milliseconds, std::function<qint64()> resourceVersion)
{
    m_resourceVersion = std::move(resourceVersion);
    if (milliseconds > 0)
        m_bookmarks.start(milliseconds);
    else
        m_bookmarks.stop();
}

} // namespace quayside::test
