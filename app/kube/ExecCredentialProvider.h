#pragma once

#include "core/Clock.h"
#include "kube/KubeError.h"
#include "kube/Kubeconfig.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>

#include <chrono>
#include <functional>
#include <optional>

namespace quayside {
class ToolJob;
class ToolRunner;
} // namespace quayside

namespace quayside::kube {

struct RestConfig;

// Runs a kubeconfig `exec` credential plugin (client.authentication.k8s.io ExecCredential protocol,
// client-go's plugin/pkg/client/auth/exec) through the ToolRunner, with a timeout, and caches what it
// returns until its expirationTimestamp. Concurrent callers share one run of the plugin.
class ExecCredentialProvider : public QObject
{
    Q_OBJECT
public:
    struct Credential
    {
        QString token;
        QSslCertificate clientCertificate;
        QSslKey clientKey;
        QDateTime expiration; // invalid: valid until a 401 says otherwise
    };
    using Callback = std::function<void(const Credential&, const KubeError&)>;

    ExecCredentialProvider(const RestConfig& config, ToolRunner* runner, const Clock* clock, QObject* parent = nullptr);
    ~ExecCredentialProvider() override;

    // Calls back from the event loop, never from inside obtain(). The callback is dropped when
    // `context` is destroyed first.
    void obtain(QObject* context, Callback callback);
    // The server answered 401: the cached credential is no longer good (client-go does the same).
    void invalidate();
    std::optional<Credential> cached() const;

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    int runCount() const { return m_runCount; }

    // Parses the plugin's stdout. Exposed for tests.
    static std::optional<Credential> parseOutput(const QByteArray& output, const QString& expectedApiVersion,
                                                 QString* error);

private:
    void run();
    void deliver(const KubeError& error);

    struct Waiter
    {
        QPointer<QObject> context;
        Callback callback;
    };

    Kubeconfig::ExecConfig m_exec;
    QByteArray m_execInfo;
    ToolRunner* m_runner;
    const Clock* m_clock;
    std::chrono::milliseconds m_timeout { 60'000 };
    std::optional<Credential> m_cached;
    QList<Waiter> m_waiters;
    QPointer<ToolJob> m_job;
    int m_runCount = 0;
};

} // namespace quayside::kube
