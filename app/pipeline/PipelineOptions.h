#pragma once

#include "workspace/ClusterTarget.h"

#include <QString>

#include <chrono>

namespace quayside {

// How one deploy runs (the `quayside deploy` flags and the page's settings).
struct PipelineOptions
{
    // Build nothing: every image must already be in the cluster under its content tag (the same
    // sources give the same tag), else the Images step fails and says so.
    bool skipBuild = false;
    // Install without waiting: helm without --atomic/--wait, no rollout watch, no health checks.
    bool noWait = false;

    // The workspace's cluster target: kubeconfig files and context (the namespace is the profile's,
    // which the workspace has already set to the target's). An empty context: the minikube profile's
    // name, which minikube gives the context it writes.
    ClusterTarget target;

    // Client-side guards: every tool has a timeout, and helm's own --timeout gets this much extra.
    std::chrono::milliseconds helmGuardExtra { 60'000 };
    std::chrono::milliseconds healthTimeout { 60'000 }; // keep retrying health checks this long
    std::chrono::milliseconds healthInterval { 1'000 };
    // The rollout watch; zero: the chart's timeout.
    std::chrono::milliseconds rolloutTimeout { 0 };
    // How often the rollout step looks for blocking pods while it waits.
    std::chrono::milliseconds diagnoseInterval { 5'000 };
};

} // namespace quayside
