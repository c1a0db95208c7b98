#pragma once

#include "kube/Kubeconfig.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace quayside::kube {

// A kubeconfig holding one context of a (merged) Kubeconfig, its cluster and its user, and nothing
// else, with that context current — what a child that takes --kubeconfig but no --context (kubectl-ai,
// kagent) is given. Paths stay absolute, embedded data is written back as *-data. Credentials that
// cannot be carried over faithfully (a legacy auth-provider, basic auth) are an error, not dropped.
class KubeconfigExport
{
public:
    static std::optional<QByteArray> minimal(const Kubeconfig& config, const QString& context, QString* error);
};

} // namespace quayside::kube
