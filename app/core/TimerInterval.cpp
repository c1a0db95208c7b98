#include "core/TimerInterval.h"

#include <limits>

namespace quayside {

int timerMilliseconds(std::chrono::milliseconds duration)
{
    constexpr auto kMax = std::numeric_limits<int>::max();
    const auto count = duration.count();
    if (count <= 0)
        return 0;
    if (count >= kMax)
        return kMax;
    return static_cast<int>(count);
}

} // namespace quayside
