#include "reportdocument.h"

#include <map>

namespace {

QVariant known(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant mosOf(const std::optional<MosFigures> &mos, double MosFigures::*figure)
{
    return mos ? QVariant((*mos).*figure) : QVariant();
}

QList<ReportColumn> summaryColumns()
{
    return { { QStringLiteral("figure"), QStringLiteral("Figure") },
        { QStringLiteral("value"), QStringLiteral("Value"), 2 }, { QStringLiteral("unit"), QStringLiteral("Unit") } };
}

// The figures every report's summary shows about its samples.
void addSampleFigures(QList<QVariantList> &rows, const SampleFigures &figures)
{
    rows.append({ QStringLiteral("Average latency"), known(figures.averageLatencyMs), QStringLiteral("ms") });
    rows.append({ QStringLiteral("Average bandwidth"), known(figures.averageBandwidthMbps), QStringLiteral("Mbps") });
    rows.append({ QStringLiteral("Packet loss"), known(figures.averagePacketLossPercent), QStringLiteral("%") });
    rows.append({ QStringLiteral("Poor or unusable samples"), known(figures.poorPercent), QStringLiteral("%") });
    rows.append({ QStringLiteral("Rebuffering"), known(figures.rebufferingPercent), QStringLiteral("% of samples") });
    rows.append({ QStringLiteral("Dropped frames"), known(figures.droppedFramePercent), QStringLiteral("%") });
}

ReportTable connectionTypeTable(const QList<ConnectionTypeFigures> &types)
{
    ReportTable table { QStringLiteral("connection_types"), QStringLiteral("Connection types"),
        { { QStringLiteral("connection_type"), QStringLiteral("Connection type") },
            { QStringLiteral("samples"), QStringLiteral("Samples") },
            { QStringLiteral("average_latency_ms"), QStringLiteral("Average latency (ms)"), 1 } },
        {} };
    for (const ConnectionTypeFigures &type : types)
        table.rows.append({ spelling(type.type), type.samples, type.averageLatencyMs });
    return table;
}

ReportTable sessionRanking(const QString &name, const QString &title, const QList<SessionAnalytics> &sessions)
{
    ReportTable table { name, title,
        { { QStringLiteral("session_id"), QStringLiteral("Session") },
            { QStringLiteral("created_at"), QStringLiteral("Started") },
            { QStringLiteral("total_connections"), QStringLiteral("Connections") },
            { QStringLiteral("streaming_hours"), QStringLiteral("Streaming hours"), 2 },
            { QStringLiteral("success_rate_percent"), QStringLiteral("Success (%)"), 1 },
            { QStringLiteral("average_connection_quality"), QStringLiteral("Reported quality") },
            { QStringLiteral("average_mos"), QStringLiteral("MOS"), 2 } },
        {} };
    for (const SessionAnalytics &s : sessions)
        table.rows.append({ s.sessionId, s.createdAt, s.totalConnections, s.totalStreamingHours, s.successRatePercent,
            spelling(s.averageConnectionQuality), known(s.averageMos) });
    return table;
}

ReportTable rankingTable(
    const QString &name, const QString &title, const QString &keyTitle, const QList<ProblemRanking> &ranking)
{
    ReportTable table { name, title,
        { { QStringLiteral("id"), keyTitle }, { QStringLiteral("connection_samples"), QStringLiteral("Samples") },
            { QStringLiteral("problem_reports"), QStringLiteral("Problem reports") },
            { QStringLiteral("poor_percent"), QStringLiteral("Poor (%)"), 1 },
            { QStringLiteral("success_rate_percent"), QStringLiteral("Success (%)"), 1 },
            { QStringLiteral("average_latency_ms"), QStringLiteral("Latency (ms)"), 1 },
            { QStringLiteral("average_mos"), QStringLiteral("MOS"), 2 } },
        {} };
    for (const ProblemRanking &r : ranking)
        table.rows.append({ r.key, r.figures.connectionSamples, r.problemReports, known(r.figures.poorPercent),
            known(r.figures.successRatePercent), known(r.figures.averageLatencyMs), known(r.figures.averageMos) });
    return table;
}

QList<TrendPoint> dailyPoints(const QList<DailyFigures> &days, std::optional<double> (*figure)(const DailyFigures &))
{
    QList<TrendPoint> points;
    for (const DailyFigures &day : days) {
        if (const auto value = figure(day))
            points.append({ QDateTime(day.day, QTime(0, 0), Qt::UTC), *value });
    }
    return points;
}

} // namespace

QList<ReportTable> ReportDocument::csvTables() const
{
    ReportTable findingTable { QStringLiteral("findings"), QStringLiteral("Findings"),
        { { QStringLiteral("finding"), QStringLiteral("Finding") } }, {} };
    for (const QString &finding : findings)
        findingTable.rows.append({ finding });
    QList<ReportTable> all;
    if (!summary.columns.isEmpty())
        all.append(summary);
    all += tables;
    if (!findings.isEmpty())
        all.append(findingTable);
    return all;
}

namespace ReportDocuments {

ReportDocument performance(const UserPerformanceReport &report, const QDateTime &generatedAt)
{
    const PerformanceReport &s = report.summary;
    ReportDocument document;
    document.title = QStringLiteral("Performance report");
    document.subject = u"User " + s.userId;
    document.period = report.period;
    document.generatedAt = generatedAt;
    document.summary = { QStringLiteral("summary"), QStringLiteral("Summary"), summaryColumns(), {} };
    QList<QVariantList> &kpis = document.summary.rows;
    kpis.append({ QStringLiteral("Sessions"), s.totalSessions, QString() });
    kpis.append({ QStringLiteral("Streaming hours"), s.totalStreamingHours, QStringLiteral("h") });
    kpis.append({ QStringLiteral("Average connection quality"), spelling(s.averageConnectionQuality), QString() });
    kpis.append({ QStringLiteral("Success rate"), s.successRatePercent, QStringLiteral("%") });
    kpis.append({ QStringLiteral("Average MOS"), mosOf(s.mos, &MosFigures::average), QStringLiteral("of 4.5") });
    kpis.append({ QStringLiteral("MOS, 5th percentile"), mosOf(s.mos, &MosFigures::p5), QStringLiteral("of 4.5") });
    addSampleFigures(kpis, report.figures);
    kpis.append({ QStringLiteral("Alerts"), qint64(report.alerts.size()), QString() });
    document.findings = report.findings;

    document.charts.append({ QStringLiteral("Latency per day"), QStringLiteral("ms"),
        { { QStringLiteral("Average"),
              dailyPoints(report.days, [](const DailyFigures &d) { return d.figures.averageLatencyMs; }) },
            { QStringLiteral("95th percentile"),
                dailyPoints(report.days, [](const DailyFigures &d) { return d.p95LatencyMs; }) } } });
    document.charts.append({ QStringLiteral("MOS per day"), QStringLiteral("MOS"),
        { { QStringLiteral("Average MOS"),
            dailyPoints(report.days, [](const DailyFigures &d) { return d.figures.averageMos; }) } } });

    ReportTable daily { QStringLiteral("daily"), QStringLiteral("Day by day"),
        { { QStringLiteral("day"), QStringLiteral("Day") }, { QStringLiteral("sessions"), QStringLiteral("Sessions") },
            { QStringLiteral("streaming_hours"), QStringLiteral("Streaming h"), 2 },
            { QStringLiteral("average_latency_ms"), QStringLiteral("Latency ms"), 1 },
            { QStringLiteral("p95_latency_ms"), QStringLiteral("p95 ms"), 1 },
            { QStringLiteral("average_bandwidth_mbps"), QStringLiteral("Mbps"), 1 },
            { QStringLiteral("packet_loss_percent"), QStringLiteral("Loss %"), 2 },
            { QStringLiteral("average_mos"), QStringLiteral("MOS"), 2 },
            { QStringLiteral("excellent_samples"), QStringLiteral("Exc.") },
            { QStringLiteral("good_samples"), QStringLiteral("Good") },
            { QStringLiteral("fair_samples"), QStringLiteral("Fair") },
            { QStringLiteral("poor_samples"), QStringLiteral("Poor") },
            { QStringLiteral("unusable_samples"), QStringLiteral("Unus.") },
            { QStringLiteral("success_rate_percent"), QStringLiteral("Success %"), 1 },
            { QStringLiteral("rebuffering_percent"), QStringLiteral("Rebuf. %"), 1 },
            { QStringLiteral("dropped_frame_percent"), QStringLiteral("Dropped %"), 2 } },
        {} };
    for (const DailyFigures &d : report.days) {
        QVariantList row { d.day, d.sessions, d.streamingHours, known(d.figures.averageLatencyMs),
            known(d.p95LatencyMs), known(d.figures.averageBandwidthMbps), known(d.figures.averagePacketLossPercent),
            known(d.figures.averageMos) };
        for (const qint64 count : d.samplesByQuality)
            row.append(count);
        row << known(d.figures.successRatePercent) << known(d.figures.rebufferingPercent)
            << known(d.figures.droppedFramePercent);
        daily.rows.append(row);
    }
    document.tables.append(daily);
    document.tables.append(connectionTypeTable(report.connectionTypes));
    document.tables.append(sessionRanking(
        QStringLiteral("best_sessions"), QStringLiteral("Best sessions (highest MOS)"), report.bestSessions));
    document.tables.append(sessionRanking(
        QStringLiteral("worst_sessions"), QStringLiteral("Worst sessions (lowest MOS)"), report.worstSessions));
    document.tables.append(alertTable(report.alerts));
    return document;
}

ReportDocument fleet(const FleetReport &report, const QDateTime &generatedAt)
{
    const AggregatedStats &s = report.stats;
    ReportDocument document;
    document.title = QStringLiteral("Fleet report");
    document.subject = QStringLiteral("Whole fleet");
    document.period = report.period;
    document.generatedAt = generatedAt;
    document.summary = { QStringLiteral("summary"), QStringLiteral("Summary"), summaryColumns(), {} };
    QList<QVariantList> &kpis = document.summary.rows;
    kpis.append({ QStringLiteral("Sessions"), s.totalSessions, QString() });
    kpis.append({ QStringLiteral("Peak concurrent users"), s.peakConcurrentUsers, QString() });
    kpis.append({ QStringLiteral("Streaming hours"), s.totalStreamingHours, QStringLiteral("h") });
    kpis.append({ QStringLiteral("Data transferred"), s.totalDataTransferredGb, QStringLiteral("GiB") });
    kpis.append({ QStringLiteral("Average connection quality"), spelling(s.averageConnectionQuality), QString() });
    kpis.append({ QStringLiteral("Success rate"), s.successRatePercent, QStringLiteral("%") });
    kpis.append({ QStringLiteral("Average MOS"), mosOf(s.mos, &MosFigures::average), QStringLiteral("of 4.5") });
    kpis.append({ QStringLiteral("MOS, 5th percentile"), mosOf(s.mos, &MosFigures::p5), QStringLiteral("of 4.5") });
    addSampleFigures(kpis, report.figures);
    kpis.append({ QStringLiteral("Average peer CPU"), s.averageCpuUsagePercent, QStringLiteral("%") });
    kpis.append({ QStringLiteral("Average peer memory"), s.averageMemoryUsageMb, QStringLiteral("MB") });
    kpis.append({ QStringLiteral("Alerts"), report.alertSummary.total, QString() });
    kpis.append({ QStringLiteral("Alerts unresolved at the end"), report.alertSummary.unresolved, QString() });
    kpis.append({ QStringLiteral("Median time to resolve"), known(report.alertSummary.medianMinutesToResolve),
        QStringLiteral("min") });
    document.findings = report.findings;

    const Trends &t = report.trends;
    document.charts.append({ QStringLiteral("Latency"), QStringLiteral("ms"),
        { { QStringLiteral("Average"), t.latency }, { QStringLiteral("95th percentile"), t.latencyP95 } } });
    document.charts.append({ QStringLiteral("Active sessions and users"), QString(),
        { { QStringLiteral("Sessions"), t.sessions }, { QStringLiteral("Users"), t.users },
            { QStringLiteral("Streams"), t.streams } } });
    document.charts.append({ QStringLiteral("Success rate and packet loss"), QStringLiteral("%"),
        { { QStringLiteral("Success rate"), t.successRate }, { QStringLiteral("Packet loss"), t.packetLoss } } });

    // Connection and activity buckets are listed apart (a bucket may have one and not the other).
    std::map<QDateTime, QVariantList> buckets;
    auto rowAt = [&](const QDateTime &start) -> QVariantList & {
        QVariantList &row = buckets[start];
        if (row.isEmpty())
            row = QVariantList(10);
        row[0] = start;
        return row;
    };
    for (qsizetype i = 0; i < t.latency.size(); ++i) {
        QVariantList &row = rowAt(t.latency.at(i).timestamp);
        row[1] = t.latency.at(i).value;
        row[2] = t.latencyP95.at(i).value;
        row[3] = t.bandwidth.at(i).value;
        row[4] = t.packetLoss.at(i).value;
        row[5] = t.jitter.at(i).value;
        row[6] = t.successRate.at(i).value;
    }
    for (qsizetype i = 0; i < t.sessions.size(); ++i) {
        QVariantList &row = rowAt(t.sessions.at(i).timestamp);
        row[7] = qint64(t.sessions.at(i).value);
        row[8] = qint64(t.users.at(i).value);
        row[9] = qint64(t.streams.at(i).value);
    }
    ReportTable trends { QStringLiteral("trends"), QStringLiteral("Trends (%1 min buckets)").arg(t.bucketSeconds / 60),
        { { QStringLiteral("bucket_start"), QStringLiteral("From") },
            { QStringLiteral("average_latency_ms"), QStringLiteral("Latency ms"), 1 },
            { QStringLiteral("p95_latency_ms"), QStringLiteral("p95 ms"), 1 },
            { QStringLiteral("average_bandwidth_mbps"), QStringLiteral("Mbps"), 1 },
            { QStringLiteral("packet_loss_percent"), QStringLiteral("Loss %"), 2 },
            { QStringLiteral("jitter_ms"), QStringLiteral("Jitter ms"), 1 },
            { QStringLiteral("success_rate_percent"), QStringLiteral("Success %"), 1 },
            { QStringLiteral("sessions"), QStringLiteral("Sessions") },
            { QStringLiteral("users"), QStringLiteral("Users") },
            { QStringLiteral("streams"), QStringLiteral("Streams") } },
        {} };
    for (const auto &[start, row] : buckets)
        trends.rows.append(row);
    document.tables.append(trends);
    document.tables.append(connectionTypeTable(report.connectionTypes));
    document.tables.append(rankingTable(QStringLiteral("top_users"), QStringLiteral("Users with the most problems"),
        QStringLiteral("User"), report.topUsers));
    document.tables.append(rankingTable(QStringLiteral("top_peers"), QStringLiteral("Peers with the most problems"),
        QStringLiteral("Peer"), report.topPeers));
    ReportTable alertTypes { QStringLiteral("alert_types"), QStringLiteral("Alerts by type"),
        { { QStringLiteral("alert_type"), QStringLiteral("Type") },
            { QStringLiteral("alerts"), QStringLiteral("Alerts") } },
        {} };
    for (const auto &[type, count] : report.alertSummary.byType)
        alertTypes.rows.append({ type, count });
    document.tables.append(alertTypes);
    document.tables.append(alertTable(report.alerts));
    return document;
}

ReportTable sessionTable(const QList<SessionOverview> &sessions)
{
    ReportTable table { QStringLiteral("sessions"), QStringLiteral("Sessions"),
        { { QStringLiteral("session_id"), QStringLiteral("Session") },
            { QStringLiteral("user_id"), QStringLiteral("User") },
            { QStringLiteral("created_at"), QStringLiteral("Started") },
            { QStringLiteral("updated_at"), QStringLiteral("Last update") },
            { QStringLiteral("total_connections"), QStringLiteral("Connections") },
            { QStringLiteral("total_streaming_sessions"), QStringLiteral("Streams") },
            { QStringLiteral("streaming_hours"), QStringLiteral("Streaming h"), 2 },
            { QStringLiteral("success_rate_percent"), QStringLiteral("Success %"), 1 },
            { QStringLiteral("average_connection_quality"), QStringLiteral("Reported quality") },
            { QStringLiteral("computed_quality"), QStringLiteral("Computed quality") },
            { QStringLiteral("average_mos"), QStringLiteral("MOS"), 2 },
            { QStringLiteral("peers"), QStringLiteral("Peers") },
            { QStringLiteral("connection_types"), QStringLiteral("Connection types") } },
        {} };
    for (const SessionOverview &overview : sessions) {
        const SessionAnalytics &s = overview.figures;
        QStringList types;
        for (const ConnectionType type : overview.connectionTypes)
            types << spelling(type);
        table.rows.append({ s.sessionId, s.userId, s.createdAt, s.updatedAt, s.totalConnections,
            s.totalStreamingSessions, s.totalStreamingHours, s.successRatePercent, spelling(s.averageConnectionQuality),
            s.computedQuality ? QVariant(spelling(*s.computedQuality)) : QVariant(), known(s.averageMos),
            overview.peerIds.join(u' '), types.join(u' ') });
    }
    return table;
}

ReportTable alertTable(const QList<Alert> &alerts)
{
    ReportTable table { QStringLiteral("alerts"), QStringLiteral("Alerts"),
        { { QStringLiteral("first_seen"), QStringLiteral("Raised") },
            { QStringLiteral("severity"), QStringLiteral("Severity") },
            { QStringLiteral("alert_type"), QStringLiteral("Type") },
            { QStringLiteral("scope"), QStringLiteral("Scope") },
            { QStringLiteral("scope_key"), QStringLiteral("Subject") },
            { QStringLiteral("message"), QStringLiteral("Message") },
            { QStringLiteral("peak_value"), QStringLiteral("Peak"), 1 },
            { QStringLiteral("resolved_at"), QStringLiteral("Resolved") },
            { QStringLiteral("acknowledged_by"), QStringLiteral("Acknowledged by") },
            { QStringLiteral("id"), QStringLiteral("Id") } },
        {} };
    for (const Alert &a : alerts)
        table.rows.append({ a.firstSeen, spelling(a.severity), a.type, spelling(a.scope), a.scopeKey, a.message,
            a.peakValue, a.resolvedAt ? QVariant(*a.resolvedAt) : QVariant(), a.acknowledgedBy, a.id });
    return table;
}

namespace {

ReportDocument oneTable(const QString &title, ReportTable table, const TimeWindow &period, const QDateTime &generatedAt)
{
    ReportDocument document;
    document.title = title;
    document.subject = QStringLiteral("%1 rows").arg(table.rows.size());
    document.period = period;
    document.generatedAt = generatedAt;
    document.tables.append(std::move(table));
    return document;
}

} // namespace

ReportDocument sessions(const QList<SessionOverview> &list, const TimeWindow &period, const QDateTime &generatedAt)
{
    return oneTable(QStringLiteral("Sessions"), sessionTable(list), period, generatedAt);
}

ReportDocument alerts(const QList<Alert> &list, const TimeWindow &period, const QDateTime &generatedAt)
{
    return oneTable(QStringLiteral("Alert history"), alertTable(list), period, generatedAt);
}

} // namespace ReportDocuments
