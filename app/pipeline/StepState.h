#pragma once

#include <QMetaType>
#include <QString>

namespace quayside {

// The life of one pipeline step. Done, Skipped, Failed and Cancelled are final until a retry resets
// the step to Pending.
enum class StepState {
    Pending,
    Running,
    Done,
    Skipped, // nothing to do (an image already built, --no-wait) or not applicable
    Failed,
    Cancelled,
};

// "pending", "running", "done", "skipped", "failed", "cancelled": for `-o json` and tests.
QString stepStateName(StepState state);
bool isFinal(StepState state);

} // namespace quayside

Q_DECLARE_METATYPE(quayside::StepState)
