#pragma once

#include <QtGlobal>

#include <array>

/**
 * Packet-loss percentages counted in fixed bins, so that their percentiles can be read from counts
 * that add up across time buckets: 0.1 % wide below 2 %, 0.5 % wide up to 10 %, 5 % wide up to 100 %
 * (the last bin holds 100 % too). An estimate is off by at most one bin's width.
 */
class PacketLossHistogram
{
public:
    static constexpr int FineBins = 20; // [0, 2) by 0.1
    static constexpr int MediumBins = 16; // [2, 10) by 0.5
    static constexpr int CoarseBins = 18; // [10, 100] by 5
    static constexpr int BinCount = FineBins + MediumBins + CoarseBins;

    static int binOf(double percent);
    static double lowerBound(int bin);

    void add(int bin, qint64 count = 1) { m_counts.at(std::size_t(bin)) += count; }
    qint64 count(int bin) const { return m_counts.at(std::size_t(bin)); }
    // Adds another histogram's counts (of another time bucket or store).
    void merge(const PacketLossHistogram &other)
    {
        for (std::size_t bin = 0; bin < m_counts.size(); ++bin)
            m_counts[bin] += other.m_counts[bin];
    }
    qint64 total() const;
    // Interpolated within its bin and kept within the smallest and largest value; 0 without values.
    double percentile(double fraction, double smallest, double largest) const;

    friend bool operator==(const PacketLossHistogram &, const PacketLossHistogram &) = default;

private:
    std::array<qint64, BinCount> m_counts {};
};
