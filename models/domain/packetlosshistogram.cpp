#include "packetlosshistogram.h"

#include "binnedpercentile.h"

#include <cmath>

int PacketLossHistogram::binOf(double percent)
{
    // Multiplied rather than divided, so that a value posted as 0.3 lands in the bin that starts at 0.3.
    if (percent < 2)
        return std::max(0, int(std::floor(percent * 10)));
    if (percent < 10)
        return FineBins + int(std::floor((percent - 2) * 2));
    return std::min(BinCount - 1, FineBins + MediumBins + int(std::floor((percent - 10) / 5)));
}

double PacketLossHistogram::lowerBound(int bin)
{
    if (bin < FineBins)
        return 0.1 * bin;
    if (bin < FineBins + MediumBins)
        return 2 + 0.5 * (bin - FineBins);
    return 10 + 5.0 * (bin - FineBins - MediumBins);
}

qint64 PacketLossHistogram::total() const
{
    return std::accumulate(m_counts.begin(), m_counts.end(), qint64(0));
}

double PacketLossHistogram::percentile(double fraction, double smallest, double largest) const
{
    if (total() == 0)
        return 0;
    const double estimate = binnedPercentile(
        m_counts, [](int bin) { return std::make_pair(lowerBound(bin), lowerBound(bin + 1)); }, fraction);
    return std::clamp(estimate, smallest, largest);
}
