#pragma once

#include "kubeapi/FakeApiServer.h"
#include "kubeapi/FakeApiServerThread.h"
#include "kubeapi/Scenario.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonObject>
#include <QString>
#include <QTcpServer>

#include <memory>

namespace quayside::test {

// The clusters the end-to-end tests of the built binary talk to: the test API server with one of its
// named scenarios, or one that is not there. Header only: those tests link quayside_testapiserver, and
// quayside_test_support does not.
class TestCluster
{
public:
    // Null when the scenario is unknown or the server did not start. Its logs are the same lines every
    // time (no lines written while the test runs).
    static std::unique_ptr<FakeApiServerThread> start(const QString& scenario, const QString& nameSpace)
    {
        auto server = std::make_unique<FakeApiServerThread>();
        FakeApiServer::Options options;
        bool known = false;
        options.scenario = Scenario::named(scenario, &known);
        options.contextNamespace = nameSpace;
        if (!known || !server->start(options))
            return nullptr;
        FakeApiServer::LogOptions logs;
        logs.linesPerSecond = 0;
        server->server()->setLogOptions(logs);
        return server;
    }

    // The name of the first pod of `deployment` (labelled app=<deployment>), empty when there is none.
    static QString podOf(const FakeApiServerThread& server, const QString& nameSpace, const QString& deployment,
                         bool runningOnly = false)
    {
        const auto pods = server->podsMatching(nameSpace, QStringLiteral("app=") + deployment, runningOnly);
        return pods.isEmpty()
            ? QString()
            : pods.first().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
    }

    // Writes a kubeconfig whose current context (minikube, namespace todo-app) points at a local port
    // that was free a moment ago, so nothing listens there. False when it cannot be written.
    static bool writeUnreachableKubeconfig(const QString& path)
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost))
            return false;
        const quint16 port = probe.serverPort();
        probe.close();
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        const QByteArray yaml
            = QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
                             "    server: https://127.0.0.1:%1\n    insecure-skip-tls-verify: true\n"
                             "contexts:\n- name: minikube\n  context:\n    cluster: c\n    user: u\n"
                             "    namespace: todo-app\ncurrent-context: minikube\nusers:\n- name: u\n  user:\n"
                             "    token: t\n")
                  .arg(port)
                  .toUtf8();
        return file.write(yaml) == yaml.size();
    }
};

} // namespace quayside::test
