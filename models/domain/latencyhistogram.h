#pragma once

#include <QtGlobal>

#include <array>

/**
 * Latency samples counted in fixed bins, so that percentiles can be read from counts that add up
 * across time buckets and stores. Bins are 1 ms wide below 10 ms, then 18 equal bins per decade
 * (5 ms up to 100 ms, 50 ms up to 1 s, 500 ms up to 10 s), and one open bin from 10 s: an estimate
 * is off by at most one bin's width, which is 5% of the decade.
 */
class LatencyHistogram
{
public:
    // A run of equal bins: [from, to) split into bins `width` wide, the first of which is `firstBin`.
    struct Range
    {
        quint32 from;
        quint32 to;
        quint32 width;
        int firstBin;
    };
    static constexpr std::array<Range, 4> Ranges { { { 0, 10, 1, 0 }, { 10, 100, 5, 10 }, { 100, 1000, 50, 28 },
        { 1000, 10000, 500, 46 } } };
    // Everything from the last range's end on.
    static constexpr int OverflowBin = 64;
    static constexpr int BinCount = OverflowBin + 1;

    static int binOf(quint32 latencyMs);
    static quint32 lowerBound(int bin);

    void add(int bin, qint64 count = 1) { m_counts.at(std::size_t(bin)) += count; }
    qint64 count(int bin) const { return m_counts.at(std::size_t(bin)); }
    // Adds another histogram's counts (of another time bucket or store).
    void merge(const LatencyHistogram &other)
    {
        for (std::size_t bin = 0; bin < m_counts.size(); ++bin)
            m_counts[bin] += other.m_counts[bin];
    }
    qint64 total() const;

    // The latency below which `fraction` (0..1) of the samples lie, interpolated linearly within its
    // bin and kept within the smallest and largest sample; 0 without samples.
    double percentile(double fraction, double smallest, double largest) const;

    friend bool operator==(const LatencyHistogram &, const LatencyHistogram &) = default;

private:
    std::array<qint64, BinCount> m_counts {};
};
