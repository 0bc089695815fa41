#pragma once

// Checks that AnalyticsRepository::sampleSums() agrees with the repository's separate figures.

#include "storage/analyticsrepository.h"

#include <QTest>

namespace SampleSums {

template<typename T> T valueOf(StorageResult<T> result)
{
    if (!result.ok())
        qFatal("storage failed: %s", qPrintable(result.error().message));
    return result.value();
}

// `sums` against `repository`'s other calls for the same filter (QCOMPARE: check QTest::currentTestFailed()).
inline void compareWithFigures(const RollupBucket &sums, AnalyticsRepository &repository, const SampleFilter &filter)
{
    const ConnectionTotals c = valueOf(repository.connectionTotals(filter));
    const ConnectionTotals sc = sums.connectionTotals();
    QCOMPARE(sc.samples, c.samples);
    QCOMPARE(sc.qualityScoreSum, c.qualityScoreSum);
    QCOMPARE(sc.successfulSamples, c.successfulSamples);
    QCOMPARE(sc.latencySum, c.latencySum);
    QCOMPARE(sc.bandwidthSum, c.bandwidthSum);

    const StreamingTotals s = valueOf(repository.streamingTotals(filter));
    const StreamingTotals ss = sums.streamingTotals();
    QCOMPARE(ss.samples, s.samples);
    QCOMPARE(ss.durationSecondsSum, s.durationSecondsSum);
    QCOMPARE(ss.bufferingSamples, s.bufferingSamples);
    QCOMPARE(ss.adaptiveSwitchesSum, s.adaptiveSwitchesSum);
    QCOMPARE(ss.qualityLevelScoreSum, s.qualityLevelScoreSum);

    const ConnectionBreakdown b = valueOf(repository.connectionBreakdown(filter));
    const ConnectionBreakdown sb = sums.breakdown();
    QCOMPARE(sb.byQuality, b.byQuality);
    QCOMPARE(sb.byType, b.byType);
    for (std::size_t i = 0; i < b.latencySumByType.size(); ++i)
        QCOMPARE(sb.latencySumByType[i], b.latencySumByType[i]);

    const MosDistribution m = valueOf(repository.mosDistribution(filter));
    const MosDistribution sm = sums.mosDistribution();
    QVERIFY(sm.histogram == m.histogram);
    QVERIFY(qAbs(sm.sum - m.sum) < 1e-9 * std::max(1.0, qAbs(m.sum)));
    if (m.histogram.total() > 0) {
        QVERIFY(qAbs(sm.smallest - m.smallest) < 1e-9);
        QVERIFY(qAbs(sm.largest - m.largest) < 1e-9);
    }

    const ConnectionDistributions d = valueOf(repository.connectionDistributions(filter));
    const ConnectionDistributions sd = sums.distributions();
    QCOMPARE(sd.samples, d.samples);
    QVERIFY(sd.latency == d.latency);
    QVERIFY(sd.jitter == d.jitter);
    QVERIFY(sd.packetLoss == d.packetLoss);
    if (d.samples > 0) {
        QCOMPARE(sd.latencyMin, d.latencyMin);
        QCOMPARE(sd.latencyMax, d.latencyMax);
        QCOMPARE(sd.jitterMin, d.jitterMin);
        QCOMPARE(sd.jitterMax, d.jitterMax);
        QCOMPARE(sd.packetLossMin, d.packetLossMin);
        QCOMPARE(sd.packetLossMax, d.packetLossMax);
    }
}

} // namespace SampleSums
