#pragma once

#include <QJsonDocument>
#include <QString>
#include <QVersionNumber>

#include <optional>

namespace quayside {

// Parsers for what the real tools print (formats and examples in tests/doctor/fixtures). Each one is
// lenient about extra fields and strict about what it needs; nullopt/empty means "not understood".
namespace ToolOutputParser {

// "Docker version 28.2.2, build e6534b4" → 28.2.2
QVersionNumber dockerClientVersion(const QString& output);

struct DockerDaemon
{
    enum class State { Running, NotRunning, PermissionDenied, Unknown };
    State state = State::Unknown;
    QString serverVersion;
    QString detail; // the daemon error as the CLI printed it
};
// `docker version --format json` stdout and stderr (the daemon error goes to stderr).
DockerDaemon dockerDaemon(const QByteArray& standardOutput, const QString& standardError);

// "v1.36.0" or {"minikubeVersion":"v1.36.0"} → 1.36.0
QVersionNumber minikubeVersion(const QString& output);

struct MinikubeStatus
{
    enum class State { Running, Stopped, Paused, ProfileNotFound, Degraded, Unknown };
    State state = State::Unknown;
    int nodes = 0; // every node the profile has, running or not
    // The nodes that are not as they should be, each with what is wrong:
    // e.g. "minikube-m02: host Stopped, kubelet Stopped".
    QString detail;
    // minikube refuses docker-env then (one daemon per node): images go in with `minikube image load`.
    bool multiNode() const { return nodes > 1; }
};
// `minikube status -o json` stdout and its exit code (a bitmask: 1 host, 2 cluster, 4 Kubernetes
// not running; 85 no such profile). A multi-node cluster prints a JSON array, one entry per node.
// Running: every control-plane node ("Worker": false; else the first entry) has host, kubelet and
// apiserver Running and its kubeconfig Configured, and every worker has host and kubelet Running
// (workers print "Irrelevant" for apiserver and kubeconfig).
MinikubeStatus minikubeStatus(const QByteArray& standardOutput, int exitCode);

// `minikube profile list -o json` → the driver of `profile`, empty if unknown.
QString minikubeDriver(const QByteArray& standardOutput, const QString& profile);

// "v3.18.3+g6838ebc" → 3.18.3; Helm 2 prints "Client: v2.17.0+g..." → 2.17.0
QVersionNumber helmVersion(const QString& output);

struct KubectlVersion
{
    QVersionNumber client;
    QVersionNumber server; // null when no server answered
};
// `kubectl version -o json` (client part always; serverVersion when a cluster answered).
KubectlVersion kubectlVersion(const QByteArray& standardOutput);

// "1.2.3", "v1.2.3-beta+abc", "kubectl-ai version: 0.0.12" → the first dotted number found
QVersionNumber firstVersion(const QString& text);

} // namespace ToolOutputParser

} // namespace quayside
