#include "reportbuilder.h"

#include "reports/findings.h"

#include <QSet>

#include <algorithm>
#include <map>

namespace {

constexpr qint64 DayMs = 86400 * 1000;

std::optional<double> meanOf(double sum, qint64 count)
{
    return count == 0 ? std::nullopt : std::optional<double>(sum / double(count));
}

std::optional<double> percentOf(qint64 part, qint64 whole)
{
    return whole == 0 ? std::nullopt : std::optional<double>(100.0 * double(part) / double(whole));
}

QDateTime startOfDay(const QDate &day)
{
    return QDateTime(day, QTime(0, 0), Qt::UTC);
}

// The part of the period on one UTC day, as a (from, to] window that holds exactly the samples the
// repository's day buckets (aligned to midnight, start included) put on that day.
TimeWindow dayWithin(const QDate &day, const TimeWindow &period)
{
    const QDateTime from = startOfDay(day).addMSecs(-1);
    const QDateTime to = startOfDay(day.addDays(1)).addMSecs(-1);
    return { std::max(from, period.from), std::min(to, period.to) };
}

QString subjectKey(AlertScope scope, const QString &key)
{
    return QString::number(int(scope)) + u'/' + key;
}

} // namespace

SampleFigures SampleFigures::of(const GroupTotals &t)
{
    SampleFigures figures;
    figures.connectionSamples = t.connectionSamples;
    figures.streamingSamples = t.streamingSamples;
    figures.averageLatencyMs = meanOf(t.latencySum, t.connectionSamples);
    figures.averageBandwidthMbps = meanOf(t.bandwidthSum, t.connectionSamples);
    figures.averagePacketLossPercent = meanOf(t.packetLossSum, t.connectionSamples);
    figures.averageMos = meanOf(t.mosSum, t.connectionSamples);
    figures.successRatePercent = percentOf(t.successfulSamples, t.connectionSamples);
    figures.poorPercent = percentOf(t.poorSamples, t.connectionSamples);
    figures.rebufferingPercent = percentOf(t.bufferingSamples, t.streamingSamples);
    figures.droppedFramePercent = percentOf(t.droppedFrames, t.totalFrames);
    return figures;
}

ReportBuilder::ReportBuilder(AnalyticsService &service, AnalyticsRepository &repository, AlertStore &alerts)
    : m_service(service)
    , m_repository(repository)
    , m_alerts(alerts)
{ }

qint64 ReportBuilder::trendBucketSeconds(qint64 periodSeconds)
{
    for (const qint64 bucket : { 5 * 60, 15 * 60, 3600, 6 * 3600, 86400 }) {
        if (periodSeconds <= bucket * MaxTrendBuckets)
            return bucket;
    }
    const qint64 days = (periodSeconds + 86400 * MaxTrendBuckets - 1) / (86400 * MaxTrendBuckets);
    return days * 86400;
}

StorageResult<SampleFigures> ReportBuilder::figuresOf(const SampleFilter &filter)
{
    TRY_STORAGE(groups, m_repository.groupTotals(filter, SampleGroup::Global));
    return groups.isEmpty() ? SampleFigures() : SampleFigures::of(groups.constFirst());
}

StorageResult<QList<DailyFigures>> ReportBuilder::dailyFigures(const SampleFilter &filter)
{
    const TimeWindow period = *filter.window;
    TRY_STORAGE(connectionBuckets, m_repository.connectionBuckets(filter, DayMs));
    TRY_STORAGE(activityBuckets, m_repository.activityBuckets(filter, DayMs));
    std::map<QDate, const ConnectionBucket *> connectionsByDay;
    for (const ConnectionBucket &bucket : connectionBuckets)
        connectionsByDay[bucket.start.toUTC().date()] = &bucket;
    std::map<QDate, qint64> sessionsByDay;
    for (const ActivityBucket &bucket : activityBuckets)
        sessionsByDay[bucket.start.toUTC().date()] = bucket.sessions;

    QList<DailyFigures> days;
    const QDate last = period.to.toUTC().date();
    for (QDate day = period.from.toUTC().addMSecs(1).date(); day <= last; day = day.addDays(1)) {
        const SampleFilter dayFilter { dayWithin(day, period), filter.userId, filter.sessionId };
        DailyFigures daily;
        daily.day = day;
        daily.sessions = sessionsByDay[day];
        TRY_STORAGE(figures, figuresOf(dayFilter));
        TRY_STORAGE(streaming, m_repository.streamingTotals(dayFilter));
        TRY_STORAGE(breakdown, m_repository.connectionBreakdown(dayFilter));
        daily.figures = figures;
        daily.streamingHours = streaming.durationSecondsSum / 3600.0;
        daily.samplesByQuality = breakdown.byQuality;
        if (const auto bucket = connectionsByDay.find(day); bucket != connectionsByDay.end()) {
            const ConnectionBucket &b = *bucket->second;
            daily.p95LatencyMs = b.latencyHistogram.percentile(0.95, b.latencyMin, b.latencyMax);
        }
        days.append(daily);
    }
    return days;
}

StorageResult<QList<ConnectionTypeFigures>> ReportBuilder::connectionTypes(const SampleFilter &filter)
{
    TRY_STORAGE(breakdown, m_repository.connectionBreakdown(filter));
    QList<ConnectionTypeFigures> types;
    for (std::size_t i = 0; i < breakdown.byType.size(); ++i) {
        if (const qint64 samples = breakdown.byType.at(i); samples > 0)
            types.append({ ConnectionType(i), samples, breakdown.latencySumByType.at(i) / double(samples) });
    }
    return types;
}

StorageResult<QList<ProblemRanking>> ReportBuilder::ranking(const SampleFilter &filter, SampleGroup group)
{
    TRY_STORAGE(groups, m_repository.groupTotals(filter, group));
    QList<ProblemRanking> ranked;
    for (const GroupTotals &totals : groups) {
        if (const qint64 problems = totals.poorSamples + totals.failedSamples; problems > 0)
            ranked.append({ totals.key, SampleFigures::of(totals), problems });
    }
    std::sort(ranked.begin(), ranked.end(), [](const ProblemRanking &a, const ProblemRanking &b) {
        return std::tie(b.problemReports, a.key) < std::tie(a.problemReports, b.key);
    });
    if (ranked.size() > RankedGroups)
        ranked.resize(RankedGroups);
    return ranked;
}

StorageResult<UserPerformanceReport> ReportBuilder::performance(const QString &userId, const TimeWindow &period)
{
    const SampleFilter filter { period, userId, QString() };
    UserPerformanceReport report;
    report.period = period;
    TRY_STORAGE(summary, m_service.performanceReportOver(userId, period));
    TRY_STORAGE(figures, figuresOf(filter));
    TRY_STORAGE(days, dailyFigures(filter));
    TRY_STORAGE(types, connectionTypes(filter));
    TRY_STORAGE(summaries, m_repository.sessionSummaries(filter));
    TRY_STORAGE(alerts, alertsAbout(filter, summaries));
    report.summary = summary;
    report.figures = figures;
    report.days = days;
    report.connectionTypes = types;
    report.alerts = alerts;

    QList<SessionAnalytics> rated;
    for (const SessionSummary &summary : summaries) {
        const SessionAnalytics session = AnalyticsService::analyticsOf(summary);
        report.qualityMismatchSessions += session.qualityMismatch ? 1 : 0;
        if (session.averageMos)
            rated.append(session);
    }

    // Best and worst never share a session: with few sessions, the better half is best.
    std::sort(rated.begin(), rated.end(), [](const SessionAnalytics &a, const SessionAnalytics &b) {
        return std::tie(*b.averageMos, a.sessionId) < std::tie(*a.averageMos, b.sessionId);
    });
    const qsizetype best = std::min(RankedSessions, (rated.size() + 1) / 2);
    const qsizetype worst = std::min(RankedSessions, rated.size() - best);
    report.bestSessions = rated.mid(0, best);
    for (qsizetype i = rated.size() - 1; i >= rated.size() - worst; --i)
        report.worstSessions.append(rated.at(i));

    report.findings = Findings::forUser(report);
    return report;
}

StorageResult<QList<Alert>> ReportBuilder::alertsAbout(const SampleFilter &filter)
{
    if (filter.userId.isEmpty() && filter.sessionId.isEmpty())
        return m_alerts.alertsDuring(*filter.window);
    TRY_STORAGE(sessions, m_repository.sessionSummaries(filter));
    return alertsAbout(filter, sessions);
}

StorageResult<QList<Alert>> ReportBuilder::alertsAbout(
    const SampleFilter &filter, const QList<SessionSummary> &sessions)
{
    TRY_STORAGE(alerts, m_alerts.alertsDuring(*filter.window));
    TRY_STORAGE(peers, m_repository.sessionPeers(filter));
    QSet<QString> subjects;
    if (!filter.userId.isEmpty())
        subjects.insert(subjectKey(AlertScope::User, filter.userId));
    for (const SessionSummary &session : sessions)
        subjects.insert(subjectKey(AlertScope::Session, session.session.sessionId));
    for (const SessionPeer &peer : peers)
        subjects.insert(subjectKey(AlertScope::Peer, peer.peerId));
    QList<Alert> about;
    for (const Alert &alert : alerts) {
        if (subjects.contains(subjectKey(alert.scope, alert.scopeKey)))
            about.append(alert);
    }
    return about;
}

StorageResult<FleetReport> ReportBuilder::fleet(const TimeWindow &period)
{
    const SampleFilter filter { period, QString(), QString() };
    FleetReport report;
    report.period = period;
    TRY_STORAGE(stats, m_service.aggregatedStatsOver(period));
    TRY_STORAGE(trends, m_service.trendsIn(period, trendBucketSeconds(period.from.secsTo(period.to))));
    TRY_STORAGE(figures, figuresOf(filter));
    TRY_STORAGE(types, connectionTypes(filter));
    TRY_STORAGE(users, ranking(filter, SampleGroup::User));
    TRY_STORAGE(peers, ranking(filter, SampleGroup::Peer));
    TRY_STORAGE(alerts, m_alerts.alertsDuring(period));
    report.stats = stats;
    report.figures = figures;
    report.trends = trends;
    report.connectionTypes = types;
    report.topUsers = users;
    report.topPeers = peers;
    report.alerts = alerts;

    AlertSummary &summary = report.alertSummary;
    std::map<QString, qint64> byType;
    QList<double> minutesToResolve;
    for (const Alert &alert : alerts) {
        ++summary.total;
        ++summary.bySeverity.at(std::size_t(alert.severity));
        ++byType[alert.type];
        if (!alert.resolvedAt || *alert.resolvedAt > period.to)
            ++summary.unresolved;
        else
            minutesToResolve.append(double(alert.firstSeen.msecsTo(*alert.resolvedAt)) / 60000.0);
    }
    for (const auto &[type, count] : byType)
        summary.byType.append({ type, count });
    std::stable_sort(
        summary.byType.begin(), summary.byType.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    if (!minutesToResolve.isEmpty()) {
        std::sort(minutesToResolve.begin(), minutesToResolve.end());
        const qsizetype middle = minutesToResolve.size() / 2;
        summary.medianMinutesToResolve = minutesToResolve.size() % 2
            ? minutesToResolve.at(middle)
            : (minutesToResolve.at(middle - 1) + minutesToResolve.at(middle)) / 2;
    }
    report.findings = Findings::forFleet(report);
    return report;
}
