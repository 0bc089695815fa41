#include "rollupbucket.h"

#include "domain/emodel.h"
#include "domain/qualityscale.h"
#include "samplequery.h"

void RollupBucket::add(const ConnectionMetrics &m)
{
    const bool first = connectionSamples == 0;
    ++connectionSamples;
    qualityScoreSum += QualityScale::score(m.connectionQuality);
    successfulSamples += m.isSuccessful() ? 1 : 0;
    failedSamples += m.hasFailed() ? 1 : 0;
    poorSamples += m.connectionQuality == ConnectionQuality::Poor || m.connectionQuality == ConnectionQuality::Unusable;
    latencySum += m.latencyMs;
    bandwidthSum += m.bandwidthMbps;
    packetLossSum += m.packetLossPercent;
    jitterSum += m.jitterMs;
    const double score = EModel::mos(m.latencyMs, m.jitterMs, m.packetLossPercent);
    mosSum += score;
    latency.add(m.latencyMs, first);
    jitter.add(m.jitterMs, first);
    packetLoss.add(m.packetLossPercent, first);
    mos.add(score, first);
    latencyHistogram.add(LatencyHistogram::binOf(m.latencyMs));
    jitterHistogram.add(LatencyHistogram::binOf(m.jitterMs));
    packetLossHistogram.add(PacketLossHistogram::binOf(m.packetLossPercent));
    mosHistogram.add(MosHistogram::binOf(score));
    ++samplesByQuality.at(std::size_t(m.connectionQuality));
    ++samplesByType.at(std::size_t(m.connectionType));
    latencySumByType.at(std::size_t(m.connectionType)) += m.latencyMs;
}

void RollupBucket::add(const StreamingMetrics &m)
{
    ++streamingSamples;
    durationSecondsSum += m.durationSeconds;
    bufferingSamples += m.bufferLevelSeconds < StreamingTotals::BufferingThresholdSeconds ? 1 : 0;
    adaptiveSwitchesSum += m.adaptiveSwitches;
    qualityLevelScoreSum += QualityScale::score(m.qualityLevel);
    droppedFramesSum += m.droppedFrames;
    totalFramesSum += m.totalFrames;
}

void RollupBucket::add(const Metrics &sample)
{
    if (const auto *connection = std::get_if<ConnectionMetrics>(&sample))
        add(*connection);
    else if (const auto *streaming = std::get_if<StreamingMetrics>(&sample))
        add(*streaming);
}

void RollupBucket::merge(const RollupBucket &o)
{
    const bool mine = connectionSamples > 0;
    const bool theirs = o.connectionSamples > 0;
    latency.merge(o.latency, mine, theirs);
    jitter.merge(o.jitter, mine, theirs);
    packetLoss.merge(o.packetLoss, mine, theirs);
    mos.merge(o.mos, mine, theirs);
    connectionSamples += o.connectionSamples;
    qualityScoreSum += o.qualityScoreSum;
    successfulSamples += o.successfulSamples;
    failedSamples += o.failedSamples;
    poorSamples += o.poorSamples;
    latencySum += o.latencySum;
    bandwidthSum += o.bandwidthSum;
    packetLossSum += o.packetLossSum;
    jitterSum += o.jitterSum;
    mosSum += o.mosSum;
    latencyHistogram.merge(o.latencyHistogram);
    jitterHistogram.merge(o.jitterHistogram);
    packetLossHistogram.merge(o.packetLossHistogram);
    mosHistogram.merge(o.mosHistogram);
    for (std::size_t i = 0; i < samplesByQuality.size(); ++i)
        samplesByQuality[i] += o.samplesByQuality[i];
    for (std::size_t i = 0; i < samplesByType.size(); ++i) {
        samplesByType[i] += o.samplesByType[i];
        latencySumByType[i] += o.latencySumByType[i];
    }
    streamingSamples += o.streamingSamples;
    durationSecondsSum += o.durationSecondsSum;
    bufferingSamples += o.bufferingSamples;
    adaptiveSwitchesSum += o.adaptiveSwitchesSum;
    qualityLevelScoreSum += o.qualityLevelScoreSum;
    droppedFramesSum += o.droppedFramesSum;
    totalFramesSum += o.totalFramesSum;
}

ConnectionTotals RollupBucket::connectionTotals() const
{
    return { connectionSamples, qualityScoreSum, successfulSamples, latencySum, bandwidthSum, 0, 0 };
}

StreamingTotals RollupBucket::streamingTotals() const
{
    StreamingTotals totals;
    totals.samples = streamingSamples;
    totals.durationSecondsSum = durationSecondsSum;
    totals.bufferingSamples = bufferingSamples;
    totals.adaptiveSwitchesSum = adaptiveSwitchesSum;
    totals.qualityLevelScoreSum = qualityLevelScoreSum;
    return totals;
}

ConnectionBreakdown RollupBucket::breakdown() const
{
    return { samplesByQuality, samplesByType, latencySumByType };
}

MosDistribution RollupBucket::mosDistribution() const
{
    return { mosHistogram, mosSum, mos.smallest, mos.largest };
}

GroupTotals RollupBucket::groupTotals() const
{
    GroupTotals totals;
    totals.connectionSamples = connectionSamples;
    totals.latencySum = latencySum;
    totals.jitterSum = jitterSum;
    totals.packetLossSum = packetLossSum;
    totals.bandwidthSum = bandwidthSum;
    totals.mosSum = mosSum;
    totals.poorSamples = poorSamples;
    totals.failedSamples = failedSamples;
    totals.successfulSamples = successfulSamples;
    totals.streamingSamples = streamingSamples;
    totals.bufferingSamples = bufferingSamples;
    totals.droppedFrames = droppedFramesSum;
    totals.totalFrames = totalFramesSum;
    totals.adaptiveSwitches = adaptiveSwitchesSum;
    return totals;
}

ConnectionDistributions RollupBucket::distributions() const
{
    return { connectionSamples, latencyHistogram, jitterHistogram, packetLossHistogram, latency.smallest,
        latency.largest, jitter.smallest, jitter.largest, packetLoss.smallest, packetLoss.largest };
}

void ConnectionDistributions::merge(const ConnectionDistributions &o)
{
    if (o.samples == 0)
        return;
    const bool mine = samples > 0;
    latencyMin = mine ? std::min(latencyMin, o.latencyMin) : o.latencyMin;
    latencyMax = mine ? std::max(latencyMax, o.latencyMax) : o.latencyMax;
    jitterMin = mine ? std::min(jitterMin, o.jitterMin) : o.jitterMin;
    jitterMax = mine ? std::max(jitterMax, o.jitterMax) : o.jitterMax;
    packetLossMin = mine ? std::min(packetLossMin, o.packetLossMin) : o.packetLossMin;
    packetLossMax = mine ? std::max(packetLossMax, o.packetLossMax) : o.packetLossMax;
    samples += o.samples;
    latency.merge(o.latency);
    jitter.merge(o.jitter);
    packetLoss.merge(o.packetLoss);
}
