#pragma once

#include "FakeApiServer.h"

#include <QObject>

class QThread;

namespace quayside::test {

// Runs a FakeApiServer on its own QThread, so the server keeps answering while the test's thread
// blocks (a child kubectl, a GUI test stalling its main thread, a benchmark's tight loop).
//
//   FakeApiServerThread fake;
//   QVERIFY2(fake.start(), qPrintable(fake.server()->errorString()));
//   fake->setDeploymentReplicas("todo-app", "backend", 3);   // any FakeApiServer method, from this thread
//
// The destructor stops the server and joins the thread.
class FakeApiServerThread : public QObject
{
    Q_OBJECT
public:
    explicit FakeApiServerThread(QObject* parent = nullptr);
    ~FakeApiServerThread() override;

    bool start(const FakeApiServer::Options& options = FakeApiServer::Options());
    void stop();
    FakeApiServer* server() const { return m_server; }
    FakeApiServer* operator->() const { return m_server; }

private:
    QThread* m_thread = nullptr;
    FakeApiServer* m_server = nullptr;
};

} // namespace quayside::test
