#include "databasetestcase.h"
#include "domain/emodel.h"
#include "domain/metricscodec.h"
#include "samples.h"
#include "samplesums.h"

#include <QTest>

// One suite, run by CTest against every backend (memory, sqlite, postgresql): the repositories must
// answer every call identically.
class TestRepositoryContract : public DatabaseTestCase
{
    Q_OBJECT

private:
    std::shared_ptr<AnalyticsRepository> m_repository;
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

    QList<StoredRecord> store(const QList<MetricRecord> &records)
    {
        const auto stored = m_repository->store(records);
        if (!stored.ok())
            qWarning("store failed: %s", qPrintable(stored.error().message));
        return stored.ok() ? stored.value() : QList<StoredRecord>();
    }

    MetricRecord at(qint64 seconds, const Metrics &metrics) const { return { metrics, m_t0.addSecs(seconds) }; }

    QList<StoredSample> samples(MetricKind kind, const SampleFilter &filter = {})
    {
        auto result = m_repository->samples(kind, filter);
        return result.ok() ? result.value() : QList<StoredSample>();
    }

    SampleFilter window(qint64 fromSeconds, qint64 toSeconds) const
    {
        return { TimeWindow { m_t0.addSecs(fromSeconds), m_t0.addSecs(toSeconds) }, QString(), QString() };
    }

protected:
    void initDatabaseTest() override
    {
        m_repository = m_database->open();
        QVERIFY(m_repository);
    }

    void cleanupDatabaseTest() override { m_repository.reset(); }

private slots:
    void storesAndReadsBackEverySampleKind()
    {
        ConnectionMetrics connection = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"));
        connection.latencyMs = 4294967295u; // u32 max must fit every backend
        connection.jitterMs = 4294967295u;
        connection.bandwidthMbps = 123.456789;
        connection.connectionType = ConnectionType::Relay;
        connection.peerId = QStringLiteral("peer 'quoted', \"double\"; semi\nline ünï 🎬");
        StreamingMetrics streaming = Samples::streaming(QStringLiteral("s1"), QStringLiteral("u1"), 12.25);
        streaming.frameRate = 29.97f;
        streaming.bufferLevelSeconds = 0.25f;
        streaming.bitrateKbps = 4294967295u;
        streaming.endTime = m_t0.addMSecs(1234);
        const NetworkMetrics network
            = Samples::network(QStringLiteral("s1"), QStringLiteral("u1"), 5'000'000'000ull, 9'007'199'254'740'991ull);
        SystemMetrics system = Samples::system(QStringLiteral("edge-1"), 55.5, 2048.25);
        system.transcodingJobsActive = 3;

        const QList<MetricRecord> records { at(1, connection), at(2, streaming), at(3, network), at(4, system) };
        const QList<StoredRecord> stored = store(records);
        QCOMPARE(stored.size(), 4);
        const auto session = m_repository->findSession(QStringLiteral("s1"));
        QVERIFY(session.ok() && session.value().has_value());
        const QString aggregateId = session.value()->id;
        QVERIFY(!aggregateId.isEmpty());

        const std::array kinds { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network,
            MetricKind::System };
        for (int i = 0; i < 4; ++i) {
            const QList<StoredSample> read = samples(kinds[i]);
            QCOMPARE(read.size(), 1);
            QCOMPARE(read[0].ids.id, stored[i].id);
            QCOMPARE(read[0].ids.analyticsId, stored[i].analyticsId);
            QCOMPARE(read[0].record.recordedAt, records[i].recordedAt);
            QCOMPARE(MetricsCodec::encode(read[0].record.metrics), MetricsCodec::encode(records[i].metrics));
            QVERIFY(read[0].record.metrics == records[i].metrics);
        }
        QCOMPARE(stored[0].analyticsId, aggregateId);
        QCOMPARE(stored[2].analyticsId, aggregateId);
        QVERIFY(stored[3].analyticsId.isEmpty()); // a node's report belongs to no session
    }

    void firstRecordCreatesTheAggregate()
    {
        store({ at(10, Samples::connection(QStringLiteral("s1"), QStringLiteral("first-user"))) });
        store({ at(20, Samples::streaming(QStringLiteral("s1"), QStringLiteral("other-user"))),
            at(15, Samples::connection(QStringLiteral("s1"), QStringLiteral("other-user"))) });
        const auto session = m_repository->findSession(QStringLiteral("s1"));
        QVERIFY(session.ok() && session.value());
        QCOMPARE(session.value()->sessionId, QStringLiteral("s1"));
        QCOMPARE(session.value()->userId, QStringLiteral("first-user"));
        QCOMPARE(session.value()->createdAt, m_t0.addSecs(10));
        QCOMPARE(session.value()->updatedAt, m_t0.addSecs(20));
        QCOMPARE(session.value()->networkMetrics, QJsonObject());

        const auto unknown = m_repository->findSession(QStringLiteral("nobody"));
        QVERIFY(unknown.ok());
        QVERIFY(!unknown.value().has_value());

        // The sample keeps the user it was posted with.
        const QList<StoredSample> streaming = samples(MetricKind::Streaming);
        QCOMPARE(std::get<StreamingMetrics>(streaming[0].record.metrics).userId, QStringLiteral("other-user"));
    }

    void aggregateKeepsLatestReports()
    {
        SystemMetrics system = Samples::system(QString(), 20, 100);
        system.sessionId = QStringLiteral("s1");
        // A system report for a session not seen yet joins nothing.
        const QList<StoredRecord> early = store({ at(1, system) });
        QVERIFY(early[0].analyticsId.isEmpty());

        store({ at(2, Samples::network(QStringLiteral("s1"), QStringLiteral("u1"), 100, 200)) });
        store({ at(3, Samples::network(QStringLiteral("s1"), QStringLiteral("u1"), 300, 400)), at(4, system) });
        const auto session = m_repository->findSession(QStringLiteral("s1"));
        QVERIFY(session.ok() && session.value());
        QCOMPARE(session.value()->networkMetrics,
            MetricsCodec::encodeSessionReport(Samples::network(QStringLiteral("s1"), QStringLiteral("u1"), 300, 400)));
        QCOMPARE(session.value()->networkMetrics.value(QStringLiteral("total_data_sent_bytes")).toInteger(), 300);
        QVERIFY(!session.value()->networkMetrics.contains(QStringLiteral("session_id")));
        QCOMPARE(session.value()->systemMetrics, MetricsCodec::encodeSessionReport(system));
        QCOMPARE(session.value()->updatedAt, m_t0.addSecs(4));
        QCOMPARE(samples(MetricKind::System).size(), 2);
        QCOMPARE(samples(MetricKind::System, { std::nullopt, QString(), QStringLiteral("s1") }).size(), 1);
    }

    void failedBatchStoresNothing()
    {
        if (m_database->url().backend == DatabaseUrl::Backend::Memory)
            QSKIP("The in-memory store has no way to fail part-way");
        store({ at(1, Samples::connection(QStringLiteral("s0"), QStringLiteral("u0"))) });
        QString error;
        // Break the last table the batch writes to, behind the repository's back.
        QVERIFY2(
            m_database->executeSql({ QStringLiteral("DROP TABLE p2p_system_metrics") }, &error), qPrintable(error));
        const auto result
            = m_repository->store({ at(2, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"))),
                at(3, Samples::streaming(QStringLiteral("s1"), QStringLiteral("u1"))),
                at(4, Samples::system(QStringLiteral("n"), 1, 1)) });
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, StorageError::Kind::Failed);
        QVERIFY(!result.error().message.isEmpty());
        QCOMPARE(samples(MetricKind::Connection).size(), 1);
        QCOMPARE(samples(MetricKind::Streaming).size(), 0);
        QVERIFY(!m_repository->findSession(QStringLiteral("s1")).value().has_value());
        // The repository stays usable after the failure.
        QCOMPARE(store({ at(5, Samples::connection(QStringLiteral("s2"), QStringLiteral("u2"))) }).size(), 1);
    }

    void manyRecordsInOneTransaction()
    {
        QList<MetricRecord> records;
        for (int i = 0; i < 5000; ++i) {
            const QString session = QStringLiteral("s%1").arg(i % 50);
            records.append(i % 2 ? at(i, Samples::connection(session, QStringLiteral("u%1").arg(i % 7)))
                                 : at(i, Samples::streaming(session, QStringLiteral("u%1").arg(i % 7))));
        }
        QCOMPARE(store(records).size(), 5000);
        QCOMPARE(samples(MetricKind::Connection).size(), 2500);
        QCOMPARE(samples(MetricKind::Streaming).size(), 2500);
        const auto sessions = m_repository->sessionSummaries({});
        QVERIFY(sessions.ok());
        QCOMPARE(sessions.value().size(), 50);
    }

    void pagesReadEverySampleOnceInOrder()
    {
        QList<MetricRecord> records;
        // Several samples share a time, so that pages must break ties by id.
        for (int i = 0; i < 23; ++i)
            records.append(at(i / 4, Samples::connection(QStringLiteral("s%1").arg(i % 3), QStringLiteral("u1"))));
        records.append(at(2, Samples::connection(QStringLiteral("other"), QStringLiteral("u2"))));
        store(records);
        const QList<StoredSample> all = samples(MetricKind::Connection, { std::nullopt, QStringLiteral("u1"), {} });
        QCOMPARE(all.size(), 23);

        QList<StoredSample> paged;
        std::optional<SampleCursor> cursor;
        int pages = 0;
        for (;;) {
            const auto page = m_repository->samplePage(
                MetricKind::Connection, { std::nullopt, QStringLiteral("u1"), {} }, cursor, 5);
            QVERIFY(page.ok());
            QVERIFY(page.value().size() <= 5);
            if (page.value().isEmpty())
                break;
            paged += page.value();
            cursor = SampleCursor::after(page.value().constLast());
            ++pages;
        }
        QCOMPARE(pages, 5);
        QCOMPARE(paged.size(), all.size());
        for (qsizetype i = 0; i < all.size(); ++i)
            QCOMPARE(paged.at(i).ids.id, all.at(i).ids.id);
    }

    void filtersSelectByWindowUserAndSession()
    {
        store({ at(0, Samples::connection(QStringLiteral("a"), QStringLiteral("u1"))),
            at(60, Samples::connection(QStringLiteral("a"), QStringLiteral("u1"))),
            at(120, Samples::connection(QStringLiteral("b"), QStringLiteral("u2"))) });
        QCOMPARE(samples(MetricKind::Connection).size(), 3);
        // (from, to]: a sample at `from` is out, one at `to` is in.
        QCOMPARE(samples(MetricKind::Connection, window(0, 60)).size(), 1);
        QCOMPARE(samples(MetricKind::Connection, window(-1, 60)).size(), 2);
        QCOMPARE(samples(MetricKind::Connection, window(60, 120)).size(), 1);
        QCOMPARE(samples(MetricKind::Connection, { std::nullopt, QStringLiteral("u1"), QString() }).size(), 2);
        QCOMPARE(
            samples(MetricKind::Connection, { std::nullopt, QStringLiteral("u2"), QStringLiteral("a") }).size(), 0);
        QCOMPARE(samples(MetricKind::Connection, { std::nullopt, QString(), QStringLiteral("b") }).size(), 1);
        QCOMPARE(samples(MetricKind::Connection, { std::nullopt, QStringLiteral("nobody"), QString() }).size(), 0);
        const QList<StoredSample> ordered = samples(MetricKind::Connection);
        QCOMPARE(ordered.first().record.recordedAt, m_t0);
        QCOMPARE(ordered.last().record.recordedAt, m_t0.addSecs(120));
    }

    void successDefinitionAgrees_data()
    {
        QTest::addColumn<QString>("ice");
        QTest::addColumn<QString>("dtls");
        QTest::addRow("connected/connected") << QStringLiteral("connected") << QStringLiteral("connected");
        QTest::addRow("completed/connected") << QStringLiteral("completed") << QStringLiteral("connected");
        QTest::addRow("checking/connected") << QStringLiteral("checking") << QStringLiteral("connected");
        QTest::addRow("connected/connecting") << QStringLiteral("connected") << QStringLiteral("connecting");
        QTest::addRow("failed/failed") << QStringLiteral("failed") << QStringLiteral("failed");
        QTest::addRow("Connected in capitals") << QStringLiteral("Connected") << QStringLiteral("connected");
    }

    void successDefinitionAgrees()
    {
        QFETCH(QString, ice);
        QFETCH(QString, dtls);
        ConnectionMetrics m = Samples::connection(QStringLiteral("s"), QStringLiteral("u"));
        m.iceConnectionState = ice;
        m.dtlsTransportState = dtls;
        store({ at(1, m) });
        const auto totals = m_repository->connectionTotals({});
        QVERIFY(totals.ok());
        QCOMPARE(totals.value().samples, 1);
        QCOMPARE(totals.value().successfulSamples, m.isSuccessful() ? 1 : 0);
    }

    void connectionTotals()
    {
        ConnectionMetrics a
            = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Excellent, 10);
        ConnectionMetrics b
            = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Poor, 30, false);
        b.bandwidthMbps = 2.5;
        b.peerId = QStringLiteral("other-peer");
        ConnectionMetrics c
            = Samples::connection(QStringLiteral("s2"), QStringLiteral("u2"), ConnectionQuality::Fair, 50);
        c.connectionId = a.connectionId; // same connection id in another session is another connection
        store({ at(1, a), at(2, b), at(3, c), at(500, a) });
        const auto totals = m_repository->connectionTotals(window(0, 10));
        QVERIFY(totals.ok());
        const ConnectionTotals &t = totals.value();
        QCOMPARE(t.samples, 3);
        QCOMPARE(t.qualityScoreSum, 5 + 2 + 3);
        QCOMPARE(t.successfulSamples, 2);
        QCOMPARE(t.latencySum, 90.0);
        QCOMPARE(t.bandwidthSum, 22.5);
        QCOMPARE(t.distinctPeers, 3); // u1-peer, other-peer, u2-peer
        QCOMPARE(t.distinctConnections, 2); // (s1, s1-conn) and (s2, s1-conn)

        const auto empty = m_repository->connectionTotals(window(1000, 2000));
        QVERIFY(empty.ok());
        QCOMPARE(empty.value().samples, 0);
        QCOMPARE(empty.value().latencySum, 0.0);
    }

    void streamingTotals()
    {
        StreamingMetrics playing
            = Samples::streaming(QStringLiteral("s1"), QStringLiteral("u1"), 30, QStringLiteral("st-1"));
        playing.adaptiveSwitches = 2;
        playing.qualityLevel = QualityLevel::FullHD;
        StreamingMetrics stalled = playing;
        stalled.bufferLevelSeconds = 0.49f;
        StreamingMetrics atThreshold = playing;
        atThreshold.bufferLevelSeconds = 0.5f; // 0.5 s is not rebuffering
        StreamingMetrics ended
            = Samples::streaming(QStringLiteral("s1"), QStringLiteral("u1"), 60, QStringLiteral("st-2"));
        ended.qualityLevel = QualityLevel::Low;
        StreamingMetrics endedLater = ended;
        endedLater.endTime = m_t0;
        store({ at(1, playing), at(2, stalled), at(3, atThreshold), at(4, ended), at(5, endedLater) });
        const auto totals = m_repository->streamingTotals({});
        QVERIFY(totals.ok());
        const StreamingTotals &t = totals.value();
        QCOMPARE(t.samples, 5);
        QCOMPARE(t.durationSecondsSum, 30.0 * 3 + 60 * 2);
        QCOMPARE(t.bufferingSamples, 1);
        QCOMPARE(t.adaptiveSwitchesSum, 6);
        QCOMPARE(t.qualityLevelScoreSum, 4 * 3 + 1 * 2);
        QCOMPARE(t.distinctStreams, 2);
        QCOMPARE(t.openStreams, 1); // st-2 reported an end
        // Seen only before its end, st-2 is still open.
        QCOMPARE(m_repository->streamingTotals(window(0, 4)).value().openStreams, 2);
    }

    void systemTotals()
    {
        SystemMetrics n1old = Samples::system(QStringLiteral("n1"), 10, 100);
        n1old.transcodingJobsActive = 5;
        n1old.transcodingJobsCompleted = 50;
        SystemMetrics n1new = Samples::system(QStringLiteral("n1"), 30, 300);
        n1new.transcodingJobsActive = 1;
        n1new.transcodingJobsCompleted = 60;
        n1new.transcodingJobsFailed = 2;
        SystemMetrics n1plain = Samples::system(QStringLiteral("n1"), 20, 200); // no transcoding figures
        SystemMetrics n2 = Samples::system(QString(), 40, 401);
        n2.sessionId = QStringLiteral("s9");
        n2.transcodingJobsActive = 4;
        store({ at(1, n1old), at(2, n1new), at(3, n1plain), at(4, n2) });
        const auto totals = m_repository->systemTotals({});
        QVERIFY(totals.ok());
        const SystemTotals &t = totals.value();
        QCOMPARE(t.samples, 4);
        QCOMPARE(t.cpuUsageSum, 100.0);
        QCOMPARE(t.memoryUsageSum, 1001.0);
        QCOMPARE(t.networkThroughputSum, 400.0);
        QCOMPARE(t.transcodingJobsActive, 1 + 4);
        QCOMPARE(t.transcodingJobsCompleted, 60);
        QCOMPARE(t.transcodingJobsFailed, 2);
    }

    void transferredBytesUsesEachSessionsLatestReport()
    {
        store({ at(1, Samples::network(QStringLiteral("s1"), QStringLiteral("u1"), 100, 100)),
            at(2, Samples::network(QStringLiteral("s1"), QStringLiteral("u1"), 1000, 24)),
            at(3, Samples::network(QStringLiteral("s2"), QStringLiteral("u2"), 5'000'000'000ull, 0)) });
        QCOMPARE(m_repository->transferredBytes({}).value(), 1024ull + 5'000'000'000ull);
        QCOMPARE(m_repository->transferredBytes(window(0, 1)).value(), 200ull);
        QCOMPARE(m_repository->transferredBytes(window(10, 20)).value(), 0ull);
    }

    void peakConcurrentUsers()
    {
        // Minute 0: u1, u2 (connection + streaming), u1 again; minute 1: u1, u2, u3 (network); minute 2: u4.
        store({ at(0, Samples::connection(QStringLiteral("a"), QStringLiteral("u1"))),
            at(10, Samples::streaming(QStringLiteral("b"), QStringLiteral("u2"))),
            at(59, Samples::connection(QStringLiteral("a"), QStringLiteral("u1"))),
            at(60, Samples::connection(QStringLiteral("a"), QStringLiteral("u1"))),
            at(70, Samples::streaming(QStringLiteral("b"), QStringLiteral("u2"))),
            at(119, Samples::network(QStringLiteral("c"), QStringLiteral("u3"), 1, 1)),
            at(120, Samples::connection(QStringLiteral("d"), QStringLiteral("u4"))) });
        QCOMPARE(m_repository->peakConcurrentUsers({}).value(), 3);
        QCOMPARE(m_repository->peakConcurrentUsers(window(-1, 59)).value(), 2);
        QCOMPARE(m_repository->peakConcurrentUsers(window(500, 600)).value(), 0);
        // Less than two minutes, no whole one in it: u3 alone in minute 1, u4 alone in minute 2.
        QCOMPARE(m_repository->peakConcurrentUsers(window(100, 150)).value(), 1);
    }

    void connectionBreakdownAndDistinctUsers()
    {
        ConnectionMetrics relay
            = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Excellent);
        relay.connectionType = ConnectionType::Relay;
        relay.latencyMs = 310;
        store({ at(1, relay),
            at(2, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Poor, 25)),
            at(3, Samples::connection(QStringLiteral("s2"), QStringLiteral("u2"), ConnectionQuality::Poor)),
            at(4, Samples::streaming(QStringLiteral("s3"), QStringLiteral("u3"))),
            at(5, Samples::network(QStringLiteral("s4"), QStringLiteral("u4"), 1, 1)),
            at(500, Samples::connection(QStringLiteral("s5"), QStringLiteral("u5"))) });

        const auto breakdown = m_repository->connectionBreakdown(window(0, 10));
        QVERIFY(breakdown.ok());
        QCOMPARE(breakdown.value().byQuality, (std::array<qint64, 5> { 1, 0, 0, 2, 0 }));
        QCOMPARE(breakdown.value().byType, (std::array<qint64, 4> { 2, 0, 0, 1 }));
        QCOMPARE(breakdown.value().latencySumByType, (std::array<double, 4> { 25 + 40, 0, 0, 310 }));
        QCOMPARE(m_repository->connectionBreakdown({}).value().byQuality, (std::array<qint64, 5> { 1, 1, 0, 2, 0 }));

        QCOMPARE(m_repository->distinctUsers(window(0, 10)).value(), 4); // system samples have no user
        QCOMPARE(m_repository->distinctUsers({}).value(), 5);
        QCOMPARE(m_repository->distinctUsers({ std::nullopt, QStringLiteral("u1"), QString() }).value(), 1);
        QCOMPARE(m_repository->distinctUsers(window(600, 700)).value(), 0);
    }

    void bucketsAlignToTheEpoch()
    {
        ConnectionMetrics fast
            = Samples::connection(QStringLiteral("a"), QStringLiteral("u1"), ConnectionQuality::Good, 10);
        ConnectionMetrics slow
            = Samples::connection(QStringLiteral("b"), QStringLiteral("u2"), ConnectionQuality::Good, 30, false);
        slow.bandwidthMbps = 20;
        // m_t0 is 10:00:00, a multiple of 5 minutes: samples at 0 s and 299 s share a bucket, 300 s starts the next.
        store({ at(0, fast), at(299, slow), at(300, fast),
            at(900, Samples::streaming(QStringLiteral("c"), QStringLiteral("u3"))) });
        const auto buckets = m_repository->connectionBuckets({}, 300'000);
        QVERIFY(buckets.ok());
        QCOMPARE(buckets.value().size(), 2);
        const ConnectionBucket &first = buckets.value()[0];
        QCOMPARE(first.start, m_t0);
        QCOMPARE(first.samples, 2);
        QCOMPARE(first.latencySum, 40.0);
        QCOMPARE(first.bandwidthSum, 30.0);
        QCOMPARE(first.successfulSamples, 1);
        QCOMPARE(first.packetLossSum, 1.0); // two samples of 0.5 %
        QCOMPARE(first.jitterSum, 8.0); // two samples of 4 ms
        QCOMPARE(first.latencyMin, 10u);
        QCOMPARE(first.latencyMax, 30u);
        LatencyHistogram expected;
        expected.add(10); // 10 ms: the first 5 ms bin from 10 ms
        expected.add(14); // 30 ms: [30, 35)
        QCOMPARE(first.latencyHistogram, expected);
        QCOMPARE(buckets.value()[1].start, m_t0.addSecs(300));

        const auto activity = m_repository->activityBuckets({}, 300'000);
        QVERIFY(activity.ok());
        QCOMPARE(activity.value().size(), 3); // the empty bucket at 600 s is left out
        QCOMPARE(activity.value()[0].start, m_t0);
        QCOMPARE(activity.value()[0].sessions, 2);
        QCOMPARE(activity.value()[1].sessions, 1);
        QCOMPARE(activity.value()[2].start, m_t0.addSecs(900));
    }

    void activityCountsSessionsUsersAndStreams()
    {
        // One user in two sessions, one of them streaming twice; a second user streaming the same stream id.
        store({ at(0, Samples::connection(QStringLiteral("a"), QStringLiteral("u1"))),
            at(1, Samples::streaming(QStringLiteral("b"), QStringLiteral("u1"), 30, QStringLiteral("x"))),
            at(2, Samples::streaming(QStringLiteral("b"), QStringLiteral("u1"), 30, QStringLiteral("y"))),
            at(3, Samples::streaming(QStringLiteral("c"), QStringLiteral("u2"), 30, QStringLiteral("y"))),
            at(4, Samples::network(QStringLiteral("d"), QStringLiteral("u3"), 1, 1)),
            at(60, Samples::connection(QStringLiteral("a"), QStringLiteral("u1"))) });
        const auto activity = m_repository->activityBuckets({}, 60'000);
        QVERIFY(activity.ok());
        QCOMPARE(activity.value().size(), 2);
        QCOMPARE(activity.value()[0].sessions, 4);
        QCOMPARE(activity.value()[0].users, 3);
        QCOMPARE(activity.value()[0].streams, 2); // distinct stream ids, as in the fleet totals
        QCOMPARE(activity.value()[1].sessions, 1);
        QCOMPARE(activity.value()[1].users, 1);
        QCOMPARE(activity.value()[1].streams, 0);
        SampleFilter firstMinuteOfU1 = window(0, 59);
        firstMinuteOfU1.userId = QStringLiteral("u1");
        const auto filtered = m_repository->activityBuckets(firstMinuteOfU1, 60'000);
        QCOMPARE(filtered.value().size(), 1);
        QCOMPARE(filtered.value()[0].sessions, 1); // the sample at 0 s is outside (from, to]
        QCOMPARE(filtered.value()[0].streams, 2);
    }

    void latencyHistogramSpansEveryRange()
    {
        QList<MetricRecord> records;
        // One sample in each range and one in the open bin, all in one bucket.
        for (quint32 latency : { 0u, 9u, 10u, 99u, 100u, 999u, 1000u, 9999u, 10000u, 4000000000u })
            records.append(
                at(0, Samples::connection(QStringLiteral("s"), QStringLiteral("u"), ConnectionQuality::Good, latency)));
        store(records);
        const auto buckets = m_repository->connectionBuckets({}, 60'000);
        QVERIFY(buckets.ok());
        QCOMPARE(buckets.value().size(), 1);
        const LatencyHistogram &histogram = buckets.value()[0].latencyHistogram;
        QCOMPARE(histogram.total(), 10);
        for (int bin : { 0, 9, 10, 27, 28, 45, 46, 63 })
            QCOMPARE(histogram.count(bin), 1);
        QCOMPARE(histogram.count(LatencyHistogram::OverflowBin), 2);
        QCOMPARE(buckets.value()[0].latencyMax, 4000000000u);
    }

    void groupTotalsSumEachGroup()
    {
        ConnectionMetrics slow = Samples::connection(
            QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Poor, 300, false); // ICE and DTLS "failed"
        slow.jitterMs = 40;
        slow.packetLossPercent = 3.5;
        ConnectionMetrics fast = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"));
        fast.peerId = QStringLiteral("p2");
        ConnectionMetrics disconnected
            = Samples::connection(QStringLiteral("s2"), QStringLiteral("u2"), ConnectionQuality::Unusable, 90);
        disconnected.iceConnectionState = QStringLiteral("disconnected"); // failed, and not successful
        StreamingMetrics buffering = Samples::streaming(QStringLiteral("s2"), QStringLiteral("u2"));
        buffering.bufferLevelSeconds = 0.2f;
        buffering.droppedFrames = 30;
        buffering.totalFrames = 600;
        buffering.adaptiveSwitches = 2;
        store({ at(0, slow), at(1, fast), at(2, disconnected), at(3, buffering),
            at(4, Samples::streaming(QStringLiteral("s2"), QStringLiteral("u2"))) });

        auto mosOf
            = [](const ConnectionMetrics &m) { return EModel::mos(m.latencyMs, m.jitterMs, m.packetLossPercent); };
        const auto all = m_repository->groupTotals({}, SampleGroup::Global);
        QVERIFY(all.ok());
        QCOMPARE(all.value().size(), 1);
        const GroupTotals &g = all.value()[0];
        QCOMPARE(g.key, QString());
        QCOMPARE(g.connectionSamples, 3);
        QCOMPARE(g.latencySum, 300.0 + 40 + 90);
        QCOMPARE(g.jitterSum, 40.0 + 4 + 4);
        QCOMPARE(g.packetLossSum, 3.5 + 0.5 + 0.5);
        QCOMPARE(g.bandwidthSum, 30.0);
        QVERIFY(qAbs(g.mosSum - (mosOf(slow) + mosOf(fast) + mosOf(disconnected))) < 1e-9);
        QCOMPARE(g.poorSamples, 2);
        QCOMPARE(g.failedSamples, 2);
        QCOMPARE(g.successfulSamples, 1);
        QCOMPARE(g.streamingSamples, 2);
        QCOMPARE(g.bufferingSamples, 1);
        QCOMPARE(g.droppedFrames, 31); // 30 + the plain sample's 1
        QCOMPARE(g.totalFrames, 1500);
        QCOMPARE(g.adaptiveSwitches, 2);

        auto byKey = [](QList<GroupTotals> list) {
            std::sort(
                list.begin(), list.end(), [](const GroupTotals &a, const GroupTotals &b) { return a.key < b.key; });
            return list;
        };
        const QList<GroupTotals> users = byKey(m_repository->groupTotals({}, SampleGroup::User).value());
        QCOMPARE(users.size(), 2);
        QCOMPARE(users[0].key, QStringLiteral("u1"));
        QCOMPARE(users[0].connectionSamples, 2);
        QCOMPARE(users[0].streamingSamples, 0);
        QCOMPARE(users[1].key, QStringLiteral("u2"));
        QCOMPARE(users[1].connectionSamples, 1);
        QCOMPARE(users[1].streamingSamples, 2);
        QVERIFY(qAbs(users[1].mosSum - mosOf(disconnected)) < 1e-9);

        const QList<GroupTotals> peers = byKey(m_repository->groupTotals({}, SampleGroup::Peer).value());
        QCOMPARE(peers.size(), 3); // p2, u1-peer, u2-peer; streaming samples belong to no peer
        QCOMPARE(peers[0].key, QStringLiteral("p2"));
        QCOMPARE(peers[0].latencySum, 40.0);
        for (const GroupTotals &peer : peers)
            QCOMPARE(peer.streamingSamples, 0);

        const QList<GroupTotals> sessions
            = byKey(m_repository->groupTotals(window(1, 10), SampleGroup::Session).value());
        QCOMPARE(sessions.size(), 1); // the window (1 s, 10 s] leaves s1's samples out
        QCOMPARE(sessions[0].key, QStringLiteral("s2"));
        QVERIFY(m_repository->groupTotals(window(100, 200), SampleGroup::Global).value().isEmpty());
    }

    void mosDistributionOfConnectionSamples()
    {
        QList<MetricRecord> records;
        MosDistribution expected;
        double lowest = 5;
        double highest = 0;
        for (quint32 latency : { 20u, 40u, 150u, 400u, 900u, 3000u }) {
            ConnectionMetrics m
                = Samples::connection(QStringLiteral("s"), QStringLiteral("u"), ConnectionQuality::Good, latency);
            m.packetLossPercent = double(latency % 7);
            records.append(at(0, m));
            const double mos = EModel::mos(m.latencyMs, m.jitterMs, m.packetLossPercent);
            expected.histogram.add(MosHistogram::binOf(mos));
            expected.sum += mos;
            lowest = std::min(lowest, mos);
            highest = std::max(highest, mos);
        }
        records.append(at(1, Samples::streaming(QStringLiteral("s"), QStringLiteral("u")))); // not a connection sample
        store(records);
        const auto distribution = m_repository->mosDistribution({});
        QVERIFY(distribution.ok());
        QCOMPARE(distribution.value().histogram.total(), 6);
        for (int bin = 0; bin < MosHistogram::BinCount; ++bin)
            QCOMPARE(distribution.value().histogram.count(bin), expected.histogram.count(bin));
        QVERIFY(qAbs(distribution.value().sum - expected.sum) < 1e-9);
        QVERIFY(qAbs(distribution.value().smallest - lowest) < 1e-9);
        QVERIFY(qAbs(distribution.value().largest - highest) < 1e-9);
        QCOMPARE(m_repository->mosDistribution(window(10, 20)).value().histogram.total(), 0);
    }

    void connectionDistributionsCountFixedBins()
    {
        // Latency and jitter in millisecond bins, packet loss in its own: 0.3 % lands in the bin that
        // starts at 0.3 whatever the binary fraction.
        const QList<std::tuple<quint32, quint32, double>> samples { { 7, 2, 0.3 }, { 42, 11, 0.0 }, { 420, 35, 2.5 },
            { 4200, 200, 17.0 }, { 20000, 0, 100.0 } };
        ConnectionDistributions expected;
        QList<MetricRecord> records;
        for (const auto &[latency, jitter, loss] : samples) {
            ConnectionMetrics m
                = Samples::connection(QStringLiteral("s"), QStringLiteral("u"), ConnectionQuality::Good, latency);
            m.jitterMs = jitter;
            m.packetLossPercent = loss;
            records.append(at(0, m));
            expected.latency.add(LatencyHistogram::binOf(latency));
            expected.jitter.add(LatencyHistogram::binOf(jitter));
            expected.packetLoss.add(PacketLossHistogram::binOf(loss));
        }
        records.append(at(1, Samples::streaming(QStringLiteral("s"), QStringLiteral("u")))); // not a connection sample
        store(records);
        const ConnectionDistributions d = value(m_repository->connectionDistributions({}));
        QCOMPARE(d.samples, 5);
        QVERIFY(d.latency == expected.latency);
        QVERIFY(d.jitter == expected.jitter);
        QVERIFY(d.packetLoss == expected.packetLoss);
        QCOMPARE(d.packetLoss.count(3), 1); // [0.3, 0.4)
        QCOMPARE(d.packetLoss.count(PacketLossHistogram::FineBins + 1), 1); // [2.5, 3)
        QCOMPARE(d.packetLoss.count(PacketLossHistogram::BinCount - 1), 1); // 100 % in the last bin
        QCOMPARE(d.latencyMin, 7u);
        QCOMPARE(d.latencyMax, 20000u);
        QCOMPARE(d.jitterMin, 0u);
        QCOMPARE(d.jitterMax, 200u);
        QCOMPARE(d.packetLossMin, 0.0);
        QCOMPARE(d.packetLossMax, 100.0);
        QCOMPARE(value(m_repository->connectionDistributions(window(10, 20))).samples, 0);
    }

    void sampleSumsAddUpEveryFigureInOneReading()
    {
        ConnectionMetrics relay
            = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Poor, 180);
        relay.connectionType = ConnectionType::Relay;
        relay.jitterMs = 25;
        relay.packetLossPercent = 3.5;
        relay.dtlsTransportState = QStringLiteral("failed");
        ConnectionMetrics fast
            = Samples::connection(QStringLiteral("s2"), QStringLiteral("u2"), ConnectionQuality::Excellent, 12);
        fast.bandwidthMbps = 40;
        StreamingMetrics buffering
            = Samples::streaming(QStringLiteral("s1"), QStringLiteral("u1"), 60, QStringLiteral("st-a"));
        buffering.bufferLevelSeconds = 0.2f;
        buffering.adaptiveSwitches = 3;
        buffering.droppedFrames = 30;
        store({ at(1, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"))), at(2, relay), at(3, fast),
            at(4, buffering),
            at(5, Samples::streaming(QStringLiteral("s2"), QStringLiteral("u2"), 30, QStringLiteral("st-a"))),
            at(6, Samples::streaming(QStringLiteral("s2"), QStringLiteral("u2"), 45, QStringLiteral("st-b"))),
            at(7, Samples::network(QStringLiteral("s1"), QStringLiteral("u1"), 10, 20)) });

        const RollupBucket all = value(m_repository->sampleSums({}));
        QCOMPARE(all.connectionSamples, 3);
        QCOMPARE(all.successfulSamples, 2); // the relay's DTLS failed
        QCOMPARE(all.failedSamples, 1);
        QCOMPARE(all.poorSamples, 1);
        QCOMPARE(all.latencySum, double(Samples::connection(QString(), QString()).latencyMs + 180 + 12));
        QCOMPARE(all.samplesByType.at(std::size_t(ConnectionType::Relay)), 1);
        QCOMPARE(all.latency.smallest, 12u);
        QCOMPARE(all.latency.largest, 180u);
        QCOMPARE(all.streamingSamples, 3);
        QCOMPARE(all.durationSecondsSum, 135.0);
        QCOMPARE(all.bufferingSamples, 1);
        QCOMPARE(all.adaptiveSwitchesSum, 3);
        QCOMPARE(all.droppedFramesSum, 32);
        QCOMPARE(all.totalFramesSum, 2700);

        for (const SampleFilter &filter : { SampleFilter {}, window(2, 5), window(0, 1),
                 SampleFilter { std::nullopt, QStringLiteral("u1"), QString() },
                 SampleFilter { window(0, 4).window, QString(), QStringLiteral("s2") } }) {
            SampleSums::compareWithFigures(value(m_repository->sampleSums(filter)), *m_repository, filter);
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(value(m_repository->sampleSums(window(7, 9))).connectionSamples, 0); // starts are exclusive
        QCOMPARE(value(m_repository->sampleSums(window(1, 5))).connectionSamples, 2);
    }

    void snapshotSeesOneStateOfTheStore()
    {
        if (m_database->url().backend == DatabaseUrl::Backend::Memory)
            QSKIP("The in-memory store answers each call on its own: it has no snapshots");
        store({ at(1, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"))) });
        const std::shared_ptr<AnalyticsRepository> otherWriter = m_database->open();
        // Seconds into a minute: the window's samples are its raw ends, which a snapshot keeps.
        const SampleFilter seconds = window(0, 30);
        {
            const ReadSnapshot snapshot(*m_repository);
            QVERIFY(!snapshot.failure());
            QCOMPARE(value(m_repository->sampleSums(seconds)).connectionSamples, 1);
            value(otherWriter->store({ at(2, Samples::connection(QStringLiteral("s2"), QStringLiteral("u2"))) }));
            QCOMPARE(value(m_repository->sampleSums(seconds)).connectionSamples, 1);
            QCOMPARE(value(m_repository->connectionTotals(seconds)).samples, 1);
            QCOMPARE(value(m_repository->connectionTotals({})).samples, 1);
            QCOMPARE(value(m_repository->sessionSummaries(seconds)).size(), 1);
        }
        QCOMPARE(value(m_repository->sampleSums(seconds)).connectionSamples, 2);
        QCOMPARE(value(m_repository->connectionTotals({})).samples, 2);
        QCOMPARE(value(m_repository->sessionSummaries(seconds)).size(), 2);
        // Another snapshot starts from the store as it is now.
        const ReadSnapshot later(*m_repository);
        QCOMPARE(value(m_repository->sampleSums(seconds)).connectionSamples, 2);
    }

    // A window's raw ends read again see what was stored in their minute, or deleted from it, since
    // (the SQLite repository keeps the samples of the minutes it last read).
    void rawEndsFollowTheirMinute()
    {
        store({ at(10, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"))),
            at(70, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"))),
            at(130, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"))) });
        const std::shared_ptr<AnalyticsRepository> otherWriter = m_database->open();
        // (5 s, 135 s]: minute 1 whole from the rollups, (5 s, 60 s) and [120 s, 135 s] raw.
        const SampleFilter ends = window(5, 135);
        QCOMPARE(value(m_repository->sampleSums(ends)).connectionSamples, 3);
        QCOMPARE(value(m_repository->distinctPeers(ends)), 1);
        value(otherWriter->store({ at(20, Samples::connection(QStringLiteral("s2"), QStringLiteral("u2"))),
            at(3, Samples::connection(QStringLiteral("s3"), QStringLiteral("u3"))) }));
        QCOMPARE(value(m_repository->sampleSums(ends)).connectionSamples, 4); // not the one at 3 s
        QCOMPARE(value(m_repository->distinctPeers(ends)), 2);
        QCOMPARE(value(m_repository->sampleSums(window(2, 135))).connectionSamples, 5);
        QCOMPARE(value(otherWriter->deleteSamplesBefore(m_t0.addSecs(15), 100)), 2);
        QCOMPARE(value(m_repository->sampleSums(ends)).connectionSamples, 3);
        QCOMPARE(value(m_repository->sessionSummaries(ends)).size(), 2);
    }

    void distinctStreamsCountStreamIds()
    {
        store({ at(1, Samples::streaming(QStringLiteral("s1"), QStringLiteral("u1"), 30, QStringLiteral("st-a"))),
            at(2, Samples::streaming(QStringLiteral("s2"), QStringLiteral("u2"), 30, QStringLiteral("st-a"))),
            at(3, Samples::streaming(QStringLiteral("s2"), QStringLiteral("u2"), 30, QStringLiteral("st-b"))),
            at(4, Samples::connection(QStringLiteral("s3"), QStringLiteral("u3"))) });
        QCOMPARE(value(m_repository->distinctStreams({})), 2); // st-a in two sessions counts once
        QCOMPARE(value(m_repository->distinctStreams(window(2, 4))), 1);
        QCOMPARE(value(m_repository->distinctStreams({ std::nullopt, QStringLiteral("u1"), QString() })), 1);
        QCOMPARE(value(m_repository->distinctStreams(window(3, 9))), 0);
        QCOMPARE(value(m_repository->distinctStreams({})), value(m_repository->streamingTotals({})).distinctStreams);
    }

    void distinctConnectionsCountSessionConnectionPairs()
    {
        ConnectionMetrics second = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"));
        second.connectionId = QStringLiteral("c2");
        ConnectionMetrics otherSession = Samples::connection(QStringLiteral("s2"), QStringLiteral("u2"));
        otherSession.connectionId = Samples::connection(QString(), QString()).connectionId;
        store({ at(1, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"))),
            at(2, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"))), at(3, second), at(4, otherSession),
            at(5, Samples::streaming(QStringLiteral("s3"), QStringLiteral("u3"))) });
        QCOMPARE(value(m_repository->distinctConnections({})), 3); // one id in two sessions: two connections
        QCOMPARE(value(m_repository->distinctConnections(window(1, 3))), 2);
        QCOMPARE(value(m_repository->distinctConnections({ std::nullopt, QStringLiteral("u1"), QString() })), 2);
        QCOMPARE(value(m_repository->distinctConnections(window(4, 9))), 0);
        QCOMPARE(value(m_repository->distinctConnections({})),
            value(m_repository->connectionTotals({})).distinctConnections);
    }

    void distinctPeersCountPeerIds()
    {
        // Peers are "<user>-peer": u1 in two sessions is one peer.
        store({ at(1, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"))),
            at(2, Samples::connection(QStringLiteral("s2"), QStringLiteral("u1"))),
            at(3, Samples::connection(QStringLiteral("s3"), QStringLiteral("u2"))),
            at(4, Samples::streaming(QStringLiteral("s4"), QStringLiteral("u3"))) });
        QCOMPARE(value(m_repository->distinctPeers({})), 2);
        QCOMPARE(value(m_repository->distinctPeers(window(2, 4))), 1);
        QCOMPARE(value(m_repository->distinctPeers({ std::nullopt, QString(), QStringLiteral("s3") })), 1);
        QCOMPARE(value(m_repository->distinctPeers(window(3, 9))), 0);
        QCOMPARE(value(m_repository->distinctPeers({})), value(m_repository->connectionTotals({})).distinctPeers);
    }

    void openStreamsCountStreamsNoSampleEnded()
    {
        StreamingMetrics ended
            = Samples::streaming(QStringLiteral("s1"), QStringLiteral("u1"), 30, QStringLiteral("st-a"));
        ended.endTime = m_t0.addSecs(3);
        store({ at(1, Samples::streaming(QStringLiteral("s1"), QStringLiteral("u1"), 30, QStringLiteral("st-a"))),
            at(3, ended),
            at(4, Samples::streaming(QStringLiteral("s2"), QStringLiteral("u2"), 30, QStringLiteral("st-b"))),
            at(5, Samples::connection(QStringLiteral("s3"), QStringLiteral("u3"))) });
        QCOMPARE(value(m_repository->openStreams({})), 1); // st-a ended at 3 s
        QCOMPARE(value(m_repository->openStreams(window(0, 2))), 1); // before st-a ended
        QCOMPARE(value(m_repository->openStreams(window(2, 9))), 1);
        QCOMPARE(value(m_repository->openStreams({ std::nullopt, QStringLiteral("u1"), QString() })), 0);
        QCOMPARE(value(m_repository->openStreams(window(5, 9))), 0);
        QCOMPARE(value(m_repository->openStreams({})), value(m_repository->streamingTotals({})).openStreams);
    }

    void latestSampleTimeOfAnyKind()
    {
        QCOMPARE(m_repository->latestSampleTime().value(), std::optional<QDateTime>());
        store({ at(5, Samples::connection(QStringLiteral("s"), QStringLiteral("u"))),
            at(9, Samples::network(QStringLiteral("s"), QStringLiteral("u"), 1, 1)),
            at(7, Samples::streaming(QStringLiteral("s"), QStringLiteral("u"))) });
        QCOMPARE(m_repository->latestSampleTime().value(), std::optional<QDateTime>(m_t0.addSecs(9)));
    }

    void sessionPeersListEachPeerAndType()
    {
        ConnectionMetrics relay = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"));
        relay.connectionType = ConnectionType::Relay;
        ConnectionMetrics other = Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"));
        other.peerId = QStringLiteral("p, with \"comma\"");
        store({ at(0, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"))), at(1, relay), at(2, other),
            at(3, other), at(4, Samples::connection(QStringLiteral("s2"), QStringLiteral("u2"))),
            at(5, Samples::streaming(QStringLiteral("s3"), QStringLiteral("u3"))) });
        auto stored = m_repository->sessionPeers({});
        QVERIFY(stored.ok());
        QList<SessionPeer> peers = std::move(stored).value();
        auto byFields = [](const SessionPeer &a, const SessionPeer &b) {
            return std::tie(a.sessionId, a.peerId, a.connectionType)
                < std::tie(b.sessionId, b.peerId, b.connectionType);
        };
        std::sort(peers.begin(), peers.end(), byFields);
        const QList<SessionPeer> expected { { QStringLiteral("s1"), QStringLiteral("p, with \"comma\""),
                                                ConnectionType::WebRTC },
            { QStringLiteral("s1"), QStringLiteral("u1-peer"), ConnectionType::WebRTC },
            { QStringLiteral("s1"), QStringLiteral("u1-peer"), ConnectionType::Relay },
            { QStringLiteral("s2"), QStringLiteral("u2-peer"), ConnectionType::WebRTC } };
        QCOMPARE(peers, expected);
        QCOMPARE(m_repository->sessionPeers(window(3, 10)).value().size(), 1);
    }

    void sessionSummaries()
    {
        ConnectionMetrics good
            = Samples::connection(QStringLiteral("old"), QStringLiteral("u1"), ConnectionQuality::Good);
        ConnectionMetrics poor
            = Samples::connection(QStringLiteral("old"), QStringLiteral("u1"), ConnectionQuality::Poor, 40, false);
        poor.connectionId = QStringLiteral("second");
        store({ at(0, good), at(5, poor), at(6, good),
            at(10, Samples::streaming(QStringLiteral("new"), QStringLiteral("u1"), 90, QStringLiteral("x"))),
            at(11, Samples::streaming(QStringLiteral("new"), QStringLiteral("u1"), 30, QStringLiteral("y"))),
            at(12, Samples::network(QStringLiteral("net-only"), QStringLiteral("u2"), 1, 1)) });
        const auto all = m_repository->sessionSummaries({});
        QVERIFY(all.ok());
        QCOMPARE(all.value().size(), 3);
        QCOMPARE(all.value()[0].session.sessionId, QStringLiteral("net-only")); // newest aggregate first
        QCOMPARE(all.value()[2].session.sessionId, QStringLiteral("old"));
        const SessionSummary &old = all.value()[2];
        QCOMPARE(old.connectionSamples, 3);
        QCOMPARE(old.distinctConnections, 2);
        QCOMPARE(old.qualityScoreSum, 4 + 2 + 4);
        QCOMPARE(old.successfulSamples, 2);
        QCOMPARE(old.streamingSamples, 0);
        const SessionSummary &fresh = all.value()[1];
        QCOMPARE(fresh.streamingSamples, 2);
        QCOMPARE(fresh.distinctStreams, 2);
        QCOMPARE(fresh.streamingSeconds, 120.0);
        QCOMPARE(all.value()[0].connectionSamples, 0);

        const auto user = m_repository->sessionSummaries({ window(4, 10).window, QStringLiteral("u1"), QString() });
        QVERIFY(user.ok());
        QCOMPARE(user.value().size(), 2);
        QCOMPARE(user.value()[1].connectionSamples, 2); // only the samples inside the window count
        QCOMPARE(user.value()[0].streamingSamples, 1);
    }

    void sessionScoresOfEverySessionSeen()
    {
        store({ at(0, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Good)),
            at(5, Samples::connection(QStringLiteral("s1"), QStringLiteral("u1"), ConnectionQuality::Poor)),
            at(6, Samples::connection(QStringLiteral("s2"), QStringLiteral("u2"), ConnectionQuality::Excellent)),
            at(10, Samples::streaming(QStringLiteral("s3"), QStringLiteral("u1"))),
            at(12, Samples::network(QStringLiteral("s4"), QStringLiteral("u2"), 1, 1)) });
        auto sorted = [](QList<SessionScore> scores) {
            std::sort(scores.begin(), scores.end());
            return scores;
        };
        // s3 and s4 have no connection samples, s2 one Excellent (5), s1 Good and Poor (4 + 2).
        using Scores = QList<SessionScore>;
        QCOMPARE(sorted(value(m_repository->sessionScores({}))), (Scores { { 0, 0 }, { 0, 0 }, { 1, 5 }, { 2, 6 } }));
        QCOMPARE(sorted(value(m_repository->sessionScores(window(4, 11)))), (Scores { { 0, 0 }, { 1, 2 }, { 1, 5 } }));
        QCOMPARE(sorted(value(m_repository->sessionScores({ std::nullopt, QStringLiteral("u2"), QString() }))),
            (Scores { { 0, 0 }, { 1, 5 } }));
        QVERIFY(value(m_repository->sessionScores(window(20, 30))).isEmpty());
    }

    void equalCreationTimesSortBySessionId()
    {
        store({ at(0, Samples::connection(QStringLiteral("b"), QStringLiteral("u"))),
            at(0, Samples::connection(QStringLiteral("a"), QStringLiteral("u"))),
            at(0, Samples::connection(QStringLiteral("C"), QStringLiteral("u"))) });
        const auto all = m_repository->sessionSummaries({});
        QVERIFY(all.ok());
        QStringList order;
        for (const SessionSummary &s : all.value())
            order << s.session.sessionId;
        QCOMPARE(order, QStringList({ QStringLiteral("C"), QStringLiteral("a"), QStringLiteral("b") }));
    }
};

QTEST_GUILESS_MAIN(TestRepositoryContract)
#include "tst_repositorycontract.moc"
