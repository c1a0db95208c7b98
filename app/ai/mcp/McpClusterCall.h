#pragma once

#include "ai/mcp/McpToolCall.h"

#include <QJsonObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace quayside::kube {
class KubeClient;
class KubeReply;
} // namespace quayside::kube

namespace quayside::mcp {

class McpCluster;

// A tools/call on the workspace's cluster. start() opens the cluster's client (when it cannot, that is
// the call's result) and hands it to run() with the namespace the call is about. Deleting the call
// aborts the reply it awaits; loaders a call creates as its children stop with it.
class McpClusterCall : public McpToolCall
{
public:
    McpClusterCall(McpCluster* cluster, QJsonObject arguments);
    ~McpClusterCall() override;

    void start() final;

protected:
    virtual void run(kube::KubeClient* client, const QString& nameSpace) = 0;

    McpCluster* cluster() const { return m_cluster; }
    QJsonValue argument(QLatin1String name) const { return m_arguments.value(name); }

    // Completes with the failure "<what>: <reason>".
    void fail(const QString& what, const QString& reason);
    // Waits for `reply`: when it failed, fail(what, its error), else `done` with it (read it there: it
    // deletes itself afterwards).
    void await(kube::KubeReply* reply, const QString& what, std::function<void(const kube::KubeReply&)> done);

private:
    McpCluster* m_cluster;
    QJsonObject m_arguments;
    QPointer<kube::KubeReply> m_reply;
};

} // namespace quayside::mcp
