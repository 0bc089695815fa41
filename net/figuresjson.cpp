#include "figuresjson.h"

#include "domain/timestamps.h"

#include <QJsonArray>

namespace {

QJsonValue time(const QDateTime &value)
{
    return value.isValid() ? QJsonValue(Timestamps::format(value)) : QJsonValue();
}

QJsonArray points(const QList<TrendPoint> &list)
{
    QJsonArray array;
    for (const TrendPoint &point : list)
        array.append(QJsonObject {
            { QStringLiteral("timestamp"), time(point.timestamp) }, { QStringLiteral("value"), point.value } });
    return array;
}

} // namespace

namespace FiguresJson {

QJsonObject session(const SessionAnalytics &a)
{
    return {
        { QStringLiteral("session_id"), a.sessionId },
        { QStringLiteral("user_id"), a.userId },
        { QStringLiteral("total_connections"), a.totalConnections },
        { QStringLiteral("total_streaming_sessions"), a.totalStreamingSessions },
        { QStringLiteral("average_connection_quality"), spelling(a.averageConnectionQuality) },
        { QStringLiteral("total_streaming_hours"), a.totalStreamingHours },
        { QStringLiteral("success_rate_percent"), a.successRatePercent },
        { QStringLiteral("created_at"), time(a.createdAt) },
        { QStringLiteral("updated_at"), time(a.updatedAt) },
    };
}

QJsonObject user(const UserAnalytics &a)
{
    QJsonArray sessions;
    for (const UserSessionEntry &s : a.sessions) {
        sessions.append(QJsonObject {
            { QStringLiteral("session_id"), s.sessionId },
            { QStringLiteral("created_at"), time(s.createdAt) },
            { QStringLiteral("total_connections"), s.totalConnections },
            { QStringLiteral("total_streaming_sessions"), s.totalStreamingSessions },
            { QStringLiteral("average_quality"), spelling(s.averageQuality) },
        });
    }
    return {
        { QStringLiteral("user_id"), a.userId },
        { QStringLiteral("total_sessions"), a.totalSessions },
        { QStringLiteral("total_streaming_hours"), a.totalStreamingHours },
        { QStringLiteral("average_connection_quality"), spelling(a.averageConnectionQuality) },
        { QStringLiteral("success_rate_percent"), a.successRatePercent },
        { QStringLiteral("sessions"), sessions },
    };
}

// A figure of the E-model, or null without connection samples.
static QJsonValue orNull(const std::optional<MosFigures> &mos, double MosFigures::*figure)
{
    return mos ? QJsonValue((*mos).*figure) : QJsonValue(QJsonValue::Null);
}

// {p50, p95, p99}, or null without samples.
static QJsonValue percentiles(const std::optional<Percentiles> &figure)
{
    if (!figure)
        return QJsonValue(QJsonValue::Null);
    return QJsonObject { { QStringLiteral("p50"), figure->p50 }, { QStringLiteral("p95"), figure->p95 },
        { QStringLiteral("p99"), figure->p99 } };
}

QJsonObject stats(const AggregatedStats &s)
{
    return {
        { QStringLiteral("period_hours"), s.periodHours },
        { QStringLiteral("total_sessions"), s.totalSessions },
        { QStringLiteral("total_streaming_hours"), s.totalStreamingHours },
        { QStringLiteral("average_connection_quality"), spelling(s.averageConnectionQuality) },
        { QStringLiteral("average_latency_ms"), s.averageLatencyMs },
        { QStringLiteral("average_bandwidth_mbps"), s.averageBandwidthMbps },
        { QStringLiteral("total_data_transferred_gb"), s.totalDataTransferredGb },
        { QStringLiteral("success_rate_percent"), s.successRatePercent },
        { QStringLiteral("peak_concurrent_users"), s.peakConcurrentUsers },
        { QStringLiteral("average_cpu_usage_percent"), s.averageCpuUsagePercent },
        { QStringLiteral("average_memory_usage_mb"), s.averageMemoryUsageMb },
        { QStringLiteral("generated_at"), time(s.generatedAt) },
        { QStringLiteral("average_mos"), orNull(s.mos, &MosFigures::average) },
        { QStringLiteral("mos_p5"), orNull(s.mos, &MosFigures::p5) },
        { QStringLiteral("latency_ms_percentiles"), percentiles(s.latencyMs) },
        { QStringLiteral("jitter_ms_percentiles"), percentiles(s.jitterMs) },
        { QStringLiteral("packet_loss_percent_percentiles"), percentiles(s.packetLossPercent) },
    };
}

QJsonObject performanceReport(const PerformanceReport &r)
{
    return {
        { QStringLiteral("user_id"), r.userId },
        { QStringLiteral("period_days"), r.periodDays },
        { QStringLiteral("total_sessions"), r.totalSessions },
        { QStringLiteral("total_streaming_hours"), r.totalStreamingHours },
        { QStringLiteral("average_connection_quality"), spelling(r.averageConnectionQuality) },
        { QStringLiteral("success_rate_percent"), r.successRatePercent },
        { QStringLiteral("generated_at"), time(r.generatedAt) },
        { QStringLiteral("average_mos"), orNull(r.mos, &MosFigures::average) },
        { QStringLiteral("mos_p5"), orNull(r.mos, &MosFigures::p5) },
    };
}

QJsonObject realtime(const RealtimeMetrics &m)
{
    const AggregatedStats &o = m.overview;
    const QJsonObject overview {
        { QStringLiteral("total_sessions"), o.totalSessions },
        { QStringLiteral("total_streaming_hours"), o.totalStreamingHours },
        { QStringLiteral("average_connection_quality"), spelling(o.averageConnectionQuality) },
        { QStringLiteral("average_latency_ms"), o.averageLatencyMs },
        { QStringLiteral("average_bandwidth_mbps"), o.averageBandwidthMbps },
        { QStringLiteral("success_rate_percent"), o.successRatePercent },
        { QStringLiteral("peak_concurrent_users"), o.peakConcurrentUsers },
    };
    const QJsonObject systemHealth {
        { QStringLiteral("cpu_usage_percent"), m.systemHealth.cpuUsagePercent },
        { QStringLiteral("memory_usage_mb"), m.systemHealth.memoryUsageMb },
        { QStringLiteral("network_throughput_mbps"), m.systemHealth.networkThroughputMbps },
        { QStringLiteral("error_rate_percent"), m.systemHealth.errorRatePercent },
    };
    const QJsonObject p2p {
        { QStringLiteral("active_peers"), m.p2p.activePeers },
        { QStringLiteral("total_connections"), m.p2p.totalConnections },
        { QStringLiteral("average_latency_ms"), m.p2p.averageLatencyMs },
        { QStringLiteral("bandwidth_utilization_mbps"), m.p2p.bandwidthUtilizationMbps },
        { QStringLiteral("content_availability_score"), m.p2p.contentAvailabilityScore },
        { QStringLiteral("network_health_score"), m.p2p.networkHealthScore },
    };
    const auto &s = m.streaming;
    const QJsonObject streaming {
        { QStringLiteral("active_streams"), s.activeStreams },
        { QStringLiteral("total_streams"), s.totalStreams },
        { QStringLiteral("average_quality"),
            s.averageQuality ? QJsonValue(spelling(*s.averageQuality)) : QJsonValue() },
        { QStringLiteral("buffering_events"), s.bufferingEvents },
        { QStringLiteral("quality_switches"), s.qualitySwitches },
        { QStringLiteral("chunk_download_success_rate"), s.chunkDownloadSuccessRate },
        { QStringLiteral("average_chunk_download_time_ms"), s.averageChunkDownloadTimeMs },
        { QStringLiteral("transcoding_jobs_active"), s.transcodingJobsActive },
        { QStringLiteral("transcoding_jobs_completed"), s.transcodingJobsCompleted },
        { QStringLiteral("transcoding_jobs_failed"), s.transcodingJobsFailed },
    };
    return {
        { QStringLiteral("timestamp"), time(m.timestamp) },
        { QStringLiteral("period_hours"), m.periodHours },
        { QStringLiteral("overview"), overview },
        { QStringLiteral("system_health"), systemHealth },
        { QStringLiteral("p2p_metrics"), p2p },
        { QStringLiteral("streaming_metrics"), streaming },
    };
}

QJsonObject trends(const Trends &t, const QString &metricType)
{
    QJsonObject json;
    auto add = [&](const QString &metric, const QList<TrendPoint> &list) {
        if (metricType.isEmpty() || metricType == metric)
            json.insert(metric + u"_trend", points(list));
    };
    add(QStringLiteral("latency"), t.latency);
    add(QStringLiteral("bandwidth"), t.bandwidth);
    add(QStringLiteral("sessions"), t.sessions);
    add(QStringLiteral("users"), t.users);
    add(QStringLiteral("success_rate"), t.successRate);
    json.insert(QStringLiteral("bucket_seconds"), t.bucketSeconds);
    return json;
}

QJsonObject dashboard(const DashboardSnapshot &s)
{
    auto kpi = [](const KpiValue &value) {
        const std::optional<double> change = value.changePercent();
        return QJsonObject {
            { QStringLiteral("current"), value.currentKnown ? QJsonValue(value.current) : QJsonValue() },
            { QStringLiteral("previous"), value.previousKnown ? QJsonValue(value.previous) : QJsonValue() },
            { QStringLiteral("change_percent"), change ? QJsonValue(*change) : QJsonValue() },
        };
    };
    return {
        { QStringLiteral("generated_at"), Timestamps::format(s.generatedAt) },
        { QStringLiteral("window_seconds"), s.windowSeconds },
        { QStringLiteral("active_users"), kpi(s.activeUsers) },
        { QStringLiteral("p2p_connections"), kpi(s.p2pConnections) },
        { QStringLiteral("average_latency_ms"), kpi(s.averageLatencyMs) },
        { QStringLiteral("average_bandwidth_mbps"), kpi(s.averageBandwidthMbps) },
        { QStringLiteral("success_rate_percent"), kpi(s.successRatePercent) },
        { QStringLiteral("active_streams"), kpi(s.activeStreams) },
    };
}

} // namespace FiguresJson
