#pragma once

#include "kubeapi/FakeApiServerThread.h"
#include "pipeline/Pipeline.h"
#include "process/ProcessToolRunner.h"
#include "support/StandInTools.h"

#include <QObject>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

class QTcpServer;

namespace quayside {
class Keychain;
}

namespace quayside::test {

// Everything a deploy talks to, standing in for a machine with minikube, docker and helm:
//   - stand-ins for minikube, helm (and docker, unless a real engine is used) that print what the real
//     tools print and record their argv and environment; flags in stateDir() steer them (a stopped
//     cluster, a failing build, a hanging build, a failing helm, a containerd runtime);
//   - the fake API server (on its own thread) as the cluster, with minikube's kubeconfig;
//   - the helm stand-in copies every values file it is given into the records and asks the rig to
//     install: the rig reads the image tags from Quayside's override and creates the Deployments and
//     Services in the fake server, as the chart would, then lets helm finish;
//   - an HTTP server on a NodePort-range port answering the health checks;
//   - the app's secrets in the (private, test) OS keychain.
class DeployRig : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool standInDocker = true; // false: the real docker CLI (DOCKER_HOST from dockerHost)
        QString dockerHost; // what `minikube docker-env` points at (the podman socket)
        QString dockerfile; // a Dockerfile for both images; empty: a tiny one written here
        QMap<QString, QString> buildArgs;
        bool useRepositoryDockerfiles = false; // docker/backend and docker/frontend of the repository
        // The keychain service the secrets are stored under ("quayside" is what the binary reads).
        // Empty: "quayside-test-<test executable>", so that tests running in parallel against the one
        // test keyring never overwrite each other's secrets (a changed value rolls the pods).
        QString keychainService;
        // A real helm binary (QUAYSIDE_HELM3/4): first on the stand-ins' PATH instead of the helm
        // stand-in, with a copy of the repository's chart (k8s-templates/helm/todo-chatbot) as the
        // profile's chart, so that helm itself creates the release in the fake API server. Empty: the
        // stand-in, which asks the rig to create the Deployments (install()).
        QString helm;
    };

    DeployRig();
    explicit DeployRig(Options options);
    ~DeployRig() override;

    bool setUp(QString* error);

    StandInTools& tools() { return *m_tools; }
    FakeApiServer* server() const { return m_api.server(); }
    Keychain* keychain() const { return m_keychain.get(); }
    ToolRunner* runner() { return &m_runner; }
    QString stateDir() const;
    QString sourceDir() const;
    QString profilePath() const;
    void setFlag(const QString& name, bool on);
    // A flag with content (e.g. "build-slow" holds the seconds each build step takes).
    void setFlag(const QString& name, const QByteArray& content, bool on = true);
    void setHealthStatus(int status) { m_healthStatus = status; }
    int healthPort() const;

    // The deployed app: image behaviour in the cluster (e.g. CrashLoop for the backend).
    void setCrashLoop(bool on) { m_crashLoop = on; }

    Profile profile() const;
    PipelineOptions pipelineOptions() const;
    std::unique_ptr<Pipeline> makePipeline();
    // Runs start() (or retry) and waits for finished(); false on timeout.
    static bool run(Pipeline& pipeline, int timeoutMs, bool retry = false);

    // Values that must never leave the keychain and the API call that creates the Secret.
    const QStringList& secretValues() const { return m_secrets; }
    // The helm stand-in's copies of every -f file, and their `ls -ln` lines.
    QList<QByteArray> helmValuesFiles() const;
    QStringList helmValuesModes() const;
    int installs() const { return m_installs; }
    QString lastInstallError() const { return m_installError; }

private:
    void writeStandIns();
    void writeProfile();
    void pollHelm();
    void install(const QString& valuesCopy);

    Options m_options;
    QTemporaryDir m_dir;
    std::unique_ptr<StandInTools> m_tools;
    FakeApiServerThread m_api;
    ProcessToolRunner m_runner;
    std::unique_ptr<Keychain> m_keychain;
    QTcpServer* m_http = nullptr;
    QTimer m_helmPoll;
    QStringList m_secrets;
    int m_healthStatus = 200;
    bool m_crashLoop = false;
    int m_installs = 0;
    QString m_installError;
};

} // namespace quayside::test
