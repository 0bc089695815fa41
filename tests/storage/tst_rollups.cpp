#include "databasetestcase.h"
#include "samples.h"
#include "samplesums.h"
#include "storage/inmemoryrepository.h"
#include "storage/rollupplan.h"

#include <QTest>

#include <random>

// The rollups answer the fleet's figures; the raw rows are the truth. On SQLite and PostgreSQL, every
// figure read through the rollups must equal the in-memory repository's recomputation from the same
// samples, for windows of any alignment, with samples stored late and out of order.
class TestRollups : public DatabaseTestCase
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(9, 0), Qt::UTC);
    std::shared_ptr<AnalyticsRepository> m_sql;
    std::shared_ptr<InMemoryRepository> m_reference;

    void storeBoth(const QList<MetricRecord> &records, AnalyticsRepository &sql)
    {
        QVERIFY(value(sql.store(records)).size() == records.size());
        QVERIFY(value(m_reference->store(records)).size() == records.size());
    }

    // Samples spread over 4 hours from a dozen sessions, with every field varied.
    static QList<MetricRecord> randomSamples(const QDateTime &t0, int count, std::mt19937 &random)
    {
        // Mostly within 4 hours, some over the two days around them, so that day rollups have samples.
        std::uniform_int_distribution<qint64> when(0, 4 * 3600 * 1000 - 1);
        std::uniform_int_distribution<qint64> farWhen(-26 * 3600 * 1000, 30 * 3600 * 1000);
        std::uniform_int_distribution<int> pick(0, 1000);
        QList<MetricRecord> records;
        for (int i = 0; i < count; ++i) {
            const QString session = QStringLiteral("s%1").arg(pick(random) % 12);
            const QString user = QStringLiteral("u%1").arg(pick(random) % 5);
            const QDateTime time = t0.addMSecs(pick(random) % 10 == 0 ? farWhen(random) : when(random));
            switch (pick(random) % 4) {
            case 0:
            case 1: {
                ConnectionMetrics m = Samples::connection(session, user, ConnectionQuality(pick(random) % 5),
                    quint32(pick(random) % 900), pick(random) % 7 != 0);
                m.connectionId = QStringLiteral("c%1").arg(pick(random) % 3);
                m.peerId = QStringLiteral("p%1").arg(pick(random) % 20);
                m.connectionType = ConnectionType(pick(random) % 4);
                m.jitterMs = quint32(pick(random) % 120);
                m.packetLossPercent = (pick(random) % 300) / 10.0;
                m.bandwidthMbps = pick(random) / 37.0;
                if (pick(random) % 9 == 0)
                    m.iceConnectionState = QStringLiteral("disconnected");
                records.append({ m, time });
                break;
            }
            case 2: {
                StreamingMetrics m = Samples::streaming(
                    session, user, pick(random) / 7.0, QStringLiteral("st%1").arg(pick(random) % 15));
                m.qualityLevel = QualityLevel(pick(random) % 5);
                m.bufferLevelSeconds = float(pick(random) % 40) / 10.0f;
                m.adaptiveSwitches = quint32(pick(random) % 4);
                m.droppedFrames = quint32(pick(random) % 30);
                m.totalFrames = 900;
                if (pick(random) % 4 == 0)
                    m.endTime = time;
                records.append({ m, time });
                break;
            }
            default:
                records.append({ Samples::network(session, user, quint64(pick(random)) * 1000, 5000), time });
                break;
            }
        }
        return records;
    }

    // Windows of every shape: whole hours, whole minutes, sub-minute ends, shorter than a minute, all time.
    QList<std::optional<TimeWindow>> windows(std::mt19937 &random) const
    {
        QList<std::optional<TimeWindow>> list { std::nullopt, TimeWindow { m_t0.addSecs(-60), m_t0.addSecs(5 * 3600) },
            TimeWindow { m_t0.addSecs(3600), m_t0.addSecs(2 * 3600) },
            TimeWindow { m_t0.addSecs(3600).addMSecs(-1), m_t0.addSecs(2 * 3600).addMSecs(-1) },
            TimeWindow { m_t0.addSecs(600), m_t0.addSecs(660) }, TimeWindow { m_t0.addSecs(90), m_t0.addSecs(150) },
            TimeWindow { m_t0.addSecs(30), m_t0.addSecs(45) },
            TimeWindow { m_t0.addMSecs(1234567), m_t0.addMSecs(9876543) },
            TimeWindow { m_t0.addSecs(-25 * 3600 - 61), m_t0.addSecs(29 * 3600 + 7) },
            TimeWindow { m_t0.addSecs(-9 * 3600), m_t0.addSecs(15 * 3600) } };
        std::uniform_int_distribution<qint64> when(-60'000, 4 * 3600 * 1000 + 60'000);
        for (int i = 0; i < 12; ++i) {
            const qint64 a = when(random);
            const qint64 b = when(random);
            list.append(TimeWindow { m_t0.addMSecs(std::min(a, b)), m_t0.addMSecs(std::max(a, b)) });
        }
        return list;
    }

    static void compareBuckets(const QList<ConnectionBucket> &actual, const QList<ConnectionBucket> &expected)
    {
        QCOMPARE(actual.size(), expected.size());
        for (qsizetype i = 0; i < actual.size(); ++i) {
            const ConnectionBucket &a = actual.at(i);
            const ConnectionBucket &e = expected.at(i);
            QCOMPARE(a.start, e.start);
            QCOMPARE(a.samples, e.samples);
            QCOMPARE(a.latencySum, e.latencySum);
            QCOMPARE(a.bandwidthSum, e.bandwidthSum);
            QCOMPARE(a.successfulSamples, e.successfulSamples);
            QCOMPARE(a.packetLossSum, e.packetLossSum);
            QCOMPARE(a.jitterSum, e.jitterSum);
            QCOMPARE(a.latencyMin, e.latencyMin);
            QCOMPARE(a.latencyMax, e.latencyMax);
            QVERIFY(a.latencyHistogram == e.latencyHistogram);
        }
    }

    // Outside a snapshot and within one, where the SQL repository reads a window's raw ends once and
    // takes every figure's ends from what it read.
    void compareEverything(const std::optional<TimeWindow> &window)
    {
        compareFigures(window);
        if (QTest::currentTestFailed())
            return;
        const ReadSnapshot snapshot(*m_sql);
        QVERIFY(!snapshot.failure());
        compareFigures(window);
    }

    void compareFigures(const std::optional<TimeWindow> &window)
    {
        const SampleFilter filter { window, QString(), QString() };
        AnalyticsRepository &sql = *m_sql;
        AnalyticsRepository &reference = *m_reference;

        const ConnectionTotals c = value(sql.connectionTotals(filter));
        const ConnectionTotals ce = value(reference.connectionTotals(filter));
        QCOMPARE(c.samples, ce.samples);
        QCOMPARE(c.qualityScoreSum, ce.qualityScoreSum);
        QCOMPARE(c.successfulSamples, ce.successfulSamples);
        QCOMPARE(c.latencySum, ce.latencySum);
        QCOMPARE(c.bandwidthSum, ce.bandwidthSum);
        QCOMPARE(c.distinctPeers, ce.distinctPeers);
        QCOMPARE(c.distinctConnections, ce.distinctConnections);

        const StreamingTotals s = value(sql.streamingTotals(filter));
        const StreamingTotals se = value(reference.streamingTotals(filter));
        QCOMPARE(s.samples, se.samples);
        QCOMPARE(s.durationSecondsSum, se.durationSecondsSum);
        QCOMPARE(s.bufferingSamples, se.bufferingSamples);
        QCOMPARE(s.adaptiveSwitchesSum, se.adaptiveSwitchesSum);
        QCOMPARE(s.qualityLevelScoreSum, se.qualityLevelScoreSum);
        QCOMPARE(s.distinctStreams, se.distinctStreams);
        QCOMPARE(s.openStreams, se.openStreams);

        const ConnectionBreakdown b = value(sql.connectionBreakdown(filter));
        const ConnectionBreakdown be = value(reference.connectionBreakdown(filter));
        QCOMPARE(b.byQuality, be.byQuality);
        QCOMPARE(b.byType, be.byType);
        for (std::size_t i = 0; i < b.latencySumByType.size(); ++i)
            QCOMPARE(b.latencySumByType[i], be.latencySumByType[i]);

        QCOMPARE(value(sql.distinctUsers(filter)), value(reference.distinctUsers(filter)));
        QCOMPARE(value(sql.peakConcurrentUsers(filter)), value(reference.peakConcurrentUsers(filter)));
        QCOMPARE(value(sql.distinctStreams(filter)), value(reference.distinctStreams(filter)));
        QCOMPARE(value(sql.distinctConnections(filter)), value(reference.distinctConnections(filter)));
        QCOMPARE(value(sql.distinctPeers(filter)), value(reference.distinctPeers(filter)));
        QCOMPARE(value(sql.openStreams(filter)), value(reference.openStreams(filter)));
        SampleSums::compareWithFigures(value(sql.sampleSums(filter)), reference, filter);
        if (QTest::currentTestFailed())
            return;

        const MosDistribution m = value(sql.mosDistribution(filter));
        const MosDistribution me = value(reference.mosDistribution(filter));
        QVERIFY(m.histogram == me.histogram);
        QCOMPARE(m.sum, me.sum);
        QCOMPARE(m.smallest, me.smallest);
        QCOMPARE(m.largest, me.largest);

        const ConnectionDistributions d = value(sql.connectionDistributions(filter));
        const ConnectionDistributions de = value(reference.connectionDistributions(filter));
        QCOMPARE(d.samples, de.samples);
        QVERIFY(d.latency == de.latency);
        QVERIFY(d.jitter == de.jitter);
        QVERIFY(d.packetLoss == de.packetLoss);
        QCOMPARE(d.latencyMin, de.latencyMin);
        QCOMPARE(d.latencyMax, de.latencyMax);
        QCOMPARE(d.jitterMin, de.jitterMin);
        QCOMPARE(d.jitterMax, de.jitterMax);
        QCOMPARE(d.packetLossMin, de.packetLossMin);
        QCOMPARE(d.packetLossMax, de.packetLossMax);

        const QList<GroupTotals> g = value(sql.groupTotals(filter, SampleGroup::Global));
        const QList<GroupTotals> ge = value(reference.groupTotals(filter, SampleGroup::Global));
        QCOMPARE(g.size(), ge.size());
        if (!g.isEmpty()) {
            QCOMPARE(g[0].connectionSamples, ge[0].connectionSamples);
            QCOMPARE(g[0].latencySum, ge[0].latencySum);
            QCOMPARE(g[0].jitterSum, ge[0].jitterSum);
            QCOMPARE(g[0].packetLossSum, ge[0].packetLossSum);
            QCOMPARE(g[0].mosSum, ge[0].mosSum);
            QCOMPARE(g[0].poorSamples, ge[0].poorSamples);
            QCOMPARE(g[0].failedSamples, ge[0].failedSamples);
            QCOMPARE(g[0].successfulSamples, ge[0].successfulSamples);
            QCOMPARE(g[0].streamingSamples, ge[0].streamingSamples);
            QCOMPARE(g[0].bufferingSamples, ge[0].bufferingSamples);
            QCOMPARE(g[0].droppedFrames, ge[0].droppedFrames);
            QCOMPARE(g[0].totalFrames, ge[0].totalFrames);
            QCOMPARE(g[0].adaptiveSwitches, ge[0].adaptiveSwitches);
        }

        for (const SampleFilter &sessionsOf : { filter, SampleFilter { window, QStringLiteral("u1"), QString() },
                 SampleFilter { window, QString(), QStringLiteral("s3") } }) {
            const QList<SessionSummary> ss = value(sql.sessionSummaries(sessionsOf));
            const QList<SessionSummary> sse = value(reference.sessionSummaries(sessionsOf));
            QCOMPARE(ss.size(), sse.size());
            for (qsizetype i = 0; i < ss.size(); ++i) {
                QCOMPARE(ss[i].session.sessionId, sse[i].session.sessionId);
                QCOMPARE(ss[i].session.userId, sse[i].session.userId);
                QCOMPARE(ss[i].connectionSamples, sse[i].connectionSamples);
                QCOMPARE(ss[i].distinctConnections, sse[i].distinctConnections);
                QCOMPARE(ss[i].qualityScoreSum, sse[i].qualityScoreSum);
                QCOMPARE(ss[i].successfulSamples, sse[i].successfulSamples);
                QCOMPARE(ss[i].mosSum, sse[i].mosSum);
                QCOMPARE(ss[i].streamingSamples, sse[i].streamingSamples);
                QCOMPARE(ss[i].distinctStreams, sse[i].distinctStreams);
                QCOMPARE(ss[i].streamingSeconds, sse[i].streamingSeconds);
            }
            auto sorted = [](QList<SessionPeer> peers) {
                std::sort(peers.begin(), peers.end(), [](const SessionPeer &a, const SessionPeer &b) {
                    return std::tie(a.sessionId, a.peerId, a.connectionType)
                        < std::tie(b.sessionId, b.peerId, b.connectionType);
                });
                return peers;
            };
            QCOMPARE(sorted(value(sql.sessionPeers(sessionsOf))), sorted(value(reference.sessionPeers(sessionsOf))));
            QList<SessionScore> scores = value(sql.sessionScores(sessionsOf));
            QList<SessionScore> expectedScores;
            for (const SessionSummary &summary : sse)
                expectedScores.append({ summary.connectionSamples, summary.qualityScoreSum });
            std::sort(scores.begin(), scores.end());
            std::sort(expectedScores.begin(), expectedScores.end());
            QVERIFY(scores == expectedScores);
            const MosDistribution sm = value(sql.mosDistribution(sessionsOf));
            const MosDistribution sme = value(reference.mosDistribution(sessionsOf));
            QVERIFY(sm.histogram == sme.histogram);
            QCOMPARE(sm.sum, sme.sum);
            QCOMPARE(sm.smallest, sme.smallest);
            QCOMPARE(sm.largest, sme.largest);
        }

        if (!window)
            return; // trends always have a window
        for (const qint64 bucketSeconds : { 60, 300, 600, 3600, 7200, 86400, 7, 90 }) {
            compareBuckets(value(sql.connectionBuckets(filter, bucketSeconds * 1000)),
                value(reference.connectionBuckets(filter, bucketSeconds * 1000)));
            const QList<ActivityBucket> a = value(sql.activityBuckets(filter, bucketSeconds * 1000));
            const QList<ActivityBucket> ae = value(reference.activityBuckets(filter, bucketSeconds * 1000));
            QCOMPARE(a.size(), ae.size());
            for (qsizetype i = 0; i < a.size(); ++i) {
                QCOMPARE(a[i].start, ae[i].start);
                QCOMPARE(a[i].sessions, ae[i].sessions);
                QCOMPARE(a[i].users, ae[i].users);
                QCOMPARE(a[i].streams, ae[i].streams);
            }
        }
    }

protected:
    void initDatabaseTest() override
    {
        if (TestDatabase::backendUnderTest() == u"memory")
            QSKIP("the rollups belong to the SQL repository");
        m_sql = m_database->open();
        QVERIFY(m_sql);
        m_reference = std::make_shared<InMemoryRepository>(InMemoryRepository::createData());
    }

    void cleanupDatabaseTest() override
    {
        m_sql.reset();
        m_reference.reset();
    }

private slots:
    void planSplitsWindowsExactly_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addRow("whole hours") << qint64(0) << qint64(2 * RollupPlan::HourMs);
        QTest::addRow("one millisecond past") << qint64(-1) << qint64(2 * RollupPlan::HourMs - 1);
        QTest::addRow("within a minute") << qint64(1000) << qint64(59'000);
        QTest::addRow("across a minute") << qint64(30'000) << qint64(70'000);
        QTest::addRow("minutes of one hour") << qint64(90'000) << qint64(30 * RollupPlan::MinuteMs + 5);
        QTest::addRow("uneven, across hours") << qint64(1'234'567) << qint64(9'876'543);
        QTest::addRow("empty") << qint64(5000) << qint64(5000);
    }

    // Every millisecond of (from, to] is in exactly one part, and no part reaches outside it.
    void planSplitsWindowsExactly()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        const QDateTime base = QDateTime(QDate(2026, 11, 28), QTime(0, 0), Qt::UTC);
        const qint64 offset = base.toMSecsSinceEpoch();
        const RollupPlan plan = RollupPlan::of(TimeWindow { QDateTime::fromMSecsSinceEpoch(offset + from, Qt::UTC),
            QDateTime::fromMSecsSinceEpoch(offset + to, Qt::UTC) });
        QList<MsRange> parts; // as [from, to) in milliseconds since `base`
        for (const TimeWindow &raw : plan.rawParts)
            parts.append({ raw.from.toMSecsSinceEpoch() - offset + 1, raw.to.toMSecsSinceEpoch() - offset + 1 });
        for (const RollupSpan &span : plan.spans) {
            const qint64 unit = span.granularitySeconds * qint64(1000);
            QCOMPARE(span.range.from % unit, 0);
            QCOMPARE(span.range.to % unit, 0);
            parts.append({ span.range.from - offset, span.range.to - offset });
        }
        std::sort(parts.begin(), parts.end(), [](const MsRange &a, const MsRange &b) { return a.from < b.from; });
        qint64 covered = from + 1;
        for (const MsRange &part : parts) {
            QVERIFY(!part.isEmpty());
            QCOMPARE(part.from, covered);
            covered = part.to;
        }
        QCOMPARE(covered, std::max(from + 1, to + 1));
        for (const TimeWindow &raw : plan.rawParts)
            QVERIFY(raw.from.msecsTo(raw.to) < RollupPlan::MinuteMs);
    }

    void spansUseTheCoarsestRollupThatFits()
    {
        const qint64 day = 20'000 * RollupPlan::DayMs;
        const qint64 m = RollupPlan::MinuteMs;
        const RollupPlan plan = RollupPlan::of(TimeWindow { QDateTime::fromMSecsSinceEpoch(day - 13 * m - 1, Qt::UTC),
            QDateTime::fromMSecsSinceEpoch(day + RollupPlan::DayMs + RollupPlan::HourMs + 21 * m - 1, Qt::UTC) });
        QVERIFY(plan.rawParts.isEmpty());
        const QList<RollupSpan> expected { { 86400, { day, day + RollupPlan::DayMs } }, { 600, { day - 10 * m, day } },
            { 60, { day - 13 * m, day - 10 * m } },
            { 3600, { day + RollupPlan::DayMs, day + RollupPlan::DayMs + RollupPlan::HourMs } },
            { 600,
                { day + RollupPlan::DayMs + RollupPlan::HourMs,
                    day + RollupPlan::DayMs + RollupPlan::HourMs + 20 * m } },
            { 60,
                { day + RollupPlan::DayMs + RollupPlan::HourMs + 20 * m,
                    day + RollupPlan::DayMs + RollupPlan::HourMs + 21 * m } } };
        QCOMPARE(plan.spans, expected);
        // Trend buckets of 5 minutes cannot use rollups of 10.
        for (const RollupSpan &span : RollupPlan::of(TimeWindow { QDateTime::fromMSecsSinceEpoch(day, Qt::UTC),
                                                         QDateTime::fromMSecsSinceEpoch(day + 7200'000, Qt::UTC) },
                 5 * m)
                                          .spans)
            QCOMPARE(span.granularitySeconds, 60);
    }

    void presenceCoversTheMinutesOfARange()
    {
        const qint64 d = 20'000 * RollupPlan::DayMs;
        const qint64 h = RollupPlan::HourMs;
        const qint64 m = RollupPlan::MinuteMs;
        // 22:58 of one day to 00:03 two days later: two hours of the first day, the whole next day,
        // the minutes of the last hours.
        const auto cover = RollupPlan::presenceCover({ d + 21 * h + 58 * m, d + 2 * RollupPlan::DayMs + 3 * m });
        QCOMPARE(cover.wholeDays, (MsRange { d + RollupPlan::DayMs, d + 2 * RollupPlan::DayMs }));
        QCOMPARE(cover.partialDays, (QList<PartialBucket> { { d, RollupPlan::bitsOf(22, 24) } }));
        QCOMPARE(cover.partialHours,
            (QList<PartialBucket> {
                { d + 21 * h, RollupPlan::bitsOf(58, 60) }, { d + 2 * RollupPlan::DayMs, 0b111 } }));
        const auto within = RollupPlan::hourCover({ d + 5 * m, d + 7 * m });
        QVERIFY(within.wholeHours.isEmpty());
        QCOMPARE(within.partialHours, (QList<PartialBucket> { { d, 0b1100000 } }));
    }

    void figuresEqualTheRawRecomputation()
    {
        std::mt19937 random(20261201);
        QList<MetricRecord> records = randomSamples(m_t0, 1500, random);
        // Out of order, in batches of every size, and part of it by a second writer (another node).
        std::shuffle(records.begin(), records.end(), random);
        std::shared_ptr<AnalyticsRepository> secondNode = m_database->open();
        qsizetype next = 0;
        for (int batch = 1; next < records.size(); ++batch) {
            const qsizetype size = std::min<qsizetype>(records.size() - next, batch % 5 == 0 ? 200 : batch % 7);
            storeBoth(records.mid(next, size), batch % 3 == 0 ? *secondNode : *m_sql);
            next += size;
        }
        for (const auto &window : windows(random)) {
            compareEverything(window);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void lateSamplesJoinBucketsWrittenLongBefore()
    {
        std::mt19937 random(7);
        // Hours of samples in time order, then more samples for the first hour: by then the writer no
        // longer keeps that hour's state and must read it back rather than overwrite it.
        QList<MetricRecord> records = randomSamples(m_t0, 600, random);
        std::sort(records.begin(), records.end(),
            [](const MetricRecord &a, const MetricRecord &b) { return a.recordedAt < b.recordedAt; });
        for (qsizetype i = 0; i < records.size(); i += 50)
            storeBoth(records.mid(i, 50), *m_sql);
        QList<MetricRecord> late;
        for (const MetricRecord &record : randomSamples(m_t0.addSecs(8 * 3600), 200, random))
            late.append({ record.metrics, record.recordedAt.addSecs(-8 * 3600 + 3600 * 4) });
        storeBoth(late, *m_sql); // moves the writer 4 to 8 hours on
        QList<MetricRecord> veryLate;
        for (const MetricRecord &record : randomSamples(m_t0, 100, random))
            veryLate.append({ record.metrics, m_t0.addMSecs(m_t0.msecsTo(record.recordedAt) % (3600 * 1000)) });
        storeBoth(veryLate, *m_sql);
        for (const auto &window : windows(random)) {
            compareEverything(window);
            if (QTest::currentTestFailed())
                return;
        }
        compareEverything(TimeWindow { m_t0.addSecs(-3600), m_t0.addSecs(9 * 3600) });
    }

    void rollupsOfEarlierSamplesAreComputedOnce()
    {
        std::mt19937 random(11);
        storeBoth(randomSamples(m_t0, 400, random), *m_sql);
        // As a database written before the rollups existed holds it: raw rows only, marked by the migration.
        QString error;
        QVERIFY2(m_database->executeSql(
                     { QStringLiteral("DELETE FROM p2p_rollups"), QStringLiteral("DELETE FROM p2p_session_rollups"),
                         QStringLiteral("DELETE FROM p2p_presence"),
                         QStringLiteral("INSERT INTO p2p_rollup_backfill (pending) VALUES (1)") },
                     &error),
            qPrintable(error));
        m_sql = m_database->open();
        QVERIFY(m_sql);
        QCOMPARE(m_database->executeSql({ QStringLiteral("SELECT COUNT(*) FROM p2p_rollup_backfill") }, &error),
            QStringList { QStringLiteral("0") });
        for (const auto &window : windows(random)) {
            compareEverything(window);
            if (QTest::currentTestFailed())
                return;
        }
        // A second console opening the database computes nothing again.
        m_sql = m_database->open();
        compareEverything(std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestRollups)
#include "tst_rollups.moc"
