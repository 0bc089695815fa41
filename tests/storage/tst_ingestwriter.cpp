#include "databasetestcase.h"
#include "samples.h"

#include "storage/ingestwriter.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

// The single writer on a real SQLite file. A second connection holding the write lock stands in for a
// slow disk: it keeps the writer inside one commit while the test fills the queue.
class TestIngestWriter : public DatabaseTestCase
{
    Q_OBJECT

private:
    static QList<MetricRecord> records(const QString &session, int count = 1)
    {
        QList<MetricRecord> list;
        for (int i = 0; i < count; ++i)
            list.append({ Samples::connection(session, QStringLiteral("u")), QDateTime::currentDateTimeUtc() });
        return list;
    }

    qsizetype storedConnections()
    {
        const auto samples = m_database->open()->samples(MetricKind::Connection, {});
        return samples.ok() ? samples.value().size() : -1;
    }

protected:
    void initDatabaseTest() override
    {
        QVERIFY(m_database->open()); // creates the schema
    }

private slots:
    void waitingRecordsShareOneCommitAndAFullQueueRefuses()
    {
        IngestWriter writer(m_database->sharedFactory(), /*maxQueuedRecords*/ 3);
        QVERIFY(!writer.start());

        QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        locker.setDatabaseName(m_database->url().path);
        QVERIFY(locker.open());
        QSqlQuery lock(locker);
        QVERIFY2(lock.exec(QStringLiteral("BEGIN IMMEDIATE")), qPrintable(lock.lastError().text()));

        std::atomic<int> done { 0 };
        std::atomic<int> failed { 0 };
        auto count = [&](const StorageResult<QList<StoredRecord>> &result) {
            (result.ok() && result.value().size() == 1 ? done : failed)++;
        };
        QVERIFY(!writer.submit(records(QStringLiteral("first")), nullptr, count));
        QTRY_COMPARE(writer.queuedRecords(), 0); // the writer took it and waits for the lock
        for (int i = 0; i < 3; ++i)
            QVERIFY(!writer.submit(records(QStringLiteral("s%1").arg(i)), nullptr, count));
        QCOMPARE(writer.queuedRecords(), 3);

        const auto refused = writer.submit(records(QStringLiteral("too-many")), nullptr, count);
        QVERIFY(refused);
        QCOMPARE(refused->kind, StorageError::Kind::Busy);

        QVERIFY(lock.exec(QStringLiteral("COMMIT")));
        QTRY_COMPARE(done.load(), 4);
        QCOMPARE(failed.load(), 0);
        QCOMPARE(writer.stats().commits.load(), 2);
        QCOMPARE(writer.stats().batchBuckets.at(0).load(), 1); // the first record alone
        QCOMPARE(writer.stats().batchBuckets.at(2).load(), 1); // the three that waited, together (<= 4)
        QCOMPARE(writer.stats().committedRecords.load(), 4);
        lock = QSqlQuery();
        locker.close();
        locker = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        writer.stop();
        QCOMPARE(storedConnections(), 4);
    }

    void resultsComeBackInTheContextThread()
    {
        IngestWriter writer(m_database->sharedFactory());
        QVERIFY(!writer.start());
        QObject context;
        QThread *answeredIn = nullptr;
        QList<StoredRecord> ids;
        QVERIFY(!writer.submit(
            records(QStringLiteral("s"), 3), &context, [&](const StorageResult<QList<StoredRecord>> &result) {
                answeredIn = QThread::currentThread();
                ids = result.value();
            }));
        QTRY_VERIFY(answeredIn);
        QCOMPARE(answeredIn, QThread::currentThread());
        QCOMPARE(ids.size(), 3);
        QCOMPARE(QSet<QString>({ ids.at(0).id, ids.at(1).id, ids.at(2).id }).size(), 3);
    }

    void stopCommitsEverythingAccepted()
    {
        IngestWriter writer(m_database->sharedFactory());
        QVERIFY(!writer.start());
        std::atomic<int> answered { 0 };
        for (int i = 0; i < 20; ++i) {
            QVERIFY(!writer.submit(records(QStringLiteral("s%1").arg(i), 5), nullptr,
                [&](const StorageResult<QList<StoredRecord>> &result) { answered += result.ok() ? 1 : 0; }));
        }
        writer.stop();
        QCOMPARE(answered.load(), 20);
        QCOMPARE(storedConnections(), 100);
        const auto late = writer.submit(records(QStringLiteral("late")), nullptr, {});
        QVERIFY(late);
        QCOMPARE(late->kind, StorageError::Kind::Unavailable);
    }

    void failedCommitReachesEverySubmitter()
    {
        IngestWriter writer(m_database->sharedFactory());
        QVERIFY(!writer.start());
        QString error;
        QVERIFY(m_database->executeSql({ QStringLiteral("DROP TABLE p2p_connection_metrics") }, &error));
        const auto result = writer.submitAndWait(records(QStringLiteral("s")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, StorageError::Kind::Failed);
        QCOMPARE(writer.stats().failedCommits.load(), 1);
        QCOMPARE(writer.stats().commits.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestIngestWriter)
#include "tst_ingestwriter.moc"
