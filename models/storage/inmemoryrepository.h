#pragma once

#include "alertstore.h"
#include "analyticsrepository.h"

#include <memory>

struct InMemoryData;

/**
 * A repository that keeps everything in process memory, for development (`memory:`) and as the
 * reference the SQL repository is compared against. Instances made from the same data share it,
 * so that every thread can hold its own repository like it holds its own SQL connection.
 */
class InMemoryRepository final : public AnalyticsRepository, public AlertStore
{
public:
    InMemoryRepository();
    // A repository over data that other repositories may share.
    explicit InMemoryRepository(std::shared_ptr<InMemoryData> data);
    ~InMemoryRepository() override;

    static std::shared_ptr<InMemoryData> createData();

    StorageResult<QList<StoredRecord>> store(const QList<MetricRecord> &records) override;
    std::optional<StorageError> checkHealth() override;
    StorageResult<std::optional<SessionRow>> findSession(const QString &sessionId) override;
    StorageResult<QList<SessionSummary>> sessionSummaries(const SampleFilter &filter) override;
    StorageResult<QList<SessionScore>> sessionScores(const SampleFilter &filter) override;
    StorageResult<ConnectionTotals> connectionTotals(const SampleFilter &filter) override;
    StorageResult<StreamingTotals> streamingTotals(const SampleFilter &filter) override;
    StorageResult<SystemTotals> systemTotals(const SampleFilter &filter) override;
    StorageResult<quint64> transferredBytes(const SampleFilter &filter) override;
    StorageResult<ConnectionBreakdown> connectionBreakdown(const SampleFilter &filter) override;
    StorageResult<qint64> distinctUsers(const SampleFilter &filter) override;
    StorageResult<qint64> distinctStreams(const SampleFilter &filter) override;
    StorageResult<qint64> distinctConnections(const SampleFilter &filter) override;
    StorageResult<qint64> distinctPeers(const SampleFilter &filter) override;
    StorageResult<qint64> openStreams(const SampleFilter &filter) override;
    StorageResult<qint64> peakConcurrentUsers(const SampleFilter &filter) override;
    StorageResult<QList<ConnectionBucket>> connectionBuckets(const SampleFilter &filter, qint64 bucketMs) override;
    StorageResult<QList<ActivityBucket>> activityBuckets(const SampleFilter &filter, qint64 bucketMs) override;
    StorageResult<QList<SessionPeer>> sessionPeers(const SampleFilter &filter) override;
    StorageResult<QList<GroupTotals>> groupTotals(const SampleFilter &filter, SampleGroup group) override;
    StorageResult<std::optional<QDateTime>> latestSampleTime() override;
    StorageResult<MosDistribution> mosDistribution(const SampleFilter &filter) override;
    StorageResult<ConnectionDistributions> connectionDistributions(const SampleFilter &filter) override;
    StorageResult<RollupBucket> sampleSums(const SampleFilter &filter) override;
    // Each call reads under the data's lock: changes between two calls of a snapshot are seen.
    std::optional<StorageError> beginSnapshot() override { return std::nullopt; }
    void endSnapshot() override { }
    StorageResult<QList<StoredSample>> samplePage(MetricKind kind, const SampleFilter &filter,
        const std::optional<SampleCursor> &after, qsizetype limit) override;
    StorageResult<qint64> deleteSamplesBefore(const QDateTime &before, qsizetype limit) override;
    StorageResult<qint64> deleteRollupsBefore(const QDateTime &before, qsizetype limit) override;
    std::optional<StorageError> reclaimSpace() override;

    StorageResult<QList<Alert>> alerts(AlertSelection selection, qsizetype limit) override;
    StorageResult<QList<Alert>> alertsDuring(const TimeWindow &window) override;
    StorageResult<Alert> raise(const Alert &alert) override;
    std::optional<StorageError> update(const Alert &alert) override;
    std::optional<StorageError> resolve(const QString &id, const QDateTime &at) override;
    StorageResult<std::optional<Alert>> acknowledge(
        const QString &id, const QString &by, const QString &note, const QDateTime &at) override;

private:
    std::shared_ptr<InMemoryData> m_data;
};
