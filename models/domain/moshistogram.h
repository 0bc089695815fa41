#pragma once

#include "domain/emodel.h"

#include <QtGlobal>

#include <array>

/**
 * E-model MOS values counted in bins 0.05 wide from 1.0 to 4.5 (the last bin holds 4.5 too), so that
 * their percentiles can be read from counts: an estimate is off by at most 0.05.
 */
class MosHistogram
{
public:
    static constexpr double BinWidth = 0.05;
    static constexpr int BinCount = 70; // (HighestMos - LowestMos) / BinWidth

    static int binOf(double mos);
    static double lowerBound(int bin) { return EModel::LowestMos + BinWidth * bin; }

    void add(int bin, qint64 count = 1) { m_counts.at(std::size_t(bin)) += count; }
    qint64 count(int bin) const { return m_counts.at(std::size_t(bin)); }
    // Adds another histogram's counts (of another time bucket or store).
    void merge(const MosHistogram &other)
    {
        for (std::size_t bin = 0; bin < m_counts.size(); ++bin)
            m_counts[bin] += other.m_counts[bin];
    }
    qint64 total() const;
    // Interpolated within its bin and kept within the smallest and largest value; 0 without values.
    double percentile(double fraction, double smallest, double largest) const;

    friend bool operator==(const MosHistogram &, const MosHistogram &) = default;

private:
    std::array<qint64, BinCount> m_counts {};
};

/** The MOS of a set of connection samples: their distribution, sum and range. */
struct MosDistribution
{
    MosHistogram histogram;
    double sum = 0;
    double smallest = 0;
    double largest = 0;
};
