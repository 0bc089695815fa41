#pragma once

#include "enums.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>
#include <variant>

// The metric samples that peers post, one struct per kind, with the seed's fields.
// Field comments give the JSON name where it is not the obvious snake_case form.

/** One WebRTC connection sample from a peer. */
struct ConnectionMetrics
{
    QString sessionId;
    QString userId;
    QString connectionId;
    QString peerId;
    ConnectionType connectionType = ConnectionType::WebRTC;
    quint32 latencyMs = 0;
    double bandwidthMbps = 0;
    double packetLossPercent = 0;
    quint32 jitterMs = 0;
    ConnectionQuality connectionQuality = ConnectionQuality::Good;
    QString iceConnectionState;
    QString dtlsTransportState;

    // The contract's definition of a successful connection sample.
    bool isSuccessful() const;
    // A failed connection: ICE failed or disconnected, or DTLS failed or closed (the ConnectionFailures rule).
    bool hasFailed() const;

    friend bool operator==(const ConnectionMetrics &, const ConnectionMetrics &) = default;
};

/** One sample of a video stream played by a peer. */
struct StreamingMetrics
{
    QString sessionId;
    QString userId;
    QString streamId;
    QString contentId;
    QualityLevel qualityLevel = QualityLevel::HD;
    quint32 bitrateKbps = 0;
    float frameRate = 0;
    quint32 resolutionWidth = 0;
    quint32 resolutionHeight = 0;
    float bufferLevelSeconds = 0;
    quint32 droppedFrames = 0;
    quint32 totalFrames = 0;
    quint32 adaptiveSwitches = 0;
    QDateTime startTime;
    std::optional<QDateTime> endTime; // absent while the stream plays
    double durationSeconds = 0;

    friend bool operator==(const StreamingMetrics &, const StreamingMetrics &) = default;
};

/** A peer's cumulative network counters for one session (the seed's NetworkMetrics). */
struct NetworkMetrics
{
    QString sessionId;
    QString userId;
    QString peerId;
    quint64 totalDataSentBytes = 0;
    quint64 totalDataReceivedBytes = 0;
    quint32 activeConnections = 0;
    quint32 maxConnections = 0;
    quint32 connectionErrors = 0;
    quint32 successfulTransfers = 0;
    quint32 failedTransfers = 0;
    double averageTransferSpeedMbps = 0;

    friend bool operator==(const NetworkMetrics &, const NetworkMetrics &) = default;
};

/** Host performance of a streaming node or of a peer's session (the seed's SystemPerformanceMetrics). */
struct SystemMetrics
{
    QString sessionId; // at least one of sessionId and nodeId is set
    QString nodeId;
    double cpuUsagePercent = 0;
    double memoryUsageMb = 0;
    double networkThroughputMbps = 0;
    quint32 activeStreams = 0;
    quint32 totalPeers = 0;
    double averageLatencyMs = 0;
    double errorRatePercent = 0;
    // Only nodes that transcode report these.
    std::optional<quint32> transcodingJobsActive;
    std::optional<quint32> transcodingJobsCompleted;
    std::optional<quint32> transcodingJobsFailed;

    // Who reported: the node when given, else the session.
    QString reporter() const { return nodeId.isEmpty() ? sessionId : nodeId; }

    friend bool operator==(const SystemMetrics &, const SystemMetrics &) = default;
};

using Metrics = std::variant<ConnectionMetrics, StreamingMetrics, NetworkMetrics, SystemMetrics>;

enum class MetricKind { Connection, Streaming, Network, System };

QString spelling(MetricKind kind);
std::optional<MetricKind> metricKindFromString(const QString &text);
MetricKind kindOf(const Metrics &metrics);
QString sessionIdOf(const Metrics &metrics); // may be empty for a node's system report
QString userIdOf(const Metrics &metrics); // empty for system reports, which carry no user

/** A sample as stored: the metrics and the time the console received them. */
struct MetricRecord
{
    Metrics metrics;
    QDateTime recordedAt;
};

/** Identifiers given to a stored record: its own id and its session aggregate's id (empty when none). */
struct StoredRecord
{
    QString id;
    QString analyticsId;
};

Q_DECLARE_METATYPE(MetricRecord)
Q_DECLARE_METATYPE(StoredRecord)
