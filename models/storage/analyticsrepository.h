#pragma once

#include "rollupbucket.h"
#include "samplequery.h"
#include "storageresult.h"

/**
 * Where metric samples live. One interface, several stores (in memory, SQLite, PostgreSQL) that must
 * answer every call identically; the repository contract test proves it.
 *
 * The repository counts and sums; AnalyticsService turns those sums into the contract's figures, so
 * that each definition is written once. An instance belongs to the thread that created it.
 */
class AnalyticsRepository
{
public:
    virtual ~AnalyticsRepository() = default;

    // Stores all records in one transaction: all of them, or none and an error. The first record of a
    // session creates its aggregate with that record's user; later records update it.
    virtual StorageResult<QList<StoredRecord>> store(const QList<MetricRecord> &records) = 0;
    // Nothing when the store answers, else why it does not.
    virtual std::optional<StorageError> checkHealth() = 0;

    virtual StorageResult<std::optional<SessionRow>> findSession(const QString &sessionId) = 0;
    // Sessions with at least one selected sample, newest aggregate first (ties by session id).
    virtual StorageResult<QList<SessionSummary>> sessionSummaries(const SampleFilter &filter) = 0;
    // The scores of the same sessions, in no particular order: what fleet figures need of each session,
    // without the distinct counts and aggregate rows of a summary.
    virtual StorageResult<QList<SessionScore>> sessionScores(const SampleFilter &filter) = 0;

    virtual StorageResult<ConnectionTotals> connectionTotals(const SampleFilter &filter) = 0;
    virtual StorageResult<StreamingTotals> streamingTotals(const SampleFilter &filter) = 0;
    virtual StorageResult<SystemTotals> systemTotals(const SampleFilter &filter) = 0;
    // Sum over sessions of their latest selected network report's sent + received bytes.
    virtual StorageResult<quint64> transferredBytes(const SampleFilter &filter) = 0;
    virtual StorageResult<ConnectionBreakdown> connectionBreakdown(const SampleFilter &filter) = 0;
    // Distinct users with a connection, streaming or network sample.
    virtual StorageResult<qint64> distinctUsers(const SampleFilter &filter) = 0;
    // Distinct stream ids of the streaming samples (StreamingTotals::distinctStreams alone).
    virtual StorageResult<qint64> distinctStreams(const SampleFilter &filter) = 0;
    // Distinct (session, connection id) pairs of the connection samples (ConnectionTotals::distinctConnections
    // alone).
    virtual StorageResult<qint64> distinctConnections(const SampleFilter &filter) = 0;
    // Distinct peer ids of the connection samples (ConnectionTotals::distinctPeers alone).
    virtual StorageResult<qint64> distinctPeers(const SampleFilter &filter) = 0;
    // Distinct streams none of whose samples ended them (StreamingTotals::openStreams alone).
    virtual StorageResult<qint64> openStreams(const SampleFilter &filter) = 0;
    // The largest number of distinct users with a sample in one calendar minute.
    virtual StorageResult<qint64> peakConcurrentUsers(const SampleFilter &filter) = 0;

    // Buckets align to multiples of bucketMs since the epoch; only buckets with samples are returned, oldest first.
    virtual StorageResult<QList<ConnectionBucket>> connectionBuckets(const SampleFilter &filter, qint64 bucketMs) = 0;
    virtual StorageResult<QList<ActivityBucket>> activityBuckets(const SampleFilter &filter, qint64 bucketMs) = 0;
    // Each distinct (session, peer, connection type) of the selected connection samples, in no particular order.
    virtual StorageResult<QList<SessionPeer>> sessionPeers(const SampleFilter &filter) = 0;

    // One entry per group with a connection or streaming sample, in no particular order.
    virtual StorageResult<QList<GroupTotals>> groupTotals(const SampleFilter &filter, SampleGroup group) = 0;
    // The latency, jitter and packet loss of the selected connection samples, in fixed bins.
    virtual StorageResult<ConnectionDistributions> connectionDistributions(const SampleFilter &filter) = 0;
    // The E-model MOS of the selected connection samples.
    virtual StorageResult<MosDistribution> mosDistribution(const SampleFilter &filter) = 0;
    // Counts, sums, extremes and histograms of the selected connection and streaming samples, in one
    // reading: what connectionTotals(), streamingTotals(), connectionBreakdown(), mosDistribution() and
    // connectionDistributions() add up, without their distinct counts.
    virtual StorageResult<RollupBucket> sampleSums(const SampleFilter &filter) = 0;
    // When the newest sample of any kind was recorded; nothing before the first.
    virtual StorageResult<std::optional<QDateTime>> latestSampleTime() = 0;

    // At most `limit` raw samples of one kind (all of them for a negative limit), oldest first (ties by
    // id), only those after `after` when given: exports read any number of samples page by page.
    virtual StorageResult<QList<StoredSample>> samplePage(
        MetricKind kind, const SampleFilter &filter, const std::optional<SampleCursor> &after, qsizetype limit)
        = 0;
    // Retention. Deletes at most `limit` raw samples (of each kind) recorded before `before`, oldest
    // first, in one short transaction; returns how many went.
    virtual StorageResult<qint64> deleteSamplesBefore(const QDateTime &before, qsizetype limit) = 0;
    // Deletes at most `limit` rollup and presence rows (of each table) of buckets that ended before
    // `before`, and the sessions last updated before it; returns how many rows went.
    virtual StorageResult<qint64> deleteRollupsBefore(const QDateTime &before, qsizetype limit) = 0;
    // Gives a little of the space deleted rows left back to the file system, where the store can.
    virtual std::optional<StorageError> reclaimSpace() = 0;

    // Between beginSnapshot() and endSnapshot() every call sees the store as it was at the first of
    // them, so that the figures of one answer agree with each other, and the store may reuse what it
    // read before within it (the raw rows at a window's ends). Snapshots do not nest; ReadSnapshot
    // pairs the calls.
    virtual std::optional<StorageError> beginSnapshot() = 0;
    virtual void endSnapshot() = 0;

    // Every raw sample of one kind, oldest first (ties by id).
    StorageResult<QList<StoredSample>> samples(MetricKind kind, const SampleFilter &filter)
    {
        return samplePage(kind, filter, std::nullopt, -1);
    }
};

/** A snapshot of a repository for the lifetime of the object (AnalyticsRepository::beginSnapshot()). */
class ReadSnapshot
{
public:
    explicit ReadSnapshot(AnalyticsRepository &repository)
        : m_repository(repository)
        , m_failure(repository.beginSnapshot())
    { }
    ~ReadSnapshot()
    {
        if (!m_failure)
            m_repository.endSnapshot();
    }
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

    // Why there is no snapshot (the store does not answer): the reads would fail for the same reason.
    const std::optional<StorageError> &failure() const { return m_failure; }

private:
    AnalyticsRepository &m_repository;
    std::optional<StorageError> m_failure;
};
