#pragma once

#include "analyticsrepository.h"

#include <QList>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>

/** Counters of a GroupCommitter, safe to read from any thread. */
struct GroupCommitStats
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
 * Group commit for many writer threads: every thread submits its records with its own repository and
 * blocks until they are committed. The first thread to find no commit running becomes the leader: it
 * takes everything queued (its own records and those of the threads waiting behind it), stores it in
 * one transaction through its repository, and hands each waiting thread its result. A leader thus
 * needs no thread hand-off at all, and a follower one wake-up, while the transaction count drops with
 * the load.
 *
 * When more records wait than the queue may hold, submit() refuses at once with StorageError::Kind::Busy
 * instead of letting the queue grow without bound.
 */
class GroupCommitter
{
public:
    explicit GroupCommitter(qsizetype maxQueuedRecords = 200'000, qsizetype maxRecordsPerCommit = 50'000);

    StorageResult<QList<StoredRecord>> submit(const QList<MetricRecord> &records, AnalyticsRepository &repository);

    qsizetype queuedRecords() const;
    const GroupCommitStats &stats() const { return m_stats; }

private:
    struct Pending;
    void recordCommit(qsizetype records, double seconds, bool ok);

    const qsizetype m_maxQueuedRecords;
    const qsizetype m_maxRecordsPerCommit;
    mutable std::mutex m_mutex;
    std::condition_variable m_committed;
    std::deque<Pending *> m_queue;
    qsizetype m_queuedRecords = 0;
    bool m_leaderActive = false;
    GroupCommitStats m_stats;
};
