#include "latencyhistogram.h"

#include "binnedpercentile.h"

#include <algorithm>
#include <numeric>

static_assert(LatencyHistogram::Ranges.back().firstBin
            + int((LatencyHistogram::Ranges.back().to - LatencyHistogram::Ranges.back().from)
                / LatencyHistogram::Ranges.back().width)
        == LatencyHistogram::OverflowBin,
    "the ranges must end where the overflow bin begins");

int LatencyHistogram::binOf(quint32 latencyMs)
{
    for (const Range &range : Ranges) {
        if (latencyMs < range.to)
            return range.firstBin + int((latencyMs - range.from) / range.width);
    }
    return OverflowBin;
}

quint32 LatencyHistogram::lowerBound(int bin)
{
    for (const Range &range : Ranges) {
        const int bins = int((range.to - range.from) / range.width);
        if (bin < range.firstBin + bins)
            return range.from + quint32(bin - range.firstBin) * range.width;
    }
    return Ranges.back().to;
}

qint64 LatencyHistogram::total() const
{
    return std::accumulate(m_counts.begin(), m_counts.end(), qint64(0));
}

double LatencyHistogram::percentile(double fraction, double smallest, double largest) const
{
    const double estimate = binnedPercentile(
        m_counts,
        [&](int bin) {
            const double from = lowerBound(bin);
            // The open bin has no width to interpolate over; the largest sample bounds it.
            return std::make_pair(from, bin == OverflowBin ? std::max(from, largest) : double(lowerBound(bin + 1)));
        },
        fraction);
    return total() == 0 ? 0 : std::clamp(estimate, smallest, largest);
}
