#pragma once

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <numeric>

// The value below which `fraction` (0..1) of the samples counted in `counts` lie: found in the first
// bin whose cumulative count reaches the rank, and interpolated linearly between that bin's edges
// (`edges(bin)` gives its lower and upper bound). 0 without samples.
template<std::size_t N, typename Edges>
double binnedPercentile(const std::array<qint64, N> &counts, Edges edges, double fraction)
{
    const qint64 samples = std::accumulate(counts.begin(), counts.end(), qint64(0));
    if (samples == 0)
        return 0;
    const double rank = std::clamp(fraction, 0.0, 1.0) * double(samples);
    qint64 below = 0;
    std::size_t bin = 0;
    while (bin + 1 < N && double(below + counts.at(bin)) < rank)
        below += counts.at(bin++);
    const auto [from, to] = edges(int(bin));
    const qint64 inBin = counts.at(bin);
    return inBin > 0 ? from + (to - from) * (rank - double(below)) / double(inBin) : from;
}
