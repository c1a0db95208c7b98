#pragma once

#include "support/StandInTools.h"

namespace quayside::test {

// Stand-ins for docker, minikube, helm and kubectl that print exactly what the real tools print in a
// given situation (fixtures in tests/doctor/fixtures, copied from the real tools' output).
struct MachineScenario
{
    enum class Docker { Missing, DaemonDown, PermissionDenied, Running, Old, Hangs, Garbage };
    enum class Minikube { Missing, Running, Stopped, NoProfile, MultiNode, MultiNodeDegraded, Old };
    // Helm3 and Helm4: the real 3.17.2 and 4.1.4 (tests/support/install-helm.sh's); NewerMajor: a Helm 5
    // that does not exist yet.
    enum class Helm { Missing, Ok, Old, Helm2, Helm3, Helm4, NewerMajor };
    enum class Kubectl { Missing, ClientOnly, Matching, Skewed };

    Docker docker = Docker::Running;
    Minikube minikube = Minikube::Running;
    Helm helm = Helm::Ok;
    Kubectl kubectl = Kubectl::Matching;

    // What this development machine has: a docker client without an engine, no minikube, no helm,
    // kubectl without a cluster.
    static MachineScenario thisMachine() { return {Docker::DaemonDown, Minikube::Missing, Helm::Missing, Kubectl::ClientOnly}; }
    static MachineScenario ready() { return {}; }

    void install(StandInTools& tools) const;
};

} // namespace quayside::test
