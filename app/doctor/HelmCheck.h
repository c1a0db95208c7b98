#pragma once

#include "doctor/Check.h"

#include <QVersionNumber>

namespace quayside {

// "helm": Helm 3.12+ or Helm 4 (Helm 2 needs Tiller and cannot install our chart). Deploys pass each
// major version its own flags (pipeline/HelmCommands); a newer major one than 4 is accepted with a
// warning, since it gets Helm 4's.
class HelmCheck final : public Check
{
    Q_OBJECT
public:
    using Check::Check;
    static inline const QVersionNumber kMinimum { 3, 12 };
    static constexpr int kNewestTestedMajor = 4;

    QList<CheckResult> pending() const override;
    void start() override;
};

} // namespace quayside
