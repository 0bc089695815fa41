#include "databasetestcase.h"
#include "samples.h"
#include "storage/retentionworker.h"

#include <QSignalSpy>
#include <QTest>

// Retention on every backend: raw samples and rollups older than the policy go, a bounded batch at a
// time; what is younger stays; the figures of old windows come from the rollups once the raw rows
// are gone (SQL backends; the in-memory store keeps no rollups).
class TestRetention : public DatabaseTestCase
{
    Q_OBJECT

private:
    const QDateTime m_now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
    std::shared_ptr<AnalyticsRepository> m_repository;

    bool isSql() const { return TestDatabase::backendUnderTest() != u"memory"; }

    // `count` samples of every kind, one a minute, the first `daysAgo` days before now, in session `session`.
    void storeEveryKind(int daysAgo, int count, const QString &session)
    {
        QList<MetricRecord> records;
        const QDateTime first = m_now.addDays(-daysAgo);
        for (int i = 0; i < count; ++i) {
            const QDateTime at = first.addSecs(60 * i + 5);
            records.append({ Samples::connection(session, QStringLiteral("u1")), at });
            records.append({ Samples::streaming(session, QStringLiteral("u1")), at });
            records.append({ Samples::network(session, QStringLiteral("u1"), 10, 20), at });
            records.append({ Samples::system(QStringLiteral("node-1"), 50, 512), at });
        }
        QCOMPARE(value(m_repository->store(records)).size(), records.size());
    }

    qsizetype samplesOf(MetricKind kind) { return value(m_repository->samples(kind, {})).size(); }

protected:
    void initDatabaseTest() override
    {
        m_repository = m_database->open();
        QVERIFY(m_repository);
    }
    void cleanupDatabaseTest() override { m_repository.reset(); }

private slots:
    void deletesOldSamplesInBoundedBatches()
    {
        storeEveryKind(40, 50, QStringLiteral("old"));
        storeEveryKind(10, 30, QStringLiteral("recent"));
        const QDateTime cut = m_now.addDays(-30);
        // A batch takes at most the limit of each kind, the oldest first.
        QCOMPARE(value(m_repository->deleteSamplesBefore(cut, 20)), 4 * 20);
        const QList<StoredSample> left = value(m_repository->samples(MetricKind::Connection, {}));
        QCOMPARE(left.size(), 60);
        QCOMPARE(left.constFirst().record.recordedAt, m_now.addDays(-40).addSecs(60 * 20 + 5));
        qint64 deleted = 80;
        while (const qint64 more = value(m_repository->deleteSamplesBefore(cut, 20)))
            deleted += more;
        QCOMPARE(deleted, 4 * 50);
        for (MetricKind kind :
            { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network, MetricKind::System })
            QCOMPARE(samplesOf(kind), 30);
        // The recent session is whole; the old one keeps its aggregate until its rollups go.
        QVERIFY(value(m_repository->findSession(QStringLiteral("recent"))));
        QVERIFY(value(m_repository->findSession(QStringLiteral("old"))));
    }

    void rollupsAnswerForWindowsWithoutRawRows()
    {
        if (!isSql())
            QSKIP("the in-memory store keeps no rollups");
        storeEveryKind(40, 50, QStringLiteral("old"));
        // Whole minutes: what the rollups hold exactly.
        const SampleFilter oldWindow { TimeWindow { m_now.addDays(-41), m_now.addDays(-39) }, QString(), QString() };
        const ConnectionTotals before = value(m_repository->connectionTotals(oldWindow));
        QCOMPARE(before.samples, 50);
        while (value(m_repository->deleteSamplesBefore(m_now.addDays(-30), 1000)) > 0) { }
        QCOMPARE(samplesOf(MetricKind::Connection), 0);
        const ConnectionTotals after = value(m_repository->connectionTotals(oldWindow));
        QCOMPARE(after.samples, before.samples);
        QCOMPARE(after.latencySum, before.latencySum);
        QCOMPARE(value(m_repository->streamingTotals(oldWindow)).durationSecondsSum, 50 * 30.0);
        QCOMPARE(value(m_repository->distinctUsers(oldWindow)), 1);
        QCOMPARE(value(m_repository->sessionSummaries(oldWindow)).size(), 1);
    }

    void deletesOldRollupsAndTheirSessions()
    {
        storeEveryKind(500, 10, QStringLiteral("ancient"));
        storeEveryKind(10, 10, QStringLiteral("recent"));
        const QDateTime rawCut = m_now.addDays(-30);
        const QDateTime rollupCut = m_now.addDays(-400);
        while (value(m_repository->deleteSamplesBefore(rawCut, 1000)) > 0) { }
        qint64 rows = 0;
        while (const qint64 more = value(m_repository->deleteRollupsBefore(rollupCut, 5)))
            rows += more;
        QVERIFY(rows > 0);
        QVERIFY(!value(m_repository->findSession(QStringLiteral("ancient"))));
        QVERIFY(value(m_repository->findSession(QStringLiteral("recent"))));
        const SampleFilter ancient { TimeWindow { m_now.addDays(-501), m_now.addDays(-499) }, QString(), QString() };
        QCOMPARE(value(m_repository->connectionTotals(ancient)).samples, 0);
        QCOMPARE(value(m_repository->distinctUsers(ancient)), 0);
        QCOMPARE(value(m_repository->sessionSummaries(ancient)).size(), 0);
        const SampleFilter recent { TimeWindow { m_now.addDays(-11), m_now }, QString(), QString() };
        QCOMPARE(value(m_repository->connectionTotals(recent)).samples, 10);
        if (isSql()) {
            QString error;
            QCOMPARE(m_database->executeSql({ QStringLiteral("SELECT COUNT(*) FROM p2p_rollups WHERE bucket_start < %1")
                                                    .arg(rollupCut.toMSecsSinceEpoch()) },
                         &error),
                QStringList { QStringLiteral("0") });
        }
    }

    void sqliteGivesFreedPagesBack()
    {
        if (TestDatabase::backendUnderTest() != u"sqlite")
            QSKIP("only SQLite keeps freed pages in its file");
        storeEveryKind(40, 2000, QStringLiteral("old"));
        while (value(m_repository->deleteSamplesBefore(m_now.addDays(-30), 5000)) > 0) { }
        QString error;
        const auto freePages = [&] {
            return m_database->executeSql({ QStringLiteral("PRAGMA freelist_count") }, &error)
                .value_or(QStringList())
                .value(0)
                .toInt();
        };
        QCOMPARE(m_database->executeSql({ QStringLiteral("PRAGMA auto_vacuum") }, &error),
            QStringList { QStringLiteral("2") });
        const int freed = freePages();
        QVERIFY2(freed > 100, qPrintable(QString::number(freed)));
        QVERIFY(!m_repository->reclaimSpace());
        QCOMPARE(freePages(), std::max(0, freed - 1024));
    }

    void workerAppliesThePolicyInTheBackground()
    {
        storeEveryKind(40, 30, QStringLiteral("old"));
        storeEveryKind(10, 30, QStringLiteral("recent"));
        RetentionWorker worker(m_database->sharedFactory(), std::make_shared<ManualClock>(m_now));
        QSignalSpy finished(&worker, &RetentionWorker::passFinished);
        QSignalSpy failed(&worker, &RetentionWorker::failed);
        worker.start({ 30, 400 });
        QVERIFY(finished.wait(10'000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(finished.constFirst().at(0).toLongLong(), 4 * 30);
        for (MetricKind kind :
            { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network, MetricKind::System })
            QCOMPARE(samplesOf(kind), 30);
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
