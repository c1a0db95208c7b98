#pragma once

#include "kube/DeploymentSummary.h"
#include "kube/MetricsPoller.h"
#include "kube/PodSummary.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace quayside {

// What `quayside status` prints and `quayside mcp`'s status tool returns. The JSON shape is a contract
// (scripts, the acceptance tests and MCP clients read it):
//   {"context","namespace","connected":bool,
//    "deployments":[{"name","desired","ready","updated","available","images":[...]}],
//    "pods":[{"name","owner","phase","status","ready":"1/2","restarts","node","ip","age_seconds",
//             "cpu_millicores","memory_bytes"}]}
// "owner" is the owning Deployment, else the pod's controller (a Job, a StatefulSet...), else null;
// node and ip are null until the pod is scheduled / has an address; cpu/memory are null without
// metrics-server. Deployments and pods are sorted by name.
struct KubeStatusSnapshot
{
    QString context;
    QString nameSpace;
    bool connected = true;
    QList<kube::DeploymentSummary> deployments;
    QList<kube::PodSummary> pods;
    // Pod name -> usage; nullopt when metrics are unavailable.
    std::optional<QHash<QString, kube::MetricsPoller::Usage>> metrics;

    QJsonObject toJson(const QDateTime& now) const;

    void sort();
};

} // namespace quayside
