#pragma once

#include "domain/metrics.h"

// Valid samples with plain values, for tests to adjust the fields they are about.
namespace Samples {

inline ConnectionMetrics connection(const QString &sessionId, const QString &userId,
    ConnectionQuality quality = ConnectionQuality::Good, quint32 latencyMs = 40, bool successful = true)
{
    ConnectionMetrics m;
    m.sessionId = sessionId;
    m.userId = userId;
    m.connectionId = sessionId + QStringLiteral("-conn");
    m.peerId = userId + QStringLiteral("-peer");
    m.connectionType = ConnectionType::WebRTC;
    m.latencyMs = latencyMs;
    m.bandwidthMbps = 10;
    m.packetLossPercent = 0.5;
    m.jitterMs = 4;
    m.connectionQuality = quality;
    m.iceConnectionState = successful ? QStringLiteral("connected") : QStringLiteral("failed");
    m.dtlsTransportState = successful ? QStringLiteral("connected") : QStringLiteral("failed");
    return m;
}

inline StreamingMetrics streaming(const QString &sessionId, const QString &userId, double durationSeconds = 30,
    const QString &streamId = QStringLiteral("stream-1"))
{
    StreamingMetrics m;
    m.sessionId = sessionId;
    m.userId = userId;
    m.streamId = streamId;
    m.contentId = QStringLiteral("content-1");
    m.qualityLevel = QualityLevel::HD;
    m.bitrateKbps = 2500;
    m.frameRate = 30;
    m.resolutionWidth = 1280;
    m.resolutionHeight = 720;
    m.bufferLevelSeconds = 5;
    m.droppedFrames = 1;
    m.totalFrames = 900;
    m.adaptiveSwitches = 0;
    m.startTime = QDateTime(QDate(2026, 11, 28), QTime(9, 0), Qt::UTC);
    m.durationSeconds = durationSeconds;
    return m;
}

inline NetworkMetrics network(const QString &sessionId, const QString &userId, quint64 sent, quint64 received)
{
    NetworkMetrics m;
    m.sessionId = sessionId;
    m.userId = userId;
    m.peerId = userId + QStringLiteral("-peer");
    m.totalDataSentBytes = sent;
    m.totalDataReceivedBytes = received;
    m.activeConnections = 2;
    m.maxConnections = 8;
    m.connectionErrors = 0;
    m.successfulTransfers = 10;
    m.failedTransfers = 1;
    m.averageTransferSpeedMbps = 12.5;
    return m;
}

inline SystemMetrics system(const QString &nodeId, double cpuPercent, double memoryMb)
{
    SystemMetrics m;
    m.nodeId = nodeId;
    m.cpuUsagePercent = cpuPercent;
    m.memoryUsageMb = memoryMb;
    m.networkThroughputMbps = 100;
    m.activeStreams = 3;
    m.totalPeers = 12;
    m.averageLatencyMs = 35;
    m.errorRatePercent = 1;
    return m;
}

} // namespace Samples
