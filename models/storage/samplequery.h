#pragma once

#include "domain/latencyhistogram.h"
#include "domain/metrics.h"
#include "domain/moshistogram.h"
#include "domain/packetlosshistogram.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <array>
#include <optional>

/** A time window (from, to]: a sample recorded exactly at `to` is in, one at `from` is not. */
struct TimeWindow
{
    QDateTime from;
    QDateTime to;

    bool contains(const QDateTime &time) const { return time > from && time <= to; }
    static TimeWindow endingAt(const QDateTime &to, qint64 lengthSeconds) { return { to.addSecs(-lengthSeconds), to }; }
};

/** Which samples a query reads. Every restriction left empty reads everything. */
struct SampleFilter
{
    std::optional<TimeWindow> window;
    QString userId; // the user the session aggregate belongs to
    QString sessionId;
};

/** A session's aggregate row (p2p_analytics_aggregates). */
struct SessionRow
{
    QString id;
    QString sessionId;
    QString userId;
    QJsonObject networkMetrics; // latest network report of the session
    QJsonObject systemMetrics; // latest system report of the session
    QDateTime createdAt;
    QDateTime updatedAt;
};

/** One session with the counts of its samples that a filter selects. */
struct SessionSummary
{
    SessionRow session;
    qint64 connectionSamples = 0;
    qint64 distinctConnections = 0;
    qint64 qualityScoreSum = 0; // sum of QualityScale::score over connection samples
    qint64 successfulSamples = 0;
    double mosSum = 0; // sum of EModel::mos over connection samples
    qint64 streamingSamples = 0;
    qint64 distinctStreams = 0;
    double streamingSeconds = 0;
};

/** A session's connection samples and the sum of their quality scores: what the quality across sessions needs. */
struct SessionScore
{
    qint64 connectionSamples = 0;
    qint64 qualityScoreSum = 0; // sum of QualityScale::score over connection samples

    friend auto operator<=>(const SessionScore &, const SessionScore &) = default;
};

/** Sums over connection samples. */
struct ConnectionTotals
{
    qint64 samples = 0;
    qint64 qualityScoreSum = 0;
    qint64 successfulSamples = 0;
    double latencySum = 0;
    double bandwidthSum = 0;
    qint64 distinctPeers = 0;
    qint64 distinctConnections = 0; // distinct (session_id, connection_id)
};

/** Sums over streaming samples. */
struct StreamingTotals
{
    qint64 samples = 0;
    double durationSecondsSum = 0;
    qint64 bufferingSamples = 0; // buffer_level_seconds < BufferingThresholdSeconds
    qint64 adaptiveSwitchesSum = 0;
    qint64 qualityLevelScoreSum = 0;
    qint64 distinctStreams = 0;
    qint64 openStreams = 0; // distinct streams none of whose selected samples has an end_time

    // The contract's rebuffering threshold.
    static constexpr float BufferingThresholdSeconds = 0.5f;
};

/** Sums over system samples; transcoding counts add up each reporter's latest sample that carries them. */
struct SystemTotals
{
    qint64 samples = 0;
    double cpuUsageSum = 0;
    double memoryUsageSum = 0;
    double networkThroughputSum = 0;
    qint64 transcodingJobsActive = 0;
    qint64 transcodingJobsCompleted = 0;
    qint64 transcodingJobsFailed = 0;
};

/** Connection samples counted by reported quality and by connection type (indexed by the enums), with each type's
 * latency. */
struct ConnectionBreakdown
{
    std::array<qint64, 5> byQuality {};
    std::array<qint64, 4> byType {};
    std::array<double, 4> latencySumByType {}; // sum of latency_ms, indexed by ConnectionType

    friend bool operator==(const ConnectionBreakdown &, const ConnectionBreakdown &) = default;
};

/** How the selected connection samples' latency, jitter and packet loss are spread: fixed bins and extremes. */
struct ConnectionDistributions
{
    qint64 samples = 0;
    LatencyHistogram latency;
    LatencyHistogram jitter; // milliseconds too
    PacketLossHistogram packetLoss;
    quint32 latencyMin = 0;
    quint32 latencyMax = 0;
    quint32 jitterMin = 0;
    quint32 jitterMax = 0;
    double packetLossMin = 0;
    double packetLossMax = 0;

    // Adds another set of samples (extremes only count where there are samples).
    void merge(const ConnectionDistributions &other);
};

/** Connection sums of one time bucket. */
struct ConnectionBucket
{
    QDateTime start;
    qint64 samples = 0;
    double latencySum = 0;
    double bandwidthSum = 0;
    qint64 successfulSamples = 0;
    double packetLossSum = 0;
    double jitterSum = 0;
    quint32 latencyMin = 0;
    quint32 latencyMax = 0;
    LatencyHistogram latencyHistogram;
};

/** Who was active in one time bucket: distinct sessions and users with any sample, streams with a streaming sample. */
struct ActivityBucket
{
    QDateTime start;
    qint64 sessions = 0;
    qint64 users = 0;
    qint64 streams = 0;
};

/** A peer seen in a session's connection samples, with the connection type it reported. */
struct SessionPeer
{
    QString sessionId;
    QString peerId;
    ConnectionType connectionType = ConnectionType::WebRTC;

    friend bool operator==(const SessionPeer &, const SessionPeer &) = default;
};

/** Whose samples are summed together: all of them, or each user's, session's or peer's apart. */
enum class SampleGroup { Global, User, Session, Peer };

/**
 * Sums over one group's connection and streaming samples (by the samples' own user, session and peer
 * ids; streaming samples carry no peer, so peer groups have none), for the alert rules.
 */
struct GroupTotals
{
    QString key; // the user, session or peer id; empty for SampleGroup::Global
    qint64 connectionSamples = 0;
    double latencySum = 0;
    double jitterSum = 0;
    double packetLossSum = 0;
    double bandwidthSum = 0;
    double mosSum = 0; // EModel::mos of each sample
    qint64 poorSamples = 0; // reported Poor or Unusable
    qint64 failedSamples = 0; // ConnectionMetrics::hasFailed
    qint64 successfulSamples = 0;
    qint64 streamingSamples = 0;
    qint64 bufferingSamples = 0; // buffer_level_seconds < StreamingTotals::BufferingThresholdSeconds
    qint64 droppedFrames = 0;
    qint64 totalFrames = 0;
    qint64 adaptiveSwitches = 0;
};

/** A stored sample with its identifiers, as read back. */
struct StoredSample
{
    StoredRecord ids;
    MetricRecord record;
};

/** Where a page of samples ends: the next page starts after this sample (by time, then id). */
struct SampleCursor
{
    QDateTime recordedAt;
    QString id;

    static SampleCursor after(const StoredSample &sample) { return { sample.record.recordedAt, sample.ids.id }; }
};
