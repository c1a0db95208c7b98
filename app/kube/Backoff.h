#pragma once

#include "core/Clock.h"

#include <chrono>
#include <functional>

namespace quayside::kube {

// Exponential backoff with jitter, as client-go's reflector uses it
// (wait.NewExponentialBackoffManager(800ms, 30s, 2min, 2.0, 1.0, clock) in tools/cache/reflector.go):
// 0.8 s, 1.6 s, 3.2 s ... capped at 30 s, and back to 0.8 s once two minutes have passed since the
// previous backoff (the connection was healthy that long).
//
// Jitter spreads reconnecting clients apart after an API server restart. Unlike client-go (which adds
// up to 100 % on top and so can wait 60 s), the jittered delay here never exceeds the cap: the delay is
// step * (1 + jitter * r) clamped to the cap, with r drawn from the injected random source in [0, 1).
class Backoff
{
public:
    using Random = std::function<double()>; // uniform in [0, 1)

    struct Parameters
    {
        std::chrono::milliseconds initial { 800 };
        std::chrono::milliseconds cap { 30'000 };
        std::chrono::milliseconds resetAfter { 120'000 };
        double factor = 2.0;
        double jitter = 0.25;
    };

    // The clock and the random source are injected so tests get exact delays.
    explicit Backoff(const Clock* clock = nullptr, Random random = {});
    Backoff(Parameters parameters, const Clock* clock, Random random = {});

    // The delay before the next attempt; advances the step.
    std::chrono::milliseconds next();
    void reset();
    int attempts() const { return m_step; }
    const Parameters& parameters() const { return m_parameters; }

    static Random defaultRandom();

private:
    Parameters m_parameters;
    const Clock* m_clock;
    Random m_random;
    int m_step = 0;
    bool m_hasLast = false;
    std::chrono::steady_clock::time_point m_last {};
};

} // namespace quayside::kube
