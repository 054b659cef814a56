#pragma once

#include <QList>

#include <algorithm>

namespace tandem::bench {

// The value below which `share` (0..1) of the samples fall (nearest rank).
inline double percentile(QList<double> samples, double share)
{
    if (samples.isEmpty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const auto rank = qsizetype(share * double(samples.size() - 1) + 0.5);
    return samples.at(std::clamp<qsizetype>(rank, 0, samples.size() - 1));
}

inline double median(const QList<double> &samples)
{
    return percentile(samples, 0.5);
}

} // namespace tandem::bench
