#include "analytics/analyticsservice.h"
#include "databasetestcase.h"
#include "domain/emodel.h"
#include "domain/metricscodec.h"
#include "samples.h"

#include "testdata.h"

#include <QJsonDocument>
#include <QTest>

// The contract's figures against values computed by hand, on every backend.
class TestAnalyticsService : public DatabaseTestCase
{
    Q_OBJECT

private:
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<AnalyticsService> m_service;
    // Noon: a multiple of every bucket size, so that bucket starts are easy to name.
    const QDateTime m_now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);

    // Records samples as if they arrived `secondsAgo` before m_now.
    void post(qint64 secondsAgo, const QList<Metrics> &samples)
    {
        m_clock->setNow(m_now.addSecs(-secondsAgo));
        const auto stored = m_service->record(samples);
        QVERIFY2(stored.ok(), stored.ok() ? "" : qPrintable(stored.error().message));
        m_clock->setNow(m_now);
    }

protected:
    void initDatabaseTest() override
    {
        const std::shared_ptr<AnalyticsRepository> repository = m_database->open();
        QVERIFY(repository);
        m_clock = std::make_shared<ManualClock>(m_now);
        m_service = std::make_unique<AnalyticsService>(repository, m_clock);
    }

    void cleanupDatabaseTest() override { m_service.reset(); }

private slots:
    void seedWalkThrough()
    {
        const auto connection
            = MetricsCodec::decodeConnection(TestData::payload(QStringLiteral("connection-metrics.json")));
        const auto streaming
            = MetricsCodec::decodeStreaming(TestData::payload(QStringLiteral("streaming-metrics.json")));
        QVERIFY(connection.isValid() && streaming.isValid());
        post(0, { *connection.value });
        post(0, { *streaming.value });

        const auto session = value(m_service->sessionAnalytics(QStringLiteral("test-session-001")));
        QVERIFY(session);
        QCOMPARE(session->userId, QStringLiteral("test-user-001"));
        QCOMPARE(session->totalConnections, 1);
        QCOMPARE(session->totalStreamingSessions, 1);
        QCOMPARE(session->averageConnectionQuality, ConnectionQuality::Excellent);
        QCOMPARE(session->totalStreamingHours, 30.0 / 3600.0);
        QCOMPARE(session->successRatePercent, 100.0);
        QCOMPARE(session->createdAt, m_now);
        QCOMPARE(session->updatedAt, m_now);

        const UserAnalytics user = value(m_service->userAnalytics(QStringLiteral("test-user-001")));
        QCOMPARE(user.totalSessions, 1);
        QCOMPARE(user.totalStreamingHours, 30.0 / 3600.0);
        QCOMPARE(user.averageConnectionQuality, ConnectionQuality::Excellent);
        QCOMPARE(user.successRatePercent, 100.0);
        QCOMPARE(user.sessions.size(), 1);
        QCOMPARE(user.sessions[0].sessionId, QStringLiteral("test-session-001"));
        QCOMPARE(user.sessions[0].createdAt, m_now);
        QCOMPARE(user.sessions[0].totalConnections, 1);
        QCOMPARE(user.sessions[0].totalStreamingSessions, 1);
        QCOMPARE(user.sessions[0].averageQuality, ConnectionQuality::Excellent);

        const AggregatedStats stats = value(m_service->aggregatedStats(24));
        QCOMPARE(stats.periodHours, 24);
        QCOMPARE(stats.totalSessions, 1);
        QCOMPARE(stats.totalStreamingHours, 30.0 / 3600.0);
        QCOMPARE(stats.averageConnectionQuality, ConnectionQuality::Excellent);
        QCOMPARE(stats.averageLatencyMs, 45.0);
        QCOMPARE(stats.averageBandwidthMbps, 10.5);
        QCOMPARE(stats.totalDataTransferredGb, 0.0);
        QCOMPARE(stats.successRatePercent, 100.0);
        QCOMPARE(stats.peakConcurrentUsers, 1);
        QCOMPARE(stats.averageCpuUsagePercent, 0.0);
        QCOMPARE(stats.averageMemoryUsageMb, 0);
        QCOMPARE(stats.generatedAt, m_now);

        const PerformanceReport report = value(m_service->performanceReport(QStringLiteral("test-user-001"), 7));
        QCOMPARE(report.periodDays, 7);
        QCOMPARE(report.totalSessions, 1);
        QCOMPARE(report.totalStreamingHours, 30.0 / 3600.0);
        QCOMPARE(report.averageConnectionQuality, ConnectionQuality::Excellent);
        QCOMPARE(report.successRatePercent, 100.0);

        const RealtimeMetrics realtime = value(m_service->realtimeMetrics(24));
        QCOMPARE(realtime.timestamp, m_now);
        QCOMPARE(realtime.overview.totalSessions, 1);
        QCOMPARE(realtime.systemHealth.errorRatePercent, 0.0);
        QCOMPARE(realtime.p2p.activePeers, 1);
        QCOMPARE(realtime.p2p.totalConnections, 1);
        QCOMPARE(realtime.p2p.averageLatencyMs, 45.0);
        QCOMPARE(realtime.p2p.bandwidthUtilizationMbps, 10.5);
        QCOMPARE(realtime.p2p.contentAvailabilityScore, 100.0);
        QCOMPARE(realtime.p2p.networkHealthScore, 1.0);
        QCOMPARE(realtime.streaming.activeStreams, 1);
        QCOMPARE(realtime.streaming.totalStreams, 1);
        QCOMPARE(realtime.streaming.averageQuality, std::optional<QualityLevel>(QualityLevel::HD));
        QCOMPARE(realtime.streaming.bufferingEvents, 0);
        QCOMPARE(realtime.streaming.qualitySwitches, 1);
        QCOMPARE(realtime.streaming.chunkDownloadSuccessRate, 1.0);
        QCOMPARE(realtime.streaming.averageChunkDownloadTimeMs, 45.0);
        QCOMPARE(realtime.streaming.transcodingJobsActive, 0);

        const Trends trends = value(m_service->trends(24));
        QCOMPARE(trends.bucketSeconds, 3600);
        QCOMPARE(trends.latency, QList<TrendPoint>({ { m_now, 45.0 } }));
        QCOMPARE(trends.bandwidth, QList<TrendPoint>({ { m_now, 10.5 } }));
        QCOMPARE(trends.sessions, QList<TrendPoint>({ { m_now, 1.0 } }));
        QCOMPARE(trends.successRate, QList<TrendPoint>({ { m_now, 100.0 } }));
    }

    void emptyDatabase()
    {
        QVERIFY(!value(m_service->sessionAnalytics(QStringLiteral("nobody"))).has_value());

        const UserAnalytics user = value(m_service->userAnalytics(QStringLiteral("nobody")));
        QCOMPARE(user.totalSessions, 0);
        QCOMPARE(user.totalStreamingHours, 0.0);
        QCOMPARE(user.averageConnectionQuality, ConnectionQuality::Good);
        QCOMPARE(user.successRatePercent, 100.0);
        QVERIFY(user.sessions.isEmpty());

        const AggregatedStats stats = value(m_service->aggregatedStats(24));
        QCOMPARE(stats.totalSessions, 0);
        QCOMPARE(stats.averageConnectionQuality, ConnectionQuality::Good);
        QCOMPARE(stats.averageLatencyMs, 0.0);
        QCOMPARE(stats.successRatePercent, 100.0);
        QCOMPARE(stats.peakConcurrentUsers, 0);

        const RealtimeMetrics realtime = value(m_service->realtimeMetrics(1));
        QCOMPARE(realtime.p2p.activePeers, 0);
        QCOMPARE(realtime.p2p.contentAvailabilityScore, 100.0);
        QCOMPARE(realtime.streaming.activeStreams, 0);
        QVERIFY(!realtime.streaming.averageQuality.has_value());

        const Trends trends = value(m_service->trends(24));
        QVERIFY(trends.latency.isEmpty());
        QVERIFY(trends.sessions.isEmpty());
    }

    void windowsCountOnlyTheirSamples()
    {
        post(25 * 3600,
            { Samples::connection(QStringLiteral("old"), QStringLiteral("u1"), ConnectionQuality::Poor, 100) });
        post(24 * 3600,
            { Samples::connection(QStringLiteral("edge"), QStringLiteral("u1"), ConnectionQuality::Poor, 100) });
        post(3600,
            { Samples::connection(QStringLiteral("new"), QStringLiteral("u2"), ConnectionQuality::Excellent, 20) });

        const AggregatedStats day = value(m_service->aggregatedStats(24));
        QCOMPARE(day.totalSessions, 1); // a sample exactly 24 h old is outside the last 24 h
        QCOMPARE(day.averageLatencyMs, 20.0);
        QCOMPARE(day.averageConnectionQuality, ConnectionQuality::Excellent);

        const AggregatedStats twoDays = value(m_service->aggregatedStats(48));
        QCOMPARE(twoDays.totalSessions, 3);
        QCOMPARE(twoDays.averageLatencyMs, (100.0 + 100.0 + 20.0) / 3);
        // Sessions' scores 2, 2, 5: mean 3 -> Fair.
        QCOMPARE(twoDays.averageConnectionQuality, ConnectionQuality::Fair);
    }

    void sessionQualityBoundaries_data()
    {
        QTest::addColumn<QList<ConnectionQuality>>("samples");
        QTest::addColumn<ConnectionQuality>("expected");
        using Q = ConnectionQuality;
        QTest::addRow("mean 4.5 is Excellent") << QList<Q> { Q::Excellent, Q::Good } << Q::Excellent;
        QTest::addRow("mean 4.25 is Good") << QList<Q> { Q::Excellent, Q::Excellent, Q::Good, Q::Fair } << Q::Good;
        QTest::addRow("mean 3.5 is Good") << QList<Q> { Q::Good, Q::Fair } << Q::Good;
        QTest::addRow("mean 3.33 is Fair") << QList<Q> { Q::Good, Q::Fair, Q::Fair } << Q::Fair;
        QTest::addRow("mean 2.5 is Fair") << QList<Q> { Q::Fair, Q::Poor } << Q::Fair;
        QTest::addRow("mean 2.33 is Poor") << QList<Q> { Q::Fair, Q::Poor, Q::Poor } << Q::Poor;
        QTest::addRow("mean 1.5 is Poor") << QList<Q> { Q::Poor, Q::Unusable } << Q::Poor;
        QTest::addRow("mean 1.33 is Unusable") << QList<Q> { Q::Poor, Q::Unusable, Q::Unusable } << Q::Unusable;
    }

    void sessionQualityBoundaries()
    {
        QFETCH(QList<ConnectionQuality>, samples);
        QFETCH(ConnectionQuality, expected);
        QList<Metrics> metrics;
        for (ConnectionQuality quality : samples)
            metrics.append(Samples::connection(QStringLiteral("s"), QStringLiteral("u"), quality));
        post(60, metrics);
        QCOMPARE(value(m_service->sessionAnalytics(QStringLiteral("s")))->averageConnectionQuality, expected);
        QCOMPARE(value(m_service->userAnalytics(QStringLiteral("u"))).averageConnectionQuality, expected);
        QCOMPARE(value(m_service->aggregatedStats(1)).averageConnectionQuality, expected);
    }

    void qualityAcrossSessionsIsTheMeanOfSessions()
    {
        // Session a: one Excellent (5). Session b: three Poor (2). Sessions' mean 3.5 -> Good, while the
        // mean over the four samples would be 2.75 -> Fair.
        post(60, { Samples::connection(QStringLiteral("a"), QStringLiteral("u"), ConnectionQuality::Excellent) });
        post(50,
            { Samples::connection(QStringLiteral("b"), QStringLiteral("u"), ConnectionQuality::Poor),
                Samples::connection(QStringLiteral("b"), QStringLiteral("u"), ConnectionQuality::Poor),
                Samples::connection(QStringLiteral("b"), QStringLiteral("u"), ConnectionQuality::Poor) });
        // A session with streaming samples only has no score and does not pull the mean.
        post(40, { Samples::streaming(QStringLiteral("c"), QStringLiteral("u")) });
        QCOMPARE(
            value(m_service->userAnalytics(QStringLiteral("u"))).averageConnectionQuality, ConnectionQuality::Good);
        QCOMPARE(value(m_service->aggregatedStats(1)).averageConnectionQuality, ConnectionQuality::Good);
        QCOMPARE(value(m_service->performanceReport(QStringLiteral("u"), 1)).averageConnectionQuality,
            ConnectionQuality::Good);
        QCOMPARE(value(m_service->sessionAnalytics(QStringLiteral("c")))->averageConnectionQuality,
            ConnectionQuality::Good); // no samples: Good
    }

    void userWithSeveralSessions()
    {
        ConnectionMetrics failing
            = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Fair, 80, false);
        failing.connectionId = QStringLiteral("second-connection");
        post(7200,
            { Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Excellent), failing,
                Samples::streaming(QStringLiteral("s1"), QStringLiteral("u1"), 1800) });
        post(3600,
            { Samples::connection(QStringLiteral("s2"), QStringLiteral("u1"), ConnectionQuality::Good),
                Samples::connection(QStringLiteral("s2"), QStringLiteral("u1"), ConnectionQuality::Good),
                Samples::streaming(QStringLiteral("s2"), QStringLiteral("u1"), 3600, QStringLiteral("a")),
                Samples::streaming(QStringLiteral("s2"), QStringLiteral("u1"), 1800, QStringLiteral("b")) });
        post(60,
            { Samples::connection(
                QStringLiteral("s3"), QStringLiteral("u2"), ConnectionQuality::Unusable, 500, false) });

        const UserAnalytics user = value(m_service->userAnalytics(QStringLiteral("u1")));
        QCOMPARE(user.totalSessions, 2);
        QCOMPARE(user.totalStreamingHours, (1800.0 + 3600 + 1800) / 3600);
        QCOMPARE(user.successRatePercent, 75.0); // 3 of 4 connection samples
        // s1: (5 + 3) / 2 = 4; s2: 4 -> 4 Good.
        QCOMPARE(user.averageConnectionQuality, ConnectionQuality::Good);
        QCOMPARE(user.sessions.size(), 2);
        QCOMPARE(user.sessions[0].sessionId, QStringLiteral("s2")); // newest first
        QCOMPARE(user.sessions[0].createdAt, m_now.addSecs(-3600));
        QCOMPARE(user.sessions[0].totalConnections, 1);
        QCOMPARE(user.sessions[0].totalStreamingSessions, 2);
        QCOMPARE(user.sessions[1].sessionId, QStringLiteral("s1"));
        QCOMPARE(user.sessions[1].totalConnections, 2);
        QCOMPARE(user.sessions[1].averageQuality, ConnectionQuality::Good);

        const auto s1 = value(m_service->sessionAnalytics(QStringLiteral("s1")));
        QCOMPARE(s1->successRatePercent, 50.0);
        QCOMPARE(s1->totalStreamingHours, 0.5);

        // The report counts only the window: the last 1 day holds all three of u1's sample times.
        const PerformanceReport report = value(m_service->performanceReport(QStringLiteral("u1"), 1));
        QCOMPARE(report.totalSessions, 2);
        QCOMPARE(report.successRatePercent, 75.0);
        QCOMPARE(report.totalStreamingHours, 2.0);
    }

    void performanceReportWindow()
    {
        post(8 * 86400,
            { Samples::connection(
                QStringLiteral("old"), QStringLiteral("u"), ConnectionQuality::Unusable, 10, false) });
        post(86400,
            { Samples::connection(QStringLiteral("recent"), QStringLiteral("u"), ConnectionQuality::Excellent) });
        post(60,
            { Samples::connection(QStringLiteral("other"), QStringLiteral("someone-else"), ConnectionQuality::Poor) });
        const PerformanceReport week = value(m_service->performanceReport(QStringLiteral("u"), 7));
        QCOMPARE(week.userId, QStringLiteral("u"));
        QCOMPARE(week.totalSessions, 1);
        QCOMPARE(week.successRatePercent, 100.0);
        QCOMPARE(week.averageConnectionQuality, ConnectionQuality::Excellent);
        QCOMPARE(week.generatedAt, m_now);
        const PerformanceReport tenDays = value(m_service->performanceReport(QStringLiteral("u"), 10));
        QCOMPARE(tenDays.totalSessions, 2);
        QCOMPARE(tenDays.successRatePercent, 50.0);
        QCOMPARE(tenDays.averageConnectionQuality, ConnectionQuality::Fair); // (1 + 5) / 2 = 3
        const PerformanceReport nobody = value(m_service->performanceReport(QStringLiteral("nobody"), 7));
        QCOMPARE(nobody.totalSessions, 0);
        QCOMPARE(nobody.successRatePercent, 100.0);
    }

    void fleetStatistics()
    {
        ConnectionMetrics a
            = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Good, 30);
        a.bandwidthMbps = 8;
        ConnectionMetrics b
            = Samples::connection(QStringLiteral("s2"), QStringLiteral("u2"), ConnectionQuality::Good, 90, false);
        b.bandwidthMbps = 2;
        post(600, { a, b, Samples::network(QStringLiteral("s1"), QStringLiteral("u1"), 512ull << 20, 0) });
        post(300,
            { Samples::network(QStringLiteral("s1"), QStringLiteral("u1"), 1ull << 30, 0),
                Samples::network(QStringLiteral("s2"), QStringLiteral("u2"), 0, 512ull << 20),
                Samples::system(QStringLiteral("node"), 40, 100.9), Samples::system(QStringLiteral("node"), 60, 200) });
        post(120, { Samples::connection(QStringLiteral("s3"), QStringLiteral("u3")) });

        const AggregatedStats stats = value(m_service->aggregatedStats(1));
        QCOMPARE(stats.totalSessions, 3);
        QCOMPARE(stats.averageLatencyMs, (30.0 + 90 + 40) / 3);
        QCOMPARE(stats.averageBandwidthMbps, (8.0 + 2 + 10) / 3);
        QCOMPARE(stats.successRatePercent, 200.0 / 3);
        QCOMPARE(stats.totalDataTransferredGb, 1.5); // latest of s1 (1 GiB) + s2 (0.5 GiB)
        QCOMPARE(stats.peakConcurrentUsers, 2); // u1 and u2 in the minute 10 min ago, and again 5 min ago
        QCOMPARE(stats.averageCpuUsagePercent, 50.0);
        QCOMPARE(stats.averageMemoryUsageMb, 150); // 150.45 floored

        const RealtimeMetrics realtime = value(m_service->realtimeMetrics(1));
        QCOMPARE(realtime.systemHealth.cpuUsagePercent, 50.0);
        QCOMPARE(realtime.systemHealth.memoryUsageMb, 150.45);
        QCOMPARE(realtime.systemHealth.networkThroughputMbps, 100.0);
        QCOMPARE(realtime.systemHealth.errorRatePercent, 100.0 - 200.0 / 3);
        QCOMPARE(realtime.p2p.activePeers, 1); // only u3's peer reported in the last 5 minutes
        QCOMPARE(realtime.p2p.totalConnections, 3);
        QCOMPARE(realtime.p2p.networkHealthScore, 2.0 / 3);
    }

    void realtimeStreamingFigures()
    {
        StreamingMetrics stalled
            = Samples::streaming(QStringLiteral("s1"), QStringLiteral("u1"), 10, QStringLiteral("live"));
        stalled.bufferLevelSeconds = 0.2f;
        stalled.adaptiveSwitches = 3;
        stalled.qualityLevel = QualityLevel::SD;
        StreamingMetrics finished
            = Samples::streaming(QStringLiteral("s2"), QStringLiteral("u2"), 10, QStringLiteral("done"));
        finished.endTime = m_now;
        finished.qualityLevel = QualityLevel::UltraHD;
        StreamingMetrics stale
            = Samples::streaming(QStringLiteral("s3"), QStringLiteral("u3"), 10, QStringLiteral("stale"));
        SystemMetrics transcoder = Samples::system(QStringLiteral("t1"), 10, 10);
        transcoder.transcodingJobsActive = 2;
        transcoder.transcodingJobsCompleted = 7;
        transcoder.transcodingJobsFailed = 1;
        post(600, { stale });
        post(60, { stalled, finished, transcoder });

        const RealtimeMetrics realtime = value(m_service->realtimeMetrics(1));
        QCOMPARE(realtime.streaming.activeStreams, 1); // "live": recent and not ended
        QCOMPARE(realtime.streaming.totalStreams, 3);
        QCOMPARE(realtime.streaming.bufferingEvents, 1);
        QCOMPARE(realtime.streaming.qualitySwitches, 3 + 0 + 0);
        // Levels SD (2), UltraHD (5), HD (3): mean 3.33 -> HD.
        QCOMPARE(realtime.streaming.averageQuality, std::optional<QualityLevel>(QualityLevel::HD));
        QCOMPARE(realtime.p2p.contentAvailabilityScore, 200.0 / 3);
        QCOMPARE(realtime.streaming.transcodingJobsActive, 2);
        QCOMPARE(realtime.streaming.transcodingJobsCompleted, 7);
        QCOMPARE(realtime.streaming.transcodingJobsFailed, 1);
    }

    void dashboardComparesWithThePreviousWindow()
    {
        // Previous hour: one user, latency 100, one failing connection, one open stream.
        post(5400,
            { Samples::connection(QStringLiteral("old"), QStringLiteral("u1"), ConnectionQuality::Poor, 100, false),
                Samples::streaming(QStringLiteral("old"), QStringLiteral("u1"), 10, QStringLiteral("st-old")) });
        // Last hour: two users on three connections, latencies 20, 40, 60, all successful; a relay.
        ConnectionMetrics relay
            = Samples::connection(QStringLiteral("a"), QStringLiteral("u1"), ConnectionQuality::Excellent, 20);
        relay.connectionType = ConnectionType::Relay;
        relay.bandwidthMbps = 4;
        ConnectionMetrics second
            = Samples::connection(QStringLiteral("a"), QStringLiteral("u1"), ConnectionQuality::Good, 40);
        second.connectionId = QStringLiteral("second");
        post(1800,
            { relay, second,
                Samples::connection(QStringLiteral("b"), QStringLiteral("u2"), ConnectionQuality::Good, 60) });

        const DashboardSnapshot d = value(m_service->dashboard(3600));
        QCOMPARE(d.generatedAt, m_now);
        QCOMPARE(d.windowSeconds, 3600);
        QCOMPARE(d.activeUsers, (KpiValue { 2, 1, true, true }));
        QCOMPARE(d.activeUsers.changePercent(), std::optional<double>(100.0));
        QCOMPARE(d.p2pConnections, (KpiValue { 3, 1, true, true }));
        QCOMPARE(d.averageLatencyMs, (KpiValue { 40, 100, true, true }));
        QCOMPARE(d.averageLatencyMs.changePercent(), std::optional<double>(-60.0));
        QCOMPARE(d.averageBandwidthMbps, (KpiValue { 8, 10, true, true }));
        QCOMPARE(d.successRatePercent, (KpiValue { 100, 0, true, true }));
        QVERIFY(!d.successRatePercent.changePercent()); // from 0 % no relative change exists
        QCOMPARE(d.activeStreams, (KpiValue { 0, 1, true, true }));
        QCOMPARE(d.samplesByQuality, (std::array<qint64, 5> { 1, 2, 0, 0, 0 }));
        QCOMPARE(d.samplesByConnectionType, (std::array<qint64, 4> { 2, 0, 0, 1 }));

        // Two hours later the last window is empty: its averages are unknown, its counts zero.
        m_clock->setNow(m_now.addSecs(7200));
        const DashboardSnapshot later = value(m_service->dashboard(3600));
        QVERIFY(!later.averageLatencyMs.currentKnown);
        QVERIFY(!later.averageLatencyMs.previousKnown);
        QVERIFY(!later.averageLatencyMs.changePercent());
        QCOMPARE(later.activeUsers, (KpiValue { 0, 0, true, true }));
        m_clock->setNow(m_now);
    }

    void sessionMosAndUntrustedReportedQuality()
    {
        ConnectionMetrics boasting = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"),
            ConnectionQuality::Excellent, 900); // reported Excellent at 900 ms
        ConnectionMetrics honest
            = Samples::connection(QStringLiteral("s2"), QStringLiteral("u1"), ConnectionQuality::Excellent, 40);
        post(60, { boasting, honest });
        const SessionAnalytics s1 = *value(m_service->sessionAnalytics(QStringLiteral("s1")));
        const double mos = EModel::mos(900, 4, 0.5);
        QVERIFY(s1.averageMos);
        QVERIFY(qAbs(*s1.averageMos - mos) < 1e-9);
        QCOMPARE(s1.computedQuality, std::optional<ConnectionQuality>(ConnectionQuality::Unusable));
        QVERIFY(s1.qualityMismatch);
        const SessionAnalytics s2 = *value(m_service->sessionAnalytics(QStringLiteral("s2")));
        QCOMPARE(s2.computedQuality, std::optional<ConnectionQuality>(ConnectionQuality::Excellent));
        QVERIFY(!s2.qualityMismatch);
        post(30, { Samples::streaming(QStringLiteral("s3"), QStringLiteral("u1")) });
        QVERIFY(!value(m_service->sessionAnalytics(QStringLiteral("s3")))->averageMos); // no connection samples
    }

    void statsAndReportsCarryTheMos()
    {
        QList<Metrics> samples;
        for (int i = 0; i < 19; ++i)
            samples.append(
                Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Good, 40));
        samples.append(Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Good, 900));
        post(60, samples);
        const double good = EModel::mos(40, 4, 0.5);
        const double bad = EModel::mos(900, 4, 0.5);
        const AggregatedStats stats = value(m_service->aggregatedStats(1));
        QVERIFY(stats.mos);
        QVERIFY(qAbs(stats.mos->average - (19 * good + bad) / 20) < 1e-9);
        // The 5th percentile of 20 samples is the worst one, estimated within its 0.05-wide bin.
        QVERIFY2(qAbs(stats.mos->p5 - bad) <= MosHistogram::BinWidth, qPrintable(QString::number(stats.mos->p5)));
        const PerformanceReport report = value(m_service->performanceReport(QStringLiteral("u1"), 1));
        QVERIFY(report.mos);
        QCOMPARE(report.mos->average, stats.mos->average);
        QVERIFY(!value(m_service->performanceReport(QStringLiteral("nobody"), 1)).mos);
    }

    void statsCarryPercentilesOfLatencyJitterAndLoss()
    {
        QVERIFY(!value(m_service->aggregatedStats(1)).latencyMs);
        QList<Metrics> samples;
        for (quint32 i = 1; i <= 100; ++i) {
            ConnectionMetrics m
                = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Good, 100 + i);
            m.jitterMs = i % 10;
            m.packetLossPercent = i <= 90 ? 0.0 : 8.0;
            samples.append(m);
        }
        post(60, samples);
        const AggregatedStats stats = value(m_service->aggregatedStats(1));
        QVERIFY(stats.latencyMs && stats.jitterMs && stats.packetLossPercent);
        // Latencies 101..200: each percentile within its 50 ms bin of the true value, and within range.
        QVERIFY2(qAbs(stats.latencyMs->p50 - 150) <= 50, qPrintable(QString::number(stats.latencyMs->p50)));
        QVERIFY2(qAbs(stats.latencyMs->p95 - 195) <= 50, qPrintable(QString::number(stats.latencyMs->p95)));
        QVERIFY(stats.latencyMs->p99 <= 200 && stats.latencyMs->p99 >= 150);
        QVERIFY(stats.latencyMs->p50 <= stats.latencyMs->p95 && stats.latencyMs->p95 <= stats.latencyMs->p99);
        // Jitter 0..9 ms in 1 ms bins: exact to the bin.
        QVERIFY(qAbs(stats.jitterMs->p50 - 4.5) <= 1);
        QVERIFY(stats.jitterMs->p99 <= 9);
        // Nine in ten samples lost nothing (within the first bin, 0.1 % wide), the rest 8 %.
        QVERIFY(stats.packetLossPercent->p50 >= 0 && stats.packetLossPercent->p50 < 0.1);
        QVERIFY2(
            qAbs(stats.packetLossPercent->p95 - 8) <= 0.5, qPrintable(QString::number(stats.packetLossPercent->p95)));
        QCOMPARE(stats.packetLossPercent->p99, 8.0);
    }

    void sessionsActiveInListTheirPeersAndTypes()
    {
        ConnectionMetrics relay = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"));
        relay.peerId = QStringLiteral("b-peer");
        relay.connectionType = ConnectionType::Relay;
        ConnectionMetrics direct = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"));
        direct.peerId = QStringLiteral("a-peer");
        direct.connectionType = ConnectionType::Direct;
        post(7200, { Samples::connection(QStringLiteral("s1"), QStringLiteral("u1")) }); // outside the window
        post(60, { relay, direct, relay });
        post(30, { Samples::streaming(QStringLiteral("s2"), QStringLiteral("u2")) });
        const QList<SessionOverview> sessions = value(m_service->sessionsActiveIn(3600));
        QCOMPARE(sessions.size(), 2);
        QCOMPARE(sessions[0].figures.sessionId, QStringLiteral("s2"));
        QVERIFY(sessions[0].peerIds.isEmpty()); // a streaming-only session has no connection peers
        QVERIFY(sessions[0].connectionTypes.isEmpty());
        QCOMPARE(sessions[1].figures.sessionId, QStringLiteral("s1"));
        QCOMPARE(sessions[1].figures.totalConnections, 1);
        QCOMPARE(sessions[1].peerIds, QStringList({ QStringLiteral("a-peer"), QStringLiteral("b-peer") }));
        QCOMPARE(sessions[1].connectionTypes, QList<ConnectionType>({ ConnectionType::Direct, ConnectionType::Relay }));
    }

    void trendBuckets()
    {
        QCOMPARE(AnalyticsService::defaultBucketSeconds(6), 300);
        QCOMPARE(AnalyticsService::defaultBucketSeconds(7), 3600);

        ConnectionMetrics fast
            = Samples::connection(QStringLiteral("a"), QStringLiteral("u1"), ConnectionQuality::Good, 20);
        ConnectionMetrics slow
            = Samples::connection(QStringLiteral("b"), QStringLiteral("u2"), ConnectionQuality::Good, 60, false);
        post(3000, { fast, slow }); // 11:10 -> bucket 11:10 (5 min) / 11:00 (1 h)
        post(2950, { fast }); // 11:10:50 -> same buckets
        post(600, { slow }); // 11:50
        const Trends fine = value(m_service->trends(6));
        QCOMPARE(fine.bucketSeconds, 300);
        const QDateTime at1110 = m_now.addSecs(-3000);
        const QDateTime at1150 = m_now.addSecs(-600);
        QCOMPARE(fine.latency, QList<TrendPoint>({ { at1110, 100.0 / 3 }, { at1150, 60.0 } }));
        QCOMPARE(fine.successRate, QList<TrendPoint>({ { at1110, 200.0 / 3 }, { at1150, 0.0 } }));
        QCOMPARE(fine.sessions, QList<TrendPoint>({ { at1110, 2.0 }, { at1150, 1.0 } }));
        QCOMPARE(fine.users, QList<TrendPoint>({ { at1110, 2.0 }, { at1150, 1.0 } }));
        QCOMPARE(fine.streams, QList<TrendPoint>({ { at1110, 0.0 }, { at1150, 0.0 } }));
        // 20, 20 and 60 ms: the 95th percentile falls in the bin [60, 65) and is kept to the largest sample.
        QCOMPARE(fine.latencyP95, QList<TrendPoint>({ { at1110, 60.0 }, { at1150, 60.0 } }));
        QCOMPARE(fine.packetLoss, QList<TrendPoint>({ { at1110, 0.5 }, { at1150, 0.5 } }));
        QCOMPARE(fine.jitter, QList<TrendPoint>({ { at1110, 4.0 }, { at1150, 4.0 } }));

        const Trends hourly = value(m_service->trends(24));
        QCOMPARE(hourly.latency, QList<TrendPoint>({ { m_now.addSecs(-3600), (20.0 + 60 + 20 + 60) / 4 } }));
        QCOMPARE(hourly.sessions, QList<TrendPoint>({ { m_now.addSecs(-3600), 2.0 } }));

        const Trends custom = value(m_service->trends(24, 1800));
        QCOMPARE(custom.bucketSeconds, 1800);
        QCOMPARE(custom.bandwidth.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestAnalyticsService)
#include "tst_analyticsservice.moc"
