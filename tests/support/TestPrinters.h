#pragma once

// QCOMPARE prints values with a toString() found by argument-dependent lookup; these make failures
// readable for Quayside's own enums.
#include "process/ToolResult.h"

#include <QTest>

namespace quayside {

inline char* toString(ToolResult::Outcome outcome)
{
    return QTest::toString(quayside::outcomeName(outcome));
}

} // namespace quayside
