#pragma once

#include "analytics/analyticsservice.h"
#include "reports/reports.h"
#include "storage/alertstore.h"

/**
 * Computes the reports from stored data: the contract's figures through AnalyticsService, the daily
 * and per-group detail from the repository's sums, the alerts from the alert store. Like them, an
 * instance belongs to one thread.
 */
class ReportBuilder
{
public:
    ReportBuilder(AnalyticsService &service, AnalyticsRepository &repository, AlertStore &alerts);

    // A user never seen gives a valid report with zero sessions.
    StorageResult<UserPerformanceReport> performance(const QString &userId, const TimeWindow &period);
    StorageResult<FleetReport> fleet(const TimeWindow &period);
    // The alerts unresolved during the filter's window (which it must have) about its user, its
    // session, or their sessions and peers; every alert when the filter names neither.
    StorageResult<QList<Alert>> alertsAbout(const SampleFilter &filter);

    // The trend buckets of a fleet report: the finest of 5 min, 15 min, 1 h, 6 h or 1 day that keeps
    // the chart readable (at most MaxTrendBuckets points), whole days beyond.
    static qint64 trendBucketSeconds(qint64 periodSeconds);
    static constexpr qint64 MaxTrendBuckets = 96;
    static constexpr qsizetype RankedSessions = 5;
    static constexpr qsizetype RankedGroups = 10;

private:
    // The same for a user or session filter, whose sessions the caller has read already.
    StorageResult<QList<Alert>> alertsAbout(const SampleFilter &filter, const QList<SessionSummary> &sessions);
    StorageResult<QList<DailyFigures>> dailyFigures(const SampleFilter &filter);
    StorageResult<SampleFigures> figuresOf(const SampleFilter &filter);
    StorageResult<QList<ConnectionTypeFigures>> connectionTypes(const SampleFilter &filter);
    StorageResult<QList<ProblemRanking>> ranking(const SampleFilter &filter, SampleGroup group);

    AnalyticsService &m_service;
    AnalyticsRepository &m_repository;
    AlertStore &m_alerts;
};
