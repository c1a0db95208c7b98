#include "FakeApiServerThread.h"

#include <QThread>

namespace quayside::test {

FakeApiServerThread::FakeApiServerThread(QObject* parent)
    : QObject(parent)
    , m_thread(new QThread(this))
{
    m_thread->setObjectName(QStringLiteral("FakeApiServer"));
    m_server = new FakeApiServer();
    m_server->moveToThread(m_thread);
    // The server (and everything it made on its thread) is destroyed on its own thread.
    connect(m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    m_thread->start();
}

FakeApiServerThread::~FakeApiServerThread()
{
    stop();
    m_thread->quit();
    m_thread->wait();
    m_server = nullptr;
}

bool FakeApiServerThread::start(const FakeApiServer::Options& options)
{
    return m_server->start(options);
}

void FakeApiServerThread::stop()
{
    if (m_server && m_thread->isRunning())
        m_server->stop();
}

} // namespace quayside::test
