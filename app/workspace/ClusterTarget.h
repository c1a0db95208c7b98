#pragma once

#include "kube/KubeconfigLoader.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace quayside {

// The cluster everything acts on: which kubeconfig files, which context in them, which namespace, and
// (when the cluster is a minikube) which minikube profile runs it. The Workspace resolves it once from
// the command line, the settings and the deployment profile; the dashboard, the pipeline, the doctor,
// the Secrets page and every CLI command read it from there, and every kubectl/helm child is told the
// same thing through kubectlArguments()/helmArguments(). Qt Creator's Kit plays this part there.
struct ClusterTarget
{
    // In merge order. Empty: $KUBECONFIG, then ~/.kube/config (what kubectl itself reads).
    QStringList kubeconfigFiles;
    // Always a concrete name once resolved, so a `kubectl config use-context` in another terminal
    // cannot silently move a deploy to another cluster. Empty only when no kubeconfig exists yet.
    QString context;
    QString nameSpace;
    // The minikube profile (`minikube -p`) when the target is a minikube; empty otherwise.
    QString minikubeProfile;

    // What our own client loads: one file as --kubeconfig does, several merged as $KUBECONFIG does.
    kube::KubeconfigLoader::Options loaderOptions() const;
    // `--kubeconfig F --context C` for kubectl (and kubectl-ai), `--kubeconfig F --kube-context C` for
    // helm. Several files cannot be passed as a flag: they go through childEnvironment() instead.
    QStringList kubectlArguments() const;
    QStringList helmArguments() const;
    // KUBECONFIG for a child when several files are merged; empty otherwise.
    QMap<QString, QString> childEnvironment() const;
    // What choices are remembered under: the files as given, else those the default lookup reads
    // ($KUBECONFIG's, else ~/.kube/config).
    QString kubeconfigKey() const;

    bool operator==(const ClusterTarget& other) const = default;
};

} // namespace quayside
