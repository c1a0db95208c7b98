#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace quayside::test {

// A pod as the API server sends it, with just what the views read. `state` is the container's state
// key (running / waiting / terminated) and `reason` its reason.
inline QJsonObject podJson(const QString& name, const QString& uid, int resourceVersion,
                           const QString& state = QStringLiteral("running"), const QString& reason = {},
                           int restarts = 0, const QString& deployment = QStringLiteral("backend"))
{
    const bool running = state == QLatin1String("running");
    const QString stateJson = running ? QStringLiteral(R"({"running":{"startedAt":"2023-11-14T22:13:20Z"}})")
                                      : QStringLiteral(R"({"%1":{"reason":"%2"}})").arg(state, reason);
    const QString json
        = QStringLiteral(R"({
      "kind": "Pod", "apiVersion": "v1",
      "metadata": {"name": "%1", "namespace": "todo-app", "uid": "%2", "resourceVersion": "%3",
        "creationTimestamp": "2023-11-14T22:13:20Z", "labels": {"app": "%4"},
        "ownerReferences": [{"kind": "ReplicaSet", "name": "%4-5d8f7c9b4", "controller": true}]},
      "spec": {"nodeName": "minikube", "containers": [{"name": "%4", "image": "todo-%4:abc123"}]},
      "status": {"phase": "%5", "podIP": "10.244.0.7",
        "containerStatuses": [{"name": "%4", "ready": %6, "restartCount": %7, "state": %8}]}
    })")
              .arg(name, uid, QString::number(resourceVersion), deployment,
                   running ? QStringLiteral("Running") : QStringLiteral("Pending"),
                   running ? QStringLiteral("true") : QStringLiteral("false"), QString::number(restarts), stateJson);
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

} // namespace quayside::test
