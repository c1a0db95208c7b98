#pragma once

#include "doctor/Check.h"

namespace quayside {

// "kubectl": the client and, when a cluster answers, the version skew kubectl supports (one minor).
class KubectlCheck final : public Check
{
    Q_OBJECT
public:
    using Check::Check;
    QList<CheckResult> pending() const override;
    void start() override;
};

} // namespace quayside
