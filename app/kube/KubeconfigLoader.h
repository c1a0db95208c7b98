#pragma once

#include "kube/Kubeconfig.h"
#include "kube/RestConfig.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace quayside::kube {

// Finds, reads, merges and resolves kubeconfig files the way kubectl does:
//   --kubeconfig FILE      exactly that file (it must exist);
//   $KUBECONFIG a:b:c      those files merged, first wins, missing ones skipped;
//   otherwise              ~/.kube/config.
// Then the context (--context, else current-context) picks the cluster and user, and the namespace
// is -n, else the context's namespace, else "default".
class KubeconfigLoader
{
public:
    struct Options
    {
        QString explicitPath; // --kubeconfig
        QString context; // --context
        QString nameSpace; // -n
        // $KUBECONFIG; std::nullopt reads the environment. Tests pass a value.
        std::optional<QString> kubeconfigEnv;
        QString homeDirectory; // empty: QDir::homePath()
    };

    // The files that would be read, in order.
    static QStringList candidateFiles(const Options& options);
    // Reads and merges them. Errors name the file (and line for YAML errors).
    static std::optional<Kubeconfig> loadMerged(const Options& options, QString* error);
    // Resolves the context: reads the certificate, key and CA files and parses the PEM data.
    static std::optional<RestConfig> resolve(const Kubeconfig& config, const Options& options, QString* error);
    // loadMerged + resolve.
    static std::optional<RestConfig> load(const Options& options, QString* error);
};

} // namespace quayside::kube
