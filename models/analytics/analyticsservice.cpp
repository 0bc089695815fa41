#include "analyticsservice.h"

#include "domain/emodel.h"
#include "domain/qualityscale.h"

#include <cmath>
#include <map>
#include <set>

namespace {

constexpr double BytesPerGiB = 1024.0 * 1024.0 * 1024.0;

ConnectionQuality sessionQuality(const SessionSummary &summary)
{
    if (summary.connectionSamples == 0)
        return QualityScale::NoSamplesQuality;
    return QualityScale::connectionQualityFromScore(
        AnalyticsService::mean(double(summary.qualityScoreSum), summary.connectionSamples));
}

// A period's length in whole units, rounded up: a report over 36 h covers 2 days.
int unitsIn(const TimeWindow &period, qint64 unitSeconds)
{
    const qint64 seconds = period.from.secsTo(period.to);
    return int((seconds + unitSeconds - 1) / unitSeconds);
}

// The mean of the sessions' mean scores; sessions without connection samples have no score to add.
// Of SessionSummary or SessionScore, which have the same two fields.
template<typename Session> ConnectionQuality qualityAcrossSessions(const QList<Session> &summaries)
{
    double scoreSum = 0;
    qint64 scored = 0;
    for (const Session &summary : summaries) {
        if (summary.connectionSamples == 0)
            continue;
        scoreSum += double(summary.qualityScoreSum) / double(summary.connectionSamples);
        ++scored;
    }
    return scored == 0 ? QualityScale::NoSamplesQuality : QualityScale::connectionQualityFromScore(scoreSum / scored);
}

// What a user's figures add up over its sessions: the user's samples are those of its sessions.
struct UserSums
{
    qint64 connectionSamples = 0;
    qint64 successfulSamples = 0;
    double streamingSeconds = 0;
};

UserSums sumsOf(const QList<SessionSummary> &summaries)
{
    UserSums sums;
    for (const SessionSummary &summary : summaries) {
        sums.connectionSamples += summary.connectionSamples;
        sums.successfulSamples += summary.successfulSamples;
        sums.streamingSeconds += summary.streamingSeconds;
    }
    return sums;
}

} // namespace

// The contract's rates are 100 % when nothing was sampled.
double AnalyticsService::percentOf(qint64 part, qint64 whole)
{
    return whole == 0 ? 100.0 : 100.0 * double(part) / double(whole);
}

double AnalyticsService::mean(double sum, qint64 count)
{
    return count == 0 ? 0.0 : sum / double(count);
}

AnalyticsService::AnalyticsService(std::shared_ptr<AnalyticsRepository> repository, std::shared_ptr<const Clock> clock)
    : m_repository(std::move(repository))
    , m_clock(std::move(clock))
{ }

qint64 AnalyticsService::defaultBucketSeconds(int hours)
{
    return hours > 6 ? 3600 : 300;
}

void AnalyticsService::setIngestWriter(std::shared_ptr<IngestWriter> writer)
{
    m_writer = std::move(writer);
}

QList<MetricRecord> AnalyticsService::stamped(const QList<Metrics> &samples) const
{
    const QDateTime now = m_clock->now();
    QList<MetricRecord> records;
    records.reserve(samples.size());
    for (const Metrics &metrics : samples)
        records.append({ metrics, now });
    return records;
}

StorageResult<QList<StoredRecord>> AnalyticsService::record(const QList<Metrics> &samples)
{
    return m_writer ? m_writer->submitAndWait(stamped(samples)) : m_repository->store(stamped(samples));
}

std::optional<StorageError> AnalyticsService::submit(
    const QList<Metrics> &samples, QObject *context, IngestWriter::Done done)
{
    Q_ASSERT(m_writer);
    return m_writer->submit(stamped(samples), context, std::move(done));
}

std::optional<StorageError> AnalyticsService::checkHealth()
{
    return m_repository->checkHealth();
}

SessionAnalytics AnalyticsService::analyticsOf(const SessionSummary &summary)
{
    SessionAnalytics analytics;
    analytics.sessionId = summary.session.sessionId;
    analytics.userId = summary.session.userId;
    analytics.totalConnections = summary.distinctConnections;
    analytics.totalStreamingSessions = summary.distinctStreams;
    analytics.averageConnectionQuality = sessionQuality(summary);
    analytics.totalStreamingHours = summary.streamingSeconds / 3600.0;
    analytics.successRatePercent = percentOf(summary.successfulSamples, summary.connectionSamples);
    analytics.createdAt = summary.session.createdAt;
    analytics.updatedAt = summary.session.updatedAt;
    if (summary.connectionSamples > 0) {
        analytics.averageMos = summary.mosSum / double(summary.connectionSamples);
        analytics.computedQuality = EModel::qualityFromMos(*analytics.averageMos);
        analytics.qualityMismatch
            = EModel::classDistance(analytics.averageConnectionQuality, *analytics.computedQuality)
            >= EModel::UntrustedDistance;
    }
    return analytics;
}

StorageResult<std::optional<SessionAnalytics>> AnalyticsService::sessionAnalytics(const QString &sessionId)
{
    TRY_STORAGE(summaries, m_repository->sessionSummaries({ std::nullopt, QString(), sessionId }));
    if (summaries.isEmpty())
        return std::optional<SessionAnalytics>();
    return std::optional<SessionAnalytics>(analyticsOf(summaries.constFirst()));
}

StorageResult<QList<SessionOverview>> AnalyticsService::sessionsActiveIn(qint64 windowSeconds)
{
    return sessionOverviews({ TimeWindow::endingAt(m_clock->now(), windowSeconds), QString(), QString() });
}

StorageResult<QList<SessionOverview>> AnalyticsService::sessionOverviews(const SampleFilter &filter)
{
    const ReadSnapshot readSnapshot(*m_repository);
    if (readSnapshot.failure())
        return *readSnapshot.failure();
    TRY_STORAGE(summaries, m_repository->sessionSummaries(filter));
    TRY_STORAGE(peers, m_repository->sessionPeers(filter));
    // Ordered sets: the overview lists peers sorted and types in the enum's order.
    std::map<QString, std::pair<std::set<QString>, std::set<ConnectionType>>> usedBySession;
    for (const SessionPeer &peer : peers) {
        auto &[peerIds, types] = usedBySession[peer.sessionId];
        peerIds.insert(peer.peerId);
        types.insert(peer.connectionType);
    }
    QList<SessionOverview> sessions;
    sessions.reserve(summaries.size());
    for (const SessionSummary &summary : summaries) {
        SessionOverview overview { analyticsOf(summary), {}, {} };
        if (const auto used = usedBySession.find(summary.session.sessionId); used != usedBySession.end()) {
            const auto &[peerIds, types] = used->second;
            overview.peerIds = QStringList(peerIds.cbegin(), peerIds.cend());
            overview.connectionTypes = QList<ConnectionType>(types.cbegin(), types.cend());
        }
        sessions.append(overview);
    }
    return sessions;
}

StorageResult<UserAnalytics> AnalyticsService::userAnalytics(const QString &userId)
{
    TRY_STORAGE(summaries, m_repository->sessionSummaries({ std::nullopt, userId, QString() }));
    UserAnalytics analytics;
    analytics.userId = userId;
    analytics.totalSessions = summaries.size();
    for (const SessionSummary &summary : summaries)
        analytics.sessions.append({ summary.session.sessionId, summary.session.createdAt, summary.distinctConnections,
            summary.distinctStreams, sessionQuality(summary) });
    const UserSums sums = sumsOf(summaries);
    analytics.totalStreamingHours = sums.streamingSeconds / 3600.0;
    analytics.averageConnectionQuality = qualityAcrossSessions(summaries);
    analytics.successRatePercent = percentOf(sums.successfulSamples, sums.connectionSamples);
    return analytics;
}

// Everything the fleet figures of one window are made of, read once.
struct AnalyticsService::WindowTotals
{
    QList<SessionScore> sessions;
    RollupBucket sums; // of the connection and streaming samples
    SystemTotals system;
    quint64 transferredBytes = 0;
    qint64 peakConcurrentUsers = 0;
};

StorageResult<AnalyticsService::WindowTotals> AnalyticsService::windowTotals(const SampleFilter &window)
{
    TRY_STORAGE(sessions, m_repository->sessionScores(window));
    TRY_STORAGE(sums, m_repository->sampleSums(window));
    TRY_STORAGE(system, m_repository->systemTotals(window));
    TRY_STORAGE(bytes, m_repository->transferredBytes(window));
    TRY_STORAGE(peakUsers, m_repository->peakConcurrentUsers(window));
    return WindowTotals { sessions, sums, system, bytes, peakUsers };
}

std::optional<MosFigures> AnalyticsService::mosFiguresOf(const MosDistribution &distribution)
{
    const qint64 samples = distribution.histogram.total();
    if (samples == 0)
        return std::nullopt;
    return MosFigures { distribution.sum / double(samples),
        distribution.histogram.percentile(0.05, distribution.smallest, distribution.largest) };
}

AggregatedStats AnalyticsService::statsOf(const WindowTotals &totals, int hours, const QDateTime &now)
{
    AggregatedStats stats;
    stats.periodHours = hours;
    stats.totalSessions = totals.sessions.size();
    const RollupBucket &sums = totals.sums;
    stats.totalStreamingHours = sums.durationSecondsSum / 3600.0;
    stats.averageConnectionQuality = qualityAcrossSessions(totals.sessions);
    stats.averageLatencyMs = mean(sums.latencySum, sums.connectionSamples);
    stats.averageBandwidthMbps = mean(sums.bandwidthSum, sums.connectionSamples);
    stats.totalDataTransferredGb = double(totals.transferredBytes) / BytesPerGiB;
    stats.successRatePercent = percentOf(sums.successfulSamples, sums.connectionSamples);
    stats.peakConcurrentUsers = totals.peakConcurrentUsers;
    stats.averageCpuUsagePercent = mean(totals.system.cpuUsageSum, totals.system.samples);
    stats.averageMemoryUsageMb = qint64(std::floor(mean(totals.system.memoryUsageSum, totals.system.samples)));
    stats.generatedAt = now;
    stats.mos = mosFiguresOf(sums.mosDistribution());
    const ConnectionDistributions d = sums.distributions();
    if (d.samples > 0) {
        auto percentiles = [](const auto &histogram, double smallest, double largest) {
            return Percentiles { histogram.percentile(0.50, smallest, largest),
                histogram.percentile(0.95, smallest, largest), histogram.percentile(0.99, smallest, largest) };
        };
        stats.latencyMs = percentiles(d.latency, d.latencyMin, d.latencyMax);
        stats.jitterMs = percentiles(d.jitter, d.jitterMin, d.jitterMax);
        stats.packetLossPercent = percentiles(d.packetLoss, d.packetLossMin, d.packetLossMax);
    }
    return stats;
}

StorageResult<AggregatedStats> AnalyticsService::aggregatedStats(int hours)
{
    return aggregatedStatsOver(TimeWindow::endingAt(m_clock->now(), qint64(hours) * 3600));
}

StorageResult<AggregatedStats> AnalyticsService::aggregatedStatsOver(const TimeWindow &period)
{
    const ReadSnapshot readSnapshot(*m_repository);
    if (readSnapshot.failure())
        return *readSnapshot.failure();
    TRY_STORAGE(totals, windowTotals({ period, QString(), QString() }));
    return statsOf(totals, unitsIn(period, 3600), m_clock->now());
}

StorageResult<PerformanceReport> AnalyticsService::performanceReport(const QString &userId, int days)
{
    return performanceReportOver(userId, TimeWindow::endingAt(m_clock->now(), qint64(days) * 86400));
}

StorageResult<PerformanceReport> AnalyticsService::performanceReportOver(
    const QString &userId, const TimeWindow &period)
{
    const ReadSnapshot readSnapshot(*m_repository);
    if (readSnapshot.failure())
        return *readSnapshot.failure();
    const QDateTime now = m_clock->now();
    const SampleFilter filter { period, userId, QString() };
    TRY_STORAGE(summaries, m_repository->sessionSummaries(filter));
    TRY_STORAGE(mos, m_repository->mosDistribution(filter));
    const UserSums sums = sumsOf(summaries);

    PerformanceReport report;
    report.mos = mosFiguresOf(mos);
    report.userId = userId;
    report.periodDays = unitsIn(period, 86400);
    report.totalSessions = summaries.size();
    report.totalStreamingHours = sums.streamingSeconds / 3600.0;
    report.averageConnectionQuality = qualityAcrossSessions(summaries);
    report.successRatePercent = percentOf(sums.successfulSamples, sums.connectionSamples);
    report.generatedAt = now;
    return report;
}

StorageResult<Trends> AnalyticsService::trends(int hours, qint64 bucketSeconds)
{
    return trendsOver(qint64(hours) * 3600, bucketSeconds > 0 ? bucketSeconds : defaultBucketSeconds(hours));
}

StorageResult<Trends> AnalyticsService::trendsOver(qint64 windowSeconds, qint64 bucketSeconds)
{
    return trendsIn(TimeWindow::endingAt(m_clock->now(), windowSeconds), bucketSeconds);
}

StorageResult<Trends> AnalyticsService::trendsIn(const TimeWindow &period, qint64 bucketSeconds)
{
    const ReadSnapshot readSnapshot(*m_repository);
    if (readSnapshot.failure())
        return *readSnapshot.failure();
    const SampleFilter window { period, QString(), QString() };
    Trends trends;
    trends.bucketSeconds = bucketSeconds;
    TRY_STORAGE(connectionBuckets, m_repository->connectionBuckets(window, bucketSeconds * 1000));
    TRY_STORAGE(activityBuckets, m_repository->activityBuckets(window, bucketSeconds * 1000));
    for (const ConnectionBucket &bucket : connectionBuckets) {
        trends.latency.append({ bucket.start, mean(bucket.latencySum, bucket.samples) });
        trends.latencyP95.append(
            { bucket.start, bucket.latencyHistogram.percentile(0.95, bucket.latencyMin, bucket.latencyMax) });
        trends.bandwidth.append({ bucket.start, mean(bucket.bandwidthSum, bucket.samples) });
        trends.successRate.append({ bucket.start, percentOf(bucket.successfulSamples, bucket.samples) });
        trends.packetLoss.append({ bucket.start, mean(bucket.packetLossSum, bucket.samples) });
        trends.jitter.append({ bucket.start, mean(bucket.jitterSum, bucket.samples) });
    }
    for (const ActivityBucket &bucket : activityBuckets) {
        trends.sessions.append({ bucket.start, double(bucket.sessions) });
        trends.users.append({ bucket.start, double(bucket.users) });
        trends.streams.append({ bucket.start, double(bucket.streams) });
    }
    return trends;
}

StorageResult<RealtimeMetrics> AnalyticsService::realtimeMetrics(int hours)
{
    const ReadSnapshot readSnapshot(*m_repository);
    if (readSnapshot.failure())
        return *readSnapshot.failure();
    const QDateTime now = m_clock->now();
    const SampleFilter window { TimeWindow::endingAt(now, qint64(hours) * 3600), QString(), QString() };
    TRY_STORAGE(totals, windowTotals(window));
    TRY_STORAGE(streams, m_repository->distinctStreams(window));
    TRY_STORAGE(connections, m_repository->distinctConnections(window));
    // Who is active now: distinct counts alone (their sums would read the window's raw start in full).
    const SampleFilter recent { TimeWindow::endingAt(now, ActiveSeconds), QString(), QString() };
    TRY_STORAGE(activePeers, m_repository->distinctPeers(recent));
    TRY_STORAGE(activeStreams, m_repository->openStreams(recent));
    const StreamingTotals streaming = totals.sums.streamingTotals();

    RealtimeMetrics metrics;
    metrics.timestamp = now;
    metrics.periodHours = hours;
    metrics.overview = statsOf(totals, hours, now);
    const AggregatedStats &overview = metrics.overview;

    metrics.systemHealth.cpuUsagePercent = overview.averageCpuUsagePercent;
    metrics.systemHealth.memoryUsageMb = mean(totals.system.memoryUsageSum, totals.system.samples);
    metrics.systemHealth.networkThroughputMbps = mean(totals.system.networkThroughputSum, totals.system.samples);
    metrics.systemHealth.errorRatePercent = 100.0 - overview.successRatePercent;

    metrics.p2p.activePeers = activePeers;
    metrics.p2p.totalConnections = connections;
    metrics.p2p.averageLatencyMs = overview.averageLatencyMs;
    metrics.p2p.bandwidthUtilizationMbps = overview.averageBandwidthMbps;
    metrics.p2p.contentAvailabilityScore = percentOf(streaming.samples - streaming.bufferingSamples, streaming.samples);
    metrics.p2p.networkHealthScore = overview.successRatePercent / 100.0;

    metrics.streaming.activeStreams = activeStreams;
    metrics.streaming.totalStreams = streams;
    if (streaming.samples > 0)
        metrics.streaming.averageQuality
            = QualityScale::qualityLevelFromScore(mean(double(streaming.qualityLevelScoreSum), streaming.samples));
    metrics.streaming.bufferingEvents = streaming.bufferingSamples;
    metrics.streaming.qualitySwitches = streaming.adaptiveSwitchesSum;
    metrics.streaming.chunkDownloadSuccessRate = overview.successRatePercent / 100.0;
    metrics.streaming.averageChunkDownloadTimeMs = overview.averageLatencyMs;
    metrics.streaming.transcodingJobsActive = totals.system.transcodingJobsActive;
    metrics.streaming.transcodingJobsCompleted = totals.system.transcodingJobsCompleted;
    metrics.streaming.transcodingJobsFailed = totals.system.transcodingJobsFailed;
    return metrics;
}

StorageResult<DashboardSnapshot> AnalyticsService::dashboard(qint64 windowSeconds)
{
    const ReadSnapshot readSnapshot(*m_repository);
    if (readSnapshot.failure())
        return *readSnapshot.failure();
    const QDateTime now = m_clock->now();
    const SampleFilter current { TimeWindow::endingAt(now, windowSeconds), QString(), QString() };
    const SampleFilter previous { TimeWindow::endingAt(now.addSecs(-windowSeconds), windowSeconds), QString(),
        QString() };
    // Sums and the distinct counts the tiles show (not distinct peers, the costliest to count).
    TRY_STORAGE(sums, m_repository->sampleSums(current));
    TRY_STORAGE(previousSums, m_repository->sampleSums(previous));
    TRY_STORAGE(connectionCount, m_repository->distinctConnections(current));
    TRY_STORAGE(previousConnectionCount, m_repository->distinctConnections(previous));
    TRY_STORAGE(streams, m_repository->openStreams(current));
    TRY_STORAGE(previousStreams, m_repository->openStreams(previous));
    TRY_STORAGE(users, m_repository->distinctUsers(current));
    TRY_STORAGE(previousUsers, m_repository->distinctUsers(previous));
    const ConnectionTotals connections = sums.connectionTotals();
    const ConnectionTotals previousConnections = previousSums.connectionTotals();

    const bool sampled = connections.samples > 0;
    const bool previouslySampled = previousConnections.samples > 0;
    auto count = [](qint64 now, qint64 before) { return KpiValue { double(now), double(before), true, true }; };
    auto perSample = [&](double now, double before) { return KpiValue { now, before, sampled, previouslySampled }; };

    DashboardSnapshot snapshot;
    snapshot.generatedAt = now;
    snapshot.windowSeconds = windowSeconds;
    snapshot.activeUsers = count(users, previousUsers);
    snapshot.p2pConnections = count(connectionCount, previousConnectionCount);
    snapshot.averageLatencyMs = perSample(mean(connections.latencySum, connections.samples),
        mean(previousConnections.latencySum, previousConnections.samples));
    snapshot.averageBandwidthMbps = perSample(mean(connections.bandwidthSum, connections.samples),
        mean(previousConnections.bandwidthSum, previousConnections.samples));
    snapshot.successRatePercent = perSample(percentOf(connections.successfulSamples, connections.samples),
        percentOf(previousConnections.successfulSamples, previousConnections.samples));
    snapshot.activeStreams = count(streams, previousStreams);
    const ConnectionBreakdown breakdown = sums.breakdown();
    snapshot.samplesByQuality = breakdown.byQuality;
    snapshot.samplesByConnectionType = breakdown.byType;
    return snapshot;
}
