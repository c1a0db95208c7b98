#pragma once

#include <chrono>

namespace quayside {

// QTimer takes int milliseconds and its std::chrono overloads just cast, so 2^32 + 100 ms becomes a
// 100 ms timer and a larger value a negative one. Every duration from settings, the profile or the
// command line goes through this before it reaches a timer: clamped to [0, INT_MAX] (about 24.8 days).
int timerMilliseconds(std::chrono::milliseconds duration);

} // namespace quayside
