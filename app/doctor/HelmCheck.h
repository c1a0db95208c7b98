#pragma once

#include "doctor/Check.h"

#include <QVersionNumber>

namespace quayside {

// "helm": Helm 3.12+ (Helm 2 needs Tiller and cannot install our chart).
class HelmCheck final : public Check
{
    Q_OBJECT
public:
    using Check::Check;
    static inline const QVersionNumber kMinimum { 3, 12 };

    QList<CheckResult> pending() const override;
    void start() override;
};

} // namespace quayside
