#pragma once

#include "core/Clock.h"
#include "kube/KubeClient.h"
#include "pipeline/HelmHistory.h"
#include "pipeline/ImageDelivery.h"
#include "pipeline/ImageResult.h"
#include "pipeline/PipelineOptions.h"
#include "pipeline/RolloutDiagnosis.h"
#include "pipeline/ToolTimeTracker.h"
#include "profile/Profile.h"

#include <QMap>
#include <QPointer>
#include <QString>
#include <QVersionNumber>

#include <memory>

namespace quayside {

class Keychain;
class ToolRunner;

// What the steps share: the inputs (profile, options, services) and what earlier steps found out
// (the API client, how images are delivered, image tags, the Secret's checksum...). A retry keeps the
// results of the steps that are done; a fresh start clears them (resetResults).
struct PipelineContext
{
    // Inputs.
    Profile profile;
    PipelineOptions options;
    ToolRunner* runner = nullptr;
    Keychain* keychain = nullptr; // where the Secrets step reads the app's secrets
    const Clock* clock = &Clock::instance();

    // Results.
    // The preflight's `helm version`: Helm 3 and 4 take different flags (HelmCommands). Null: not
    // known (no run yet, or no helm found). Kept across runs; every preflight asks again.
    QVersionNumber helmVersion;
    QPointer<kube::KubeClient> kube; // Cluster step; owned by the Pipeline
    QString kubeServer; // "https://192.168.49.2:8443", for messages
    int minikubeNodes = 0; // Cluster step: the nodes `minikube status` listed (0: not known)
    std::shared_ptr<ImageDelivery> delivery; // Images step
    QMap<QString, ImageResult> images; // by image name
    bool secretsApplied = false;
    QString secretChecksum;
    int helmRevision = 0;
    QList<HelmHistory::Revision> history;
    RolloutDiagnosis rolloutDiagnosis; // when the rollout failed
    QString accessUrl;

    ToolTimeTracker toolTime;

    // The target with its context filled in: the workspace's, else minikube's (named after its profile).
    ClusterTarget clusterTarget() const
    {
        ClusterTarget target = options.target;
        if (target.context.isEmpty())
            target.context = profile.minikube.profile;
        target.nameSpace = profile.nameSpace;
        return target;
    }
    QString kubeContext() const { return clusterTarget().context; }
    // The flags that make helm and kubectl talk to the same cluster as we do (and, for several merged
    // kubeconfig files, the KUBECONFIG their environment needs).
    QStringList helmClusterArguments() const { return clusterTarget().helmArguments(); }
    QStringList kubectlClusterArguments() const { return clusterTarget().kubectlArguments(); }
    QMap<QString, QString> clusterEnvironment() const { return clusterTarget().childEnvironment(); }
    void resetResults()
    {
        kube.clear();
        kubeServer.clear();
        minikubeNodes = 0;
        delivery.reset();
        images.clear();
        secretsApplied = false;
        secretChecksum.clear();
        helmRevision = 0;
        history.clear();
        rolloutDiagnosis = {};
        accessUrl.clear();
        toolTime.reset();
    }
};

} // namespace quayside
