#include "samples.h"
#include "testdatabase.h"

#include "storage/groupcommitter.h"

#include <QSemaphore>
#include <QTest>
#include <QThread>

namespace {

// Where the test holds a commit: store() signals `entered`, then waits for `gate` (or fails).
struct Gate
{
    QSemaphore entered;
    QSemaphore gate;
    std::atomic<bool> fail { false };
};

// A real repository whose store() waits at a gate, so that the test decides when a commit finishes.
class GatedRepository final : public AnalyticsRepository
{
public:
    GatedRepository(AnalyticsRepository &inner, Gate &gate)
        : m_inner(inner)
        , m_gate(gate)
    { }

    StorageResult<QList<StoredRecord>> store(const QList<MetricRecord> &records) override
    {
        m_gate.entered.release();
        m_gate.gate.acquire();
        if (m_gate.fail)
            return StorageError { StorageError::Kind::Failed, QStringLiteral("refused by the test") };
        return m_inner.store(records);
    }
    std::optional<StorageError> checkHealth() override { return m_inner.checkHealth(); }
    StorageResult<std::optional<SessionRow>> findSession(const QString &id) override { return m_inner.findSession(id); }
    StorageResult<QList<SessionSummary>> sessionSummaries(const SampleFilter &f) override
    {
        return m_inner.sessionSummaries(f);
    }
    StorageResult<ConnectionTotals> connectionTotals(const SampleFilter &f) override
    {
        return m_inner.connectionTotals(f);
    }
    StorageResult<StreamingTotals> streamingTotals(const SampleFilter &f) override
    {
        return m_inner.streamingTotals(f);
    }
    StorageResult<SystemTotals> systemTotals(const SampleFilter &f) override { return m_inner.systemTotals(f); }
    StorageResult<quint64> transferredBytes(const SampleFilter &f) override { return m_inner.transferredBytes(f); }
    StorageResult<qint64> peakConcurrentUsers(const SampleFilter &f) override { return m_inner.peakConcurrentUsers(f); }
    StorageResult<QList<ConnectionBucket>> connectionBuckets(const SampleFilter &f, qint64 b) override
    {
        return m_inner.connectionBuckets(f, b);
    }
    StorageResult<QList<CountBucket>> sessionBuckets(const SampleFilter &f, qint64 b) override
    {
        return m_inner.sessionBuckets(f, b);
    }
    StorageResult<QList<StoredSample>> samples(MetricKind k, const SampleFilter &f) override
    {
        return m_inner.samples(k, f);
    }

private:
    AnalyticsRepository &m_inner;
    Gate &m_gate;
};

MetricRecord recordFor(const QString &session)
{
    return { Samples::connection(session, QStringLiteral("u")), QDateTime::currentDateTimeUtc() };
}

} // namespace

// Group commit on a real SQLite file, with one repository per thread as the HTTP threads use it.
class TestGroupCommitter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;

    // Submits one record from a new thread through a repository that thread opens (and, with a gate,
    // holds at it); the result lands in *result.
    QThread *submitInThread(GroupCommitter &committer, const QString &session,
        std::optional<StorageResult<QList<StoredRecord>>> *result, Gate *gate = nullptr)
    {
        QThread *thread = QThread::create([this, &committer, session, result, gate] {
            const std::shared_ptr<AnalyticsRepository> repository = m_database->open();
            if (gate) {
                GatedRepository gated(*repository, *gate);
                *result = committer.submit({ recordFor(session) }, gated);
            } else {
                *result = committer.submit({ recordFor(session) }, *repository);
            }
        });
        thread->start();
        return thread;
    }

private slots:
    void init()
    {
        QString error;
        m_database = TestDatabase::createEmpty(&error);
        QVERIFY2(m_database, qPrintable(error));
    }

    void cleanup() { m_database.reset(); }

    void waitingWritesShareOneCommit()
    {
        GroupCommitter committer(/*maxQueuedRecords*/ 3);
        Gate gate;
        std::optional<StorageResult<QList<StoredRecord>>> leaderResult;
        QThread *leader = submitInThread(committer, QStringLiteral("leader"), &leaderResult, &gate);
        QVERIFY(gate.entered.tryAcquire(1, 5000)); // the leader is inside its commit

        std::array<std::optional<StorageResult<QList<StoredRecord>>>, 3> followerResults;
        std::vector<QThread *> followers;
        for (int i = 0; i < 3; ++i)
            followers.push_back(
                submitInThread(committer, QStringLiteral("follower-%1").arg(i), &followerResults.at(i)));
        QTRY_COMPARE(committer.queuedRecords(), 3);

        // A full queue refuses at once rather than growing.
        auto repository = m_database->open();
        const auto refused = committer.submit({ recordFor(QStringLiteral("too-many")) }, *repository);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, StorageError::Kind::Busy);

        gate.gate.release(); // the leader commits its own record; a follower then leads the rest
        QVERIFY(leader->wait(5000));
        for (QThread *thread : followers)
            QVERIFY(thread->wait(5000));
        qDeleteAll(followers);
        delete leader;

        QVERIFY(leaderResult && leaderResult->ok());
        QSet<QString> ids { leaderResult->value().constFirst().id };
        for (const auto &result : followerResults) {
            QVERIFY(result && result->ok());
            QCOMPARE(result->value().size(), 1);
            ids.insert(result->value().constFirst().id);
        }
        QCOMPARE(ids.size(), 4);
        QCOMPARE(committer.stats().commits.load(), 2);
        QCOMPARE(committer.stats().committedRecords.load(), 4);
        QCOMPARE(committer.stats().batchBuckets.at(0).load(), 1); // one commit of 1 record
        QCOMPARE(committer.stats().batchBuckets.at(2).load(), 1); // one commit of 3 (bucket "<= 4")
        QCOMPARE(committer.queuedRecords(), 0);

        const auto stored = repository->samples(MetricKind::Connection, {});
        QVERIFY(stored.ok());
        QCOMPARE(stored.value().size(), 4);
    }

    void failedCommitReachesEveryWaiter()
    {
        GroupCommitter committer;
        Gate gate;
        gate.fail = true;
        std::optional<StorageResult<QList<StoredRecord>>> first;
        QThread *leader = submitInThread(committer, QStringLiteral("a"), &first, &gate);
        QVERIFY(gate.entered.tryAcquire(1, 5000));
        std::optional<StorageResult<QList<StoredRecord>>> second;
        QThread *follower = submitInThread(committer, QStringLiteral("b"), &second, &gate);
        QTRY_COMPARE(committer.queuedRecords(), 1);
        gate.gate.release(2);
        QVERIFY(leader->wait(5000) && follower->wait(5000));
        delete leader;
        delete follower;
        QVERIFY(first && !first->ok());
        QVERIFY(second && !second->ok());
        QCOMPARE(second->error().message, QStringLiteral("refused by the test"));
        QCOMPARE(committer.stats().failedCommits.load(), 2);
        QCOMPARE(committer.stats().commits.load(), 0);
    }

    void manyThreadsLoseNothing()
    {
        GroupCommitter committer;
        constexpr int Threads = 8;
        constexpr int PerThread = 40;
        std::vector<QThread *> threads;
        std::atomic<int> failures { 0 };
        for (int t = 0; t < Threads; ++t) {
            threads.push_back(QThread::create([&, t] {
                auto repository = m_database->open();
                for (int i = 0; i < PerThread; ++i) {
                    if (!committer.submit({ recordFor(QStringLiteral("t%1-%2").arg(t).arg(i)) }, *repository).ok())
                        ++failures;
                }
            }));
            threads.back()->start();
        }
        for (QThread *thread : threads)
            QVERIFY(thread->wait(60000));
        qDeleteAll(threads);
        QCOMPARE(failures.load(), 0);
        QCOMPARE(committer.stats().committedRecords.load(), Threads * PerThread);
        QVERIFY(committer.stats().commits.load() <= Threads * PerThread);
        const auto stored = m_database->open()->samples(MetricKind::Connection, {});
        QCOMPARE(stored.value().size(), Threads * PerThread);
    }
};

QTEST_GUILESS_MAIN(TestGroupCommitter)
#include "tst_groupcommitter.moc"
