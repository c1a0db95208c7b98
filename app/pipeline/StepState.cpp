#include "pipeline/StepState.h"

namespace quayside {

QString stepStateName(StepState state)
{
    switch (state) {
    case StepState::Pending:
        return QStringLiteral("pending");
    case StepState::Running:
        return QStringLiteral("running");
    case StepState::Done:
        return QStringLiteral("done");
    case StepState::Skipped:
        return QStringLiteral("skipped");
    case StepState::Failed:
        return QStringLiteral("failed");
    case StepState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

bool isFinal(StepState state)
{
    return state != StepState::Pending && state != StepState::Running;
}

} // namespace quayside
