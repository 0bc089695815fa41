#pragma once

#include "analytics/clock.h"
#include "analytics/figures.h"
#include "storage/analyticsrepository.h"
#include "storage/ingestwriter.h"

#include <memory>

/**
 * The analytics of the contract: records samples and computes every figure from stored data.
 *
 * The repository counts and sums; this class applies the contract's definitions (windows, quality
 * mapping, rates, defaults for empty data) in one place for every backend. Like its repository, an
 * instance belongs to one thread.
 */
class AnalyticsService
{
public:
    AnalyticsService(std::shared_ptr<AnalyticsRepository> repository, std::shared_ptr<const Clock> clock);

    // With a writer, every write goes through it, so that one connection writes for all threads.
    void setIngestWriter(std::shared_ptr<IngestWriter> writer);

    // Stamps the samples with the clock's time and stores them in one transaction; returns once committed.
    StorageResult<QList<StoredRecord>> record(const QList<Metrics> &samples);
    // Stamps the samples and hands them to the writer (which must be set) without waiting: `done` runs
    // in `context`'s thread once they are committed. A refusal (queue full) is returned at once.
    std::optional<StorageError> submit(const QList<Metrics> &samples, QObject *context, IngestWriter::Done done);
    // Whether the database answers.
    std::optional<StorageError> checkHealth();

    // Nothing for a session never seen.
    StorageResult<std::optional<SessionAnalytics>> sessionAnalytics(const QString &sessionId);
    StorageResult<UserAnalytics> userAnalytics(const QString &userId);
    // Every session with a sample in the last windowSeconds, its figures and peers counted over that
    // window; newest first.
    StorageResult<QList<SessionOverview>> sessionsActiveIn(qint64 windowSeconds);
    // The same for any selection of samples.
    StorageResult<QList<SessionOverview>> sessionOverviews(const SampleFilter &filter);
    StorageResult<AggregatedStats> aggregatedStats(int hours);
    // The same over any period; periodHours is its length rounded up to whole hours.
    StorageResult<AggregatedStats> aggregatedStatsOver(const TimeWindow &period);
    StorageResult<PerformanceReport> performanceReport(const QString &userId, int days);
    // The same over any period; periodDays is its length rounded up to whole days.
    StorageResult<PerformanceReport> performanceReportOver(const QString &userId, const TimeWindow &period);
    // bucketSeconds 0 picks the contract's default: 1 h for windows over 6 h, else 5 min.
    StorageResult<Trends> trends(int hours, qint64 bucketSeconds = 0);
    // The same over any window; bucketSeconds must be positive.
    StorageResult<Trends> trendsOver(qint64 windowSeconds, qint64 bucketSeconds);
    StorageResult<Trends> trendsIn(const TimeWindow &period, qint64 bucketSeconds);
    StorageResult<RealtimeMetrics> realtimeMetrics(int hours);
    // The dashboard over the last windowSeconds, compared with the windowSeconds before.
    StorageResult<DashboardSnapshot> dashboard(qint64 windowSeconds);

    // "Active" peers and streams are those seen in this many last seconds.
    static constexpr qint64 ActiveSeconds = 5 * 60;
    static qint64 defaultBucketSeconds(int hours);
    // The contract's definitions, for the reports that compute figures of their own.
    static double percentOf(qint64 part, qint64 whole);
    static double mean(double sum, qint64 count);
    static std::optional<MosFigures> mosFiguresOf(const MosDistribution &distribution);
    static SessionAnalytics analyticsOf(const SessionSummary &summary);
    QDateTime now() const { return m_clock->now(); }

private:
    struct WindowTotals;
    StorageResult<WindowTotals> windowTotals(const SampleFilter &window);
    static AggregatedStats statsOf(const WindowTotals &totals, int hours, const QDateTime &now);

    std::shared_ptr<AnalyticsRepository> m_repository;
    std::shared_ptr<const Clock> m_clock;
    QList<MetricRecord> stamped(const QList<Metrics> &samples) const;

    std::shared_ptr<IngestWriter> m_writer;
};
