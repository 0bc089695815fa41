#pragma once

#include "analyticsrepository.h"

#include <QList>
#include <QObject>
#include <QThread>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

class RepositoryFactory;

/** Counters of an IngestWriter, safe to read from any thread. */
struct CommitStats
{
    // Upper bounds of the histogram buckets (records per commit, and commit seconds).
    static constexpr std::array<double, 12> BatchBounds { 1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096, 16384 };
    static constexpr std::array<double, 12> LatencyBounds { 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25,
        0.5, 1, 2.5 };

    std::atomic<qint64> commits { 0 };
    std::atomic<qint64> failedCommits { 0 };
    std::atomic<qint64> committedRecords { 0 };
    std::array<std::atomic<qint64>, BatchBounds.size() + 1> batchBuckets {}; // last: above every bound
    std::atomic<double> batchSum { 0 };
    std::array<std::atomic<qint64>, LatencyBounds.size() + 1> latencyBuckets {};
    std::atomic<double> latencySumSeconds { 0 };
};

/**
 * The single writer of a database: a thread that owns the write connection, takes everything
 * submitted since its last commit, stores it in one transaction and reports each submission's
 * result. Submitting never blocks: the HTTP threads hand over their records and go on reading other
 * requests, and answer each one when its result comes back (after COMMIT). The transaction count thus
 * falls as the load rises, and one connection keeps its page cache warm.
 *
 * When more records wait than the queue may hold, submit() refuses at once (StorageError::Kind::Busy)
 * instead of letting the queue grow without bound.
 */
class IngestWriter
{
public:
    using Done = std::function<void(const StorageResult<QList<StoredRecord>> &)>;

    IngestWriter(std::shared_ptr<RepositoryFactory> repositories, qsizetype maxQueuedRecords = 200'000,
        qsizetype maxRecordsPerCommit = 50'000);
    ~IngestWriter();

    // Opens the write connection in the writer thread and starts it; the reason when it cannot.
    std::optional<StorageError> start();
    // Commits what was submitted, reports it, and ends the thread.
    void stop();

    // Queues records; `done` then runs in `context`'s thread, or in the writer's thread when `context`
    // is null. A context must outlive stop(). Refused at once, with nothing queued, when the queue is
    // full or the writer stopped.
    std::optional<StorageError> submit(QList<MetricRecord> records, QObject *context, Done done);
    // Blocks until the records are committed: for callers without an event loop to come back to.
    StorageResult<QList<StoredRecord>> submitAndWait(QList<MetricRecord> records);

    qsizetype queuedRecords() const;
    const CommitStats &stats() const { return m_stats; }

    // The writer waits up to GatherWindow for GatherRecords records before it commits fewer.
    static constexpr qsizetype GatherRecords = 64;
    static constexpr std::chrono::microseconds GatherWindow { 500 };

private:
    struct Submission
    {
        QList<MetricRecord> records;
        QObject *context;
        Done done;
    };

    void run(std::shared_ptr<AnalyticsRepository> repository);
    void recordCommit(qsizetype records, double seconds, bool ok);

    std::shared_ptr<RepositoryFactory> m_repositories;
    const qsizetype m_maxQueuedRecords;
    const qsizetype m_maxRecordsPerCommit;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Submission> m_queue;
    qsizetype m_queuedRecords = 0;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
    CommitStats m_stats;
};
