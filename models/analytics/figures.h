#pragma once

#include "domain/enums.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <array>
#include <optional>

// The figures AnalyticsService computes, as plain values that cross threads. Their definitions are
// those of the HTTP contract (docs: api-contract.md); the JSON names are given where they differ.

struct SessionAnalytics
{
    QString sessionId;
    QString userId;
    qint64 totalConnections = 0; // distinct connection ids
    qint64 totalStreamingSessions = 0; // distinct stream ids
    ConnectionQuality averageConnectionQuality = ConnectionQuality::Good;
    double totalStreamingHours = 0;
    double successRatePercent = 100;
    QDateTime createdAt;
    QDateTime updatedAt;
    // Beyond the contract: the E-model's view of the same samples (nothing without connection samples).
    std::optional<double> averageMos;
    std::optional<ConnectionQuality> computedQuality; // EModel::qualityFromMos of the average MOS
    // The reported quality is two classes or more away from the computed one: not to be trusted.
    bool qualityMismatch = false;
};

/** A session as the console lists it: its figures, and the peers and connection types it used. */
struct SessionOverview
{
    SessionAnalytics figures;
    QStringList peerIds; // sorted
    QList<ConnectionType> connectionTypes; // in the enum's order
};

struct UserSessionEntry
{
    QString sessionId;
    QDateTime createdAt;
    qint64 totalConnections = 0;
    qint64 totalStreamingSessions = 0;
    ConnectionQuality averageQuality = ConnectionQuality::Good;
};

struct UserAnalytics
{
    QString userId;
    qint64 totalSessions = 0;
    double totalStreamingHours = 0;
    ConnectionQuality averageConnectionQuality = ConnectionQuality::Good;
    double successRatePercent = 100;
    QList<UserSessionEntry> sessions; // newest first
};

/** The E-model's view of a window's connection samples (beyond the contract). */
struct MosFigures
{
    double average = 0;
    double p5 = 0; // 5 % of the samples score lower: the experience of the worst-served
};

/** A figure's 50th, 95th and 99th percentiles, each estimated within one bin of its histogram. */
struct Percentiles
{
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
};

struct AggregatedStats
{
    int periodHours = 0;
    qint64 totalSessions = 0;
    double totalStreamingHours = 0;
    ConnectionQuality averageConnectionQuality = ConnectionQuality::Good;
    double averageLatencyMs = 0;
    double averageBandwidthMbps = 0;
    double totalDataTransferredGb = 0;
    double successRatePercent = 100;
    qint64 peakConcurrentUsers = 0;
    double averageCpuUsagePercent = 0;
    qint64 averageMemoryUsageMb = 0; // floored, as the contract fixes
    QDateTime generatedAt;
    std::optional<MosFigures> mos; // nothing without connection samples
    // Of the connection samples; nothing without them.
    std::optional<Percentiles> latencyMs;
    std::optional<Percentiles> jitterMs;
    std::optional<Percentiles> packetLossPercent;
};

struct PerformanceReport
{
    QString userId;
    int periodDays = 0;
    qint64 totalSessions = 0;
    double totalStreamingHours = 0;
    ConnectionQuality averageConnectionQuality = ConnectionQuality::Good;
    double successRatePercent = 100;
    QDateTime generatedAt;
    std::optional<MosFigures> mos; // nothing without connection samples
};

struct TrendPoint
{
    QDateTime timestamp; // start of the bucket
    double value = 0;

    friend bool operator==(const TrendPoint &, const TrendPoint &) = default;
};

struct Trends
{
    qint64 bucketSeconds = 0;
    QList<TrendPoint> latency; // mean latency_ms
    QList<TrendPoint> latencyP95; // 95th percentile of latency_ms, estimated from LatencyHistogram
    QList<TrendPoint> bandwidth; // mean bandwidth_mbps
    QList<TrendPoint> sessions; // distinct sessions with a sample
    QList<TrendPoint> users; // distinct users with a sample
    QList<TrendPoint> streams; // distinct streams with a streaming sample
    QList<TrendPoint> successRate; // percent
    QList<TrendPoint> packetLoss; // mean packet_loss_percent
    QList<TrendPoint> jitter; // mean jitter_ms
};

struct RealtimeMetrics
{
    QDateTime timestamp;
    int periodHours = 0;
    AggregatedStats overview;

    struct SystemHealth
    {
        double cpuUsagePercent = 0;
        double memoryUsageMb = 0;
        double networkThroughputMbps = 0;
        double errorRatePercent = 0;
    } systemHealth;

    struct P2p
    {
        qint64 activePeers = 0; // distinct peers in the last five minutes
        qint64 totalConnections = 0; // distinct connections in the window
        double averageLatencyMs = 0;
        double bandwidthUtilizationMbps = 0; // mean bandwidth of the window's connection samples
        double contentAvailabilityScore = 100;
        double networkHealthScore = 1;
    } p2p;

    struct Streaming
    {
        qint64 activeStreams = 0;
        qint64 totalStreams = 0;
        std::optional<QualityLevel> averageQuality; // none without streaming samples
        qint64 bufferingEvents = 0;
        qint64 qualitySwitches = 0;
        double chunkDownloadSuccessRate = 1;
        double averageChunkDownloadTimeMs = 0;
        qint64 transcodingJobsActive = 0;
        qint64 transcodingJobsCompleted = 0;
        qint64 transcodingJobsFailed = 0;
    } streaming;
};

/**
 * A dashboard figure over its window and over the window of the same length just before it. An
 * average or a rate of a window without samples is unknown, not zero; a count is always known.
 */
struct KpiValue
{
    double current = 0;
    double previous = 0;
    bool currentKnown = true;
    bool previousKnown = true;

    // The relative change in percent, where both values are known and the previous one is not zero.
    std::optional<double> changePercent() const
    {
        if (!currentKnown || !previousKnown || previous == 0)
            return std::nullopt;
        return 100.0 * (current - previous) / previous;
    }

    friend bool operator==(const KpiValue &, const KpiValue &) = default;
};

/** The desktop dashboard's figures: the seed's six tiles with their change, and the sample mix. */
struct DashboardSnapshot
{
    QDateTime generatedAt;
    qint64 windowSeconds = 0;
    KpiValue activeUsers; // distinct users with a sample
    KpiValue p2pConnections; // distinct connections
    KpiValue averageLatencyMs;
    KpiValue averageBandwidthMbps;
    KpiValue successRatePercent;
    KpiValue activeStreams; // distinct streams that reported no end
    std::array<qint64, 5> samplesByQuality {}; // current window, indexed by ConnectionQuality
    std::array<qint64, 4> samplesByConnectionType {}; // current window, indexed by ConnectionType
};

Q_DECLARE_METATYPE(SessionAnalytics)
Q_DECLARE_METATYPE(UserAnalytics)
Q_DECLARE_METATYPE(AggregatedStats)
Q_DECLARE_METATYPE(PerformanceReport)
Q_DECLARE_METATYPE(Trends)
Q_DECLARE_METATYPE(RealtimeMetrics)
Q_DECLARE_METATYPE(DashboardSnapshot)
