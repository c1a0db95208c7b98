#include "kube/Backoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace quayside::kube {

Backoff::Backoff(const Clock* clock, Random random)
    : Backoff(Parameters(), clock, std::move(random))
{ }

Backoff::Backoff(Parameters parameters, const Clock* clock, Random random)
    : m_parameters(parameters)
    , m_clock(clock ? clock : &Clock::instance())
    , m_random(random ? std::move(random) : defaultRandom())
{ }

Backoff::Random Backoff::defaultRandom()
{
    return [] { return QRandomGenerator::global()->generateDouble(); };
}

std::chrono::milliseconds Backoff::next()
{
    const auto now = m_clock->steadyNow();
    if (m_hasLast && now - m_last >= m_parameters.resetAfter)
        m_step = 0;
    m_hasLast = true;
    m_last = now;

    const double initial = static_cast<double>(m_parameters.initial.count());
    const double cap = static_cast<double>(m_parameters.cap.count());
    const double step = std::min(cap, initial * std::pow(m_parameters.factor, m_step));
    if (step < cap)
        ++m_step;
    const double r = std::clamp(m_random(), 0.0, 1.0);
    const double delay = std::min(cap, step * (1.0 + m_parameters.jitter * r));
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(delay)));
}

void Backoff::reset()
{
    m_step = 0;
    m_hasLast = false;
}

} // namespace quayside::kube
