#include "metricscodec.h"

#include "timestamps.h"

#include <QJsonValue>

#include <cmath>
#include <limits>

namespace {

// Reads typed fields out of one JSON object and collects a FieldError for each fault, so that a
// decoder reads every field in turn and the caller sees all faults of the request at once.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &json)
        : m_json(json)
    { }

    QList<FieldError> takeErrors() { return std::move(m_errors); }
    bool hasErrors() const { return !m_errors.isEmpty(); }
    void fail(const QString &field, const QString &message) { m_errors.append({ field, message }); }

    // A required identifier: a non-empty string of at most 255 characters.
    QString id(const QString &field)
    {
        const QJsonValue value = m_json.value(field);
        if (value.isUndefined() || value.isNull())
            return missing(field), QString();
        return checkedId(field, value);
    }

    // An optional identifier: absent or null gives an empty string.
    QString optionalId(const QString &field)
    {
        const QJsonValue value = m_json.value(field);
        if (value.isUndefined() || value.isNull())
            return QString();
        return checkedId(field, value);
    }

    quint32 u32(const QString &field)
    {
        return static_cast<quint32>(integer(field, std::numeric_limits<quint32>::max()).value_or(0));
    }

    std::optional<quint32> optionalU32(const QString &field)
    {
        const QJsonValue value = m_json.value(field);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        const auto parsed = integer(field, std::numeric_limits<quint32>::max());
        return parsed ? std::optional<quint32>(static_cast<quint32>(*parsed)) : std::nullopt;
    }

    quint64 u64(const QString &field) { return integer(field, MetricsCodec::MaxExactJsonInteger).value_or(0); }

    double nonNegative(const QString &field)
    {
        return number(field, std::numeric_limits<double>::max(), QStringLiteral("must be a finite number >= 0"));
    }
    float nonNegativeFloat(const QString &field)
    {
        return static_cast<float>(
            number(field, std::numeric_limits<float>::max(), QStringLiteral("must be a finite number >= 0")));
    }

    double percent(const QString &field)
    {
        return number(field, 100.0, QStringLiteral("must be a number between 0 and 100"));
    }

    template<typename Enum> Enum enumeration(const QString &field, Enum fallback)
    {
        const QJsonValue value = m_json.value(field);
        if (value.isUndefined() || value.isNull())
            return missing(field), fallback;
        const std::optional<Enum> parsed = value.isString() ? enumFromString<Enum>(value.toString()) : std::nullopt;
        if (!parsed) {
            fail(field, u"must be one of " + enumSpellings<Enum>().join(u", "));
            return fallback;
        }
        return *parsed;
    }

    QDateTime timestamp(const QString &field)
    {
        const QJsonValue value = m_json.value(field);
        if (value.isUndefined() || value.isNull())
            return missing(field), QDateTime();
        return checkedTimestamp(field, value);
    }

    std::optional<QDateTime> optionalTimestamp(const QString &field)
    {
        const QJsonValue value = m_json.value(field);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        const QDateTime time = checkedTimestamp(field, value);
        return time.isValid() ? std::optional<QDateTime>(time) : std::nullopt;
    }

private:
    void missing(const QString &field) { fail(field, QStringLiteral("is required")); }

    QString checkedId(const QString &field, const QJsonValue &value)
    {
        if (!value.isString()) {
            fail(field, QStringLiteral("must be a string"));
            return QString();
        }
        const QString text = value.toString();
        if (text.isEmpty())
            fail(field, QStringLiteral("must not be empty"));
        else if (text.toUcs4().size() > MetricsCodec::MaxIdLength)
            fail(field, QStringLiteral("must be at most %1 characters").arg(MetricsCodec::MaxIdLength));
        return text;
    }

    // JSON has one number type: an integer field takes a number with no fraction, never a string.
    std::optional<quint64> integer(const QString &field, quint64 max)
    {
        const QJsonValue value = m_json.value(field);
        if (value.isUndefined() || value.isNull()) {
            missing(field);
            return std::nullopt;
        }
        const double number = value.toDouble(-1);
        if (!value.isDouble() || !std::isfinite(number) || number < 0 || number > double(max)
            || std::trunc(number) != number) {
            fail(field, QStringLiteral("must be an integer between 0 and %1").arg(max));
            return std::nullopt;
        }
        return static_cast<quint64>(number);
    }

    double number(const QString &field, double max, const QString &rangeMessage)
    {
        const QJsonValue value = m_json.value(field);
        if (value.isUndefined() || value.isNull())
            return missing(field), 0.0;
        const double number = value.toDouble(-1);
        if (!value.isDouble() || !std::isfinite(number) || number < 0 || number > max) {
            fail(field, rangeMessage);
            return 0.0;
        }
        return number;
    }

    QDateTime checkedTimestamp(const QString &field, const QJsonValue &value)
    {
        const std::optional<QDateTime> time = value.isString() ? Timestamps::parse(value.toString()) : std::nullopt;
        if (!time) {
            fail(field, QStringLiteral("must be an RFC 3339 timestamp such as 2026-11-28T10:00:00Z"));
            return QDateTime();
        }
        return *time;
    }

    const QJsonObject &m_json;
    QList<FieldError> m_errors;
};

template<typename T> Decoded<T> finish(FieldReader &reader, T &&value)
{
    if (reader.hasErrors())
        return { std::nullopt, reader.takeErrors() };
    return { std::forward<T>(value), {} };
}

template<typename T> Decoded<Metrics> widen(Decoded<T> &&decoded)
{
    if (!decoded.value)
        return { std::nullopt, std::move(decoded.errors) };
    return { Metrics(std::move(*decoded.value)), {} };
}

QJsonValue optionalToJson(const std::optional<quint32> &value)
{
    return value ? QJsonValue(qint64(*value)) : QJsonValue(QJsonValue::Null);
}

} // namespace

namespace MetricsCodec {

Decoded<ConnectionMetrics> decodeConnection(const QJsonObject &json)
{
    FieldReader r(json);
    ConnectionMetrics m;
    m.sessionId = r.id(QStringLiteral("session_id"));
    m.userId = r.id(QStringLiteral("user_id"));
    m.connectionId = r.id(QStringLiteral("connection_id"));
    m.peerId = r.id(QStringLiteral("peer_id"));
    m.connectionType = r.enumeration(QStringLiteral("connection_type"), ConnectionType::WebRTC);
    m.latencyMs = r.u32(QStringLiteral("latency_ms"));
    m.bandwidthMbps = r.nonNegative(QStringLiteral("bandwidth_mbps"));
    m.packetLossPercent = r.percent(QStringLiteral("packet_loss_percent"));
    m.jitterMs = r.u32(QStringLiteral("jitter_ms"));
    m.connectionQuality = r.enumeration(QStringLiteral("connection_quality"), ConnectionQuality::Good);
    m.iceConnectionState = r.id(QStringLiteral("ice_connection_state"));
    m.dtlsTransportState = r.id(QStringLiteral("dtls_transport_state"));
    return finish(r, std::move(m));
}

Decoded<StreamingMetrics> decodeStreaming(const QJsonObject &json)
{
    FieldReader r(json);
    StreamingMetrics m;
    m.sessionId = r.id(QStringLiteral("session_id"));
    m.userId = r.id(QStringLiteral("user_id"));
    m.streamId = r.id(QStringLiteral("stream_id"));
    m.contentId = r.id(QStringLiteral("content_id"));
    m.qualityLevel = r.enumeration(QStringLiteral("quality_level"), QualityLevel::HD);
    m.bitrateKbps = r.u32(QStringLiteral("bitrate_kbps"));
    m.frameRate = r.nonNegativeFloat(QStringLiteral("frame_rate"));
    m.resolutionWidth = r.u32(QStringLiteral("resolution_width"));
    m.resolutionHeight = r.u32(QStringLiteral("resolution_height"));
    m.bufferLevelSeconds = r.nonNegativeFloat(QStringLiteral("buffer_level_seconds"));
    m.droppedFrames = r.u32(QStringLiteral("dropped_frames"));
    m.totalFrames = r.u32(QStringLiteral("total_frames"));
    m.adaptiveSwitches = r.u32(QStringLiteral("adaptive_switches"));
    m.startTime = r.timestamp(QStringLiteral("start_time"));
    m.endTime = r.optionalTimestamp(QStringLiteral("end_time"));
    m.durationSeconds = r.nonNegative(QStringLiteral("duration_seconds"));

    // Cross-field rules, checked only where both fields were valid on their own.
    if (m.droppedFrames > m.totalFrames)
        r.fail(QStringLiteral("dropped_frames"), QStringLiteral("must not exceed total_frames"));
    if (m.endTime && m.startTime.isValid() && *m.endTime < m.startTime)
        r.fail(QStringLiteral("end_time"), QStringLiteral("must not be before start_time"));
    return finish(r, std::move(m));
}

Decoded<NetworkMetrics> decodeNetwork(const QJsonObject &json)
{
    FieldReader r(json);
    NetworkMetrics m;
    m.sessionId = r.id(QStringLiteral("session_id"));
    m.userId = r.id(QStringLiteral("user_id"));
    m.peerId = r.id(QStringLiteral("peer_id"));
    m.totalDataSentBytes = r.u64(QStringLiteral("total_data_sent_bytes"));
    m.totalDataReceivedBytes = r.u64(QStringLiteral("total_data_received_bytes"));
    m.activeConnections = r.u32(QStringLiteral("active_connections"));
    m.maxConnections = r.u32(QStringLiteral("max_connections"));
    m.connectionErrors = r.u32(QStringLiteral("connection_errors"));
    m.successfulTransfers = r.u32(QStringLiteral("successful_transfers"));
    m.failedTransfers = r.u32(QStringLiteral("failed_transfers"));
    m.averageTransferSpeedMbps = r.nonNegative(QStringLiteral("average_transfer_speed_mbps"));
    return finish(r, std::move(m));
}

Decoded<SystemMetrics> decodeSystem(const QJsonObject &json)
{
    FieldReader r(json);
    SystemMetrics m;
    m.sessionId = r.optionalId(QStringLiteral("session_id"));
    m.nodeId = r.optionalId(QStringLiteral("node_id"));
    if (m.sessionId.isEmpty() && m.nodeId.isEmpty() && !r.hasErrors())
        r.fail(QStringLiteral("node_id"), QStringLiteral("is required when session_id is absent"));
    m.cpuUsagePercent = r.percent(QStringLiteral("cpu_usage_percent"));
    m.memoryUsageMb = r.nonNegative(QStringLiteral("memory_usage_mb"));
    m.networkThroughputMbps = r.nonNegative(QStringLiteral("network_throughput_mbps"));
    m.activeStreams = r.u32(QStringLiteral("active_streams"));
    m.totalPeers = r.u32(QStringLiteral("total_peers"));
    m.averageLatencyMs = r.nonNegative(QStringLiteral("average_latency_ms"));
    m.errorRatePercent = r.percent(QStringLiteral("error_rate_percent"));
    m.transcodingJobsActive = r.optionalU32(QStringLiteral("transcoding_jobs_active"));
    m.transcodingJobsCompleted = r.optionalU32(QStringLiteral("transcoding_jobs_completed"));
    m.transcodingJobsFailed = r.optionalU32(QStringLiteral("transcoding_jobs_failed"));
    return finish(r, std::move(m));
}

Decoded<Metrics> decode(MetricKind kind, const QJsonObject &json)
{
    switch (kind) {
    case MetricKind::Connection:
        return widen(decodeConnection(json));
    case MetricKind::Streaming:
        return widen(decodeStreaming(json));
    case MetricKind::Network:
        return widen(decodeNetwork(json));
    case MetricKind::System:
        return widen(decodeSystem(json));
    }
    Q_UNREACHABLE();
}

QJsonObject encode(const ConnectionMetrics &m)
{
    return {
        { QStringLiteral("session_id"), m.sessionId },
        { QStringLiteral("user_id"), m.userId },
        { QStringLiteral("connection_id"), m.connectionId },
        { QStringLiteral("peer_id"), m.peerId },
        { QStringLiteral("connection_type"), spelling(m.connectionType) },
        { QStringLiteral("latency_ms"), qint64(m.latencyMs) },
        { QStringLiteral("bandwidth_mbps"), m.bandwidthMbps },
        { QStringLiteral("packet_loss_percent"), m.packetLossPercent },
        { QStringLiteral("jitter_ms"), qint64(m.jitterMs) },
        { QStringLiteral("connection_quality"), spelling(m.connectionQuality) },
        { QStringLiteral("ice_connection_state"), m.iceConnectionState },
        { QStringLiteral("dtls_transport_state"), m.dtlsTransportState },
    };
}

QJsonObject encode(const StreamingMetrics &m)
{
    return {
        { QStringLiteral("session_id"), m.sessionId },
        { QStringLiteral("user_id"), m.userId },
        { QStringLiteral("stream_id"), m.streamId },
        { QStringLiteral("content_id"), m.contentId },
        { QStringLiteral("quality_level"), spelling(m.qualityLevel) },
        { QStringLiteral("bitrate_kbps"), qint64(m.bitrateKbps) },
        { QStringLiteral("frame_rate"), double(m.frameRate) },
        { QStringLiteral("resolution_width"), qint64(m.resolutionWidth) },
        { QStringLiteral("resolution_height"), qint64(m.resolutionHeight) },
        { QStringLiteral("buffer_level_seconds"), double(m.bufferLevelSeconds) },
        { QStringLiteral("dropped_frames"), qint64(m.droppedFrames) },
        { QStringLiteral("total_frames"), qint64(m.totalFrames) },
        { QStringLiteral("adaptive_switches"), qint64(m.adaptiveSwitches) },
        { QStringLiteral("start_time"), Timestamps::format(m.startTime) },
        { QStringLiteral("end_time"), m.endTime ? QJsonValue(Timestamps::format(*m.endTime)) : QJsonValue() },
        { QStringLiteral("duration_seconds"), m.durationSeconds },
    };
}

QJsonObject encode(const NetworkMetrics &m)
{
    return {
        { QStringLiteral("session_id"), m.sessionId },
        { QStringLiteral("user_id"), m.userId },
        { QStringLiteral("peer_id"), m.peerId },
        { QStringLiteral("total_data_sent_bytes"), qint64(m.totalDataSentBytes) },
        { QStringLiteral("total_data_received_bytes"), qint64(m.totalDataReceivedBytes) },
        { QStringLiteral("active_connections"), qint64(m.activeConnections) },
        { QStringLiteral("max_connections"), qint64(m.maxConnections) },
        { QStringLiteral("connection_errors"), qint64(m.connectionErrors) },
        { QStringLiteral("successful_transfers"), qint64(m.successfulTransfers) },
        { QStringLiteral("failed_transfers"), qint64(m.failedTransfers) },
        { QStringLiteral("average_transfer_speed_mbps"), m.averageTransferSpeedMbps },
    };
}

QJsonObject encode(const SystemMetrics &m)
{
    QJsonObject json {
        { QStringLiteral("cpu_usage_percent"), m.cpuUsagePercent },
        { QStringLiteral("memory_usage_mb"), m.memoryUsageMb },
        { QStringLiteral("network_throughput_mbps"), m.networkThroughputMbps },
        { QStringLiteral("active_streams"), qint64(m.activeStreams) },
        { QStringLiteral("total_peers"), qint64(m.totalPeers) },
        { QStringLiteral("average_latency_ms"), m.averageLatencyMs },
        { QStringLiteral("error_rate_percent"), m.errorRatePercent },
        { QStringLiteral("transcoding_jobs_active"), optionalToJson(m.transcodingJobsActive) },
        { QStringLiteral("transcoding_jobs_completed"), optionalToJson(m.transcodingJobsCompleted) },
        { QStringLiteral("transcoding_jobs_failed"), optionalToJson(m.transcodingJobsFailed) },
    };
    if (!m.sessionId.isEmpty())
        json.insert(QStringLiteral("session_id"), m.sessionId);
    if (!m.nodeId.isEmpty())
        json.insert(QStringLiteral("node_id"), m.nodeId);
    return json;
}

QJsonObject encode(const Metrics &metrics)
{
    return std::visit([](const auto &m) { return encode(m); }, metrics);
}

QJsonObject encodeSessionReport(const Metrics &metrics)
{
    QJsonObject json = encode(metrics);
    for (const char *identity : { "session_id", "user_id", "node_id" })
        json.remove(QLatin1String(identity));
    return json;
}

} // namespace MetricsCodec
