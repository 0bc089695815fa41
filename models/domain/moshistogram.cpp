#include "moshistogram.h"

#include "binnedpercentile.h"

#include <cmath>

static_assert(MosHistogram::BinCount * MosHistogram::BinWidth > EModel::HighestMos - EModel::LowestMos - 1e-9);

int MosHistogram::binOf(double mos)
{
    return std::clamp(int(std::floor((mos - EModel::LowestMos) / BinWidth)), 0, BinCount - 1);
}

qint64 MosHistogram::total() const
{
    return std::accumulate(m_counts.begin(), m_counts.end(), qint64(0));
}

double MosHistogram::percentile(double fraction, double smallest, double largest) const
{
    if (total() == 0)
        return 0;
    const double estimate = binnedPercentile(
        m_counts, [](int bin) { return std::make_pair(lowerBound(bin), lowerBound(bin + 1)); }, fraction);
    return std::clamp(estimate, smallest, largest);
}
