#pragma once

#include "process/ToolRunner.h"

namespace quayside {

// Runs tools as local child processes with QProcess, each in its own process group so that cancel and
// timeouts stop the tool together with everything it spawned (docker build's helpers, minikube's ssh).
class ProcessToolRunner final : public ToolRunner
{
public:
    ToolJob* start(const ToolCommand& command, QObject* parent = nullptr) override;

    // Time between SIGTERM to the group and SIGKILL when stopping a tool.
    static constexpr int kTerminateGraceMs = 1500;
};

} // namespace quayside
