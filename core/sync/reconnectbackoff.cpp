#include "reconnectbackoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace tandem::sync {

ReconnectBackoff::ReconnectBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, Random random)
    : m_base(std::max(base, std::chrono::milliseconds(1)))
    , m_cap(std::max(cap, m_base))
    , m_random(std::move(random))
{
    if (!m_random)
        m_random = [] {
            return QRandomGenerator::global()->generateDouble();
        };
}

std::chrono::milliseconds ReconnectBackoff::ceiling() const
{
    // Doubling past the cap only overflows; 2^40 ms is far beyond any cap.
    const int exponent = std::min(m_attempt, 40);
    const double bound = double(m_base.count()) * std::ldexp(1.0, exponent);
    return std::chrono::milliseconds(qint64(std::min(bound, double(m_cap.count()))));
}

std::chrono::milliseconds ReconnectBackoff::next()
{
    const double ceilingMs = double(ceiling().count());
    const double fraction = std::clamp(m_random(), 0.0, 1.0);
    if (m_attempt < 1'000'000)
        ++m_attempt;
    return std::chrono::milliseconds(qint64(std::llround(fraction * ceilingMs)));
}

} // namespace tandem::sync
