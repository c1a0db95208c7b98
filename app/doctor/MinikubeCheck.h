#pragma once

#include "doctor/Check.h"

#include <QVersionNumber>

namespace quayside {

// "minikube": the CLI and its version; "minikube-cluster": whether the profile's cluster runs, and on
// which driver.
class MinikubeCheck final : public Check
{
    Q_OBJECT
public:
    using Check::Check;
    static inline const QVersionNumber kMinimum { 1, 32 };

    QList<CheckResult> pending() const override;
    void start() override;

private:
    void checkCluster();
    CheckResult clusterBase() const;
};

} // namespace quayside
