#pragma once

#include "ResourceRegistry.h"

#include <QJsonObject>

namespace quayside::test {

// Aggregated discovery (KEP 3352; https://kubernetes.io/docs/concepts/overview/kubernetes-api/#aggregated-discovery):
// every group, version and resource in one APIGroupDiscoveryList per endpoint, /api for the core group
// and /apis for the others (metrics.k8s.io included, as kube-aggregator merges it in). client-go asks
// for it first on /api and /apis, and when a server offers it skips the request per group version that
// the legacy documents need.
class AggregatedDiscovery
{
public:
    // `version`: "v2" or "v2beta1" (the same document under another apiVersion).
    static QJsonObject document(const ResourceRegistry& registry, bool core, bool metrics, const QString& version);
};

} // namespace quayside::test
