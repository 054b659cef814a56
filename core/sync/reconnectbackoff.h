#pragma once

#include <chrono>
#include <functional>

namespace tandem::sync {

// Full-jitter exponential backoff: the n-th delay (n from 0) is uniform in
// [0, min(cap, base * 2^n)], so a thousand clients cut off together come back
// spread out instead of in one wave.
class ReconnectBackoff final
{
public:
    using Random = std::function<double()>; // uniform in [0, 1]

    // `random` defaults to QRandomGenerator::global().
    ReconnectBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, Random random = {});

    // The upper bound of the next delay: min(cap, base * 2^attempt()).
    std::chrono::milliseconds ceiling() const;
    // Draws the next delay and counts the attempt.
    std::chrono::milliseconds next();
    // After a connection that stayed up: start again from `base`.
    void reset() { m_attempt = 0; }
    int attempt() const { return m_attempt; }

private:
    std::chrono::milliseconds m_base;
    std::chrono::milliseconds m_cap;
    Random m_random;
    int m_attempt = 0;
};

} // namespace tandem::sync
