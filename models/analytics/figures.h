#pragma once

#include "domain/enums.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

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
    QList<TrendPoint> bandwidth; // mean bandwidth_mbps
    QList<TrendPoint> sessions; // distinct sessions with a sample
    QList<TrendPoint> successRate; // percent
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

Q_DECLARE_METATYPE(SessionAnalytics)
Q_DECLARE_METATYPE(UserAnalytics)
Q_DECLARE_METATYPE(AggregatedStats)
Q_DECLARE_METATYPE(PerformanceReport)
Q_DECLARE_METATYPE(Trends)
Q_DECLARE_METATYPE(RealtimeMetrics)
