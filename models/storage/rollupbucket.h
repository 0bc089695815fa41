#pragma once

#include "domain/latencyhistogram.h"
#include "domain/metrics.h"
#include "domain/moshistogram.h"
#include "domain/packetlosshistogram.h"
#include "samplequery.h"

#include <array>

/** The smallest and largest of a set of values; meaningless while empty. */
template<typename T> struct Extremes
{
    T smallest {};
    T largest {};

    void add(T value, bool first)
    {
        smallest = first ? value : std::min(smallest, value);
        largest = first ? value : std::max(largest, value);
    }
    void merge(const Extremes &other, bool mine, bool theirs)
    {
        if (!theirs)
            return;
        smallest = mine ? std::min(smallest, other.smallest) : other.smallest;
        largest = mine ? std::max(largest, other.largest) : other.largest;
    }
    friend bool operator==(const Extremes &, const Extremes &) = default;
};

/**
 * Everything the fleet's figures need from the connection and streaming samples of one time bucket:
 * counts, sums, extremes and fixed-bin histograms, all of which add up across buckets. The writer
 * keeps one per minute, ten minutes, hour and day next to the raw rows (p2p_rollups); readers add up
 * the buckets a window covers instead of reading its raw rows, and the raw rows at its ends with the
 * same add(). A whole window's sums are one bucket too (AnalyticsRepository::sampleSums).
 */
struct RollupBucket
{
    qint64 connectionSamples = 0;
    qint64 qualityScoreSum = 0; // QualityScale::score of the reported quality
    qint64 successfulSamples = 0; // ConnectionMetrics::isSuccessful
    qint64 failedSamples = 0; // ConnectionMetrics::hasFailed
    qint64 poorSamples = 0; // reported Poor or Unusable
    double latencySum = 0;
    double bandwidthSum = 0;
    double packetLossSum = 0;
    double jitterSum = 0;
    double mosSum = 0; // EModel::mos
    Extremes<quint32> latency;
    Extremes<quint32> jitter;
    Extremes<double> packetLoss;
    Extremes<double> mos;
    LatencyHistogram latencyHistogram;
    LatencyHistogram jitterHistogram; // jitter is in milliseconds too
    PacketLossHistogram packetLossHistogram;
    MosHistogram mosHistogram;
    std::array<qint64, 5> samplesByQuality {}; // by ConnectionQuality
    std::array<qint64, 4> samplesByType {}; // by ConnectionType
    std::array<double, 4> latencySumByType {};

    qint64 streamingSamples = 0;
    double durationSecondsSum = 0;
    qint64 bufferingSamples = 0; // buffer_level_seconds < StreamingTotals::BufferingThresholdSeconds
    qint64 adaptiveSwitchesSum = 0;
    qint64 qualityLevelScoreSum = 0;
    qint64 droppedFramesSum = 0;
    qint64 totalFramesSum = 0;

    void add(const ConnectionMetrics &sample);
    void add(const StreamingMetrics &sample);
    // Connection and streaming samples count; network and system samples have no rollup.
    void add(const Metrics &sample);
    void merge(const RollupBucket &other);

    // The bucket in the repository's terms. Distinct counts are not sums: those of the totals stay 0.
    ConnectionTotals connectionTotals() const;
    StreamingTotals streamingTotals() const;
    ConnectionBreakdown breakdown() const;
    MosDistribution mosDistribution() const;
    ConnectionDistributions distributions() const;
    GroupTotals groupTotals() const; // of SampleGroup::Global

    friend bool operator==(const RollupBucket &, const RollupBucket &) = default;
};
