#pragma once

#include "doctor/Check.h"

namespace quayside {

// The AI helpers (kubectl-ai, kagent, Docker's Gordon). Optional: reported, never failing the doctor.
class OptionalToolCheck final : public Check
{
    Q_OBJECT
public:
    enum class Tool { KubectlAi, Kagent, Gordon };
    OptionalToolCheck(Tool tool, CheckContext context, QObject* parent = nullptr);

    QList<CheckResult> pending() const override;
    void start() override;

private:
    Tool m_tool;
};

} // namespace quayside
