#pragma once

#include "alertstore.h"
#include "analyticsrepository.h"
#include "resultrow.h"
#include "rollupstaging.h"
#include "sqldialect.h"
#include "sqlrow.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSqlDatabase>
#include <QVariantList>

#include <functional>
#include <map>
#include <memory>

class QSqlQuery;
class SqliteBulkInsert;

/**
 * The repository over QtSql, for SQLite and PostgreSQL alike; SqlDialect holds their differences.
 *
 * It owns one named connection, opened and migrated by RepositoryFactory, and like that connection
 * it belongs to the thread that created it. A connection the server dropped is reopened on the next
 * call; until then calls fail with StorageError::Kind::Unavailable.
 */
class SqlRepository final : public AnalyticsRepository, public AlertStore
{
public:
    SqlRepository(const QString &connectionName, SqlDialect dialect);
    ~SqlRepository() override;

    // Opens the connection if it is not open (the first time, or after the server dropped it).
    std::optional<StorageError> connect();
    void refreshStatisticsWhenStale();
    // Computes the rollups of samples stored before the rollups existed, once per database (whichever
    // process opens it first after the migration that added them).
    std::optional<StorageError> backfillRollups();

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
    StorageResult<QList<StoredSample>> samplePage(MetricKind kind, const SampleFilter &filter,
        const std::optional<SampleCursor> &after, qsizetype limit) override;
    StorageResult<qint64> deleteSamplesBefore(const QDateTime &before, qsizetype limit) override;
    StorageResult<qint64> deleteRollupsBefore(const QDateTime &before, qsizetype limit) override;
    std::optional<StorageError> reclaimSpace() override;
    std::optional<StorageError> beginSnapshot() override;
    void endSnapshot() override;

    StorageResult<QList<Alert>> alerts(AlertSelection selection, qsizetype limit) override;
    StorageResult<QList<Alert>> alertsDuring(const TimeWindow &window) override;
    StorageResult<Alert> raise(const Alert &alert) override;
    std::optional<StorageError> update(const Alert &alert) override;
    std::optional<StorageError> resolve(const QString &id, const QDateTime &at) override;
    StorageResult<std::optional<Alert>> acknowledge(
        const QString &id, const QString &by, const QString &note, const QDateTime &at) override;

private:
    struct Condition
    {
        QString sql; // a boolean expression, "1 = 1" when nothing is filtered
        QVariantList values;
    };
    struct Statements;

    // The figures computed from raw rows alone. The public calls answer the fleet's figures (no user or
    // session filter) from the rollups instead, and read raw rows only at the window's ends.
    StorageResult<ConnectionTotals> rawConnectionTotals(const SampleFilter &filter);
    StorageResult<StreamingTotals> rawStreamingTotals(const SampleFilter &filter);
    StorageResult<ConnectionBreakdown> rawConnectionBreakdown(const SampleFilter &filter);
    StorageResult<qint64> rawDistinctUsers(const SampleFilter &filter);
    StorageResult<qint64> rawPeakConcurrentUsers(const SampleFilter &filter);
    StorageResult<QList<ConnectionBucket>> rawConnectionBuckets(const SampleFilter &filter, qint64 bucketMs);
    StorageResult<QList<ActivityBucket>> rawActivityBuckets(const SampleFilter &filter, qint64 bucketMs);
    StorageResult<QList<GroupTotals>> rawGroupTotals(const SampleFilter &filter, SampleGroup group);
    StorageResult<ConnectionDistributions> rawConnectionDistributions(const SampleFilter &filter);
    // The MOS of a user's or a session's samples, from the session rollups.
    StorageResult<MosDistribution> sessionMosDistribution(const SampleFilter &filter);

    // The fleet's connection and streaming samples in the plan's window, added up per `groupMs` (0: all
    // in one): the rollups of its whole minutes, and its raw ends added up as the writer adds up a bucket.
    StorageResult<std::map<qint64, RollupBucket>> fleetSums(const RollupPlan &plan, qint64 groupMs);
    StorageResult<RollupBucket> fleetSums(const RollupPlan &plan);
    // What the sums read of a raw connection or streaming sample; its other fields stay empty.
    struct SummedSample
    {
        QString analyticsId;
        qint64 recordedAtMs = 0;
        // The columns the sums and presence read; an empty NetworkMetrics for a network sample at the ends.
        Metrics metrics;
    };
    // The fleet's raw samples at each of the plan's ends (kept for the snapshot, if any): connection and
    // streaming samples, and network samples, which tell only whose session was seen.
    StorageResult<QList<QList<SummedSample>>> rawEnds(const RollupPlan &plan);
    // The raw samples of a window: connection and streaming samples, and network samples by session.
    StorageResult<QList<SummedSample>> readSamples(const TimeWindow &window);
    // Those of a raw end, from the minute cache where it holds them (see readEnd()).
    StorageResult<QList<SummedSample>> readEnd(const TimeWindow &part);
    // Per sample table, the count and rowid sum of a minute's rows.
    StorageResult<QList<qint64>> minuteFingerprint(qint64 start);
    // The samples of a raw end the snapshot has read in full, if it has.
    const QList<SummedSample> *keptEnd(const TimeWindow &part) const;
    static std::pair<qint64, qint64> endKey(const TimeWindow &part);
    // The raw connection and streaming samples meeting `condition`, added up.
    StorageResult<RollupBucket> rawSums(const Condition &condition);
    // Calls `visit` with each raw connection and streaming sample meeting `condition`.
    std::optional<StorageError> forEachSummedSample(
        const Condition &condition, const std::function<void(const SummedSample &)> &visit);
    // An entity p2p_presence records: (session_key, entity_key).
    using SeenEntity = std::pair<QString, QString>;
    // The entities of a kind with a sample in the plan's window (presence rows, and raw rows at its
    // ends); the filter's user or session restricts session-scoped kinds.
    StorageResult<QSet<SeenEntity>> seenEntities(const RollupPlan &plan, PresenceKind kind, const SampleFilter &filter);
    // Distinct entities of a kind over the fleet.
    StorageResult<qint64> distinctCount(const RollupPlan &plan, PresenceKind kind);
    struct SessionIdentity
    {
        QString sessionId;
        QString userId;
    };
    // The session and user ids of aggregates, by aggregate id (kept for the snapshot, if any).
    StorageResult<QHash<QString, SessionIdentity>> identitiesOf(const QSet<QString> &analyticsIds);
    // Those of the sessions of raw ends' samples.
    StorageResult<QHash<QString, SessionIdentity>> identitiesAt(const QList<QList<SummedSample>> &ends);
    // What the samples a filter selects add up to per session, by aggregate id.
    StorageResult<QHash<QString, SessionRollup>> sessionSums(const RollupPlan &plan, const SampleFilter &filter);
    // Distinct entities of a session-scoped kind, by aggregate id.
    StorageResult<QHash<QString, qint64>> distinctPerSession(
        const RollupPlan &plan, PresenceKind kind, const SampleFilter &filter);
    // Raw ends as one SQL condition, restricted as the filter says.
    Condition rawPartsCondition(const QList<TimeWindow> &rawParts, const SampleFilter &filter) const;
    // The filter's user or session as a condition on a column that holds aggregate ids.
    Condition sessionScope(const SampleFilter &filter, const QString &column) const;

    // The filter as SQL; `startingAt` (inclusive) narrows the window's start.
    Condition conditionFor(const SampleFilter &filter, const QString &timeColumn = QStringLiteral("created_at"),
        const std::optional<QDateTime> &startingAt = std::nullopt) const;
    QString unionOfSamples(const Condition &condition, const QString &columns, QVariantList &values) const;
    QString unionOfSamples(
        const Condition &condition, const std::function<QString(MetricKind)> &columnsOf, QVariantList &values) const;
    QString bucketedSamples(const Condition &condition, qint64 bucketMs, QVariantList &values) const;
    StorageError errorOf(const QSqlQuery &query, const QString &what);
    // Alerts meeting the SQL condition (its `?` bound to `values` in order), newest first.
    StorageResult<QList<Alert>> readAlerts(
        const QString &condition, QVariantList values, std::optional<qsizetype> limit);
    // Connects, then runs `sql` (forward only) with its %1 replaced by the filter's condition.
    std::optional<StorageError> selectWhere(
        QSqlQuery &query, const QString &sql, const SampleFilter &filter, const QString &what);
    // Runs a SELECT and calls `visit` with each row; through the sqlite3 API on SQLite (sqliteSelect()).
    std::optional<StorageError> selectRows(const QString &sql, const QVariantList &values, const QString &what,
        const std::function<void(const ResultRow &)> &visit);
    // Prepares a statement, binds values in order and runs it.
    std::optional<StorageError> run(
        QSqlQuery &query, const QString &sql, const QVariantList &values, const QString &what);

    StorageResult<QList<StoredRecord>> storeOnce(const QList<MetricRecord> &records);
    std::optional<StorageError> storeRecords(const QList<MetricRecord> &records, QList<StoredRecord> &stored);
    // The values of a record's row, in the order of its table's insert columns.
    static SqlRow rowOf(const MetricRecord &record, const StoredRecord &ids);
    std::optional<StorageError> insertRows(MetricKind kind, const QList<SqlRow> &rows);
    // Where writeRows() writes: a table, its columns in the rows' order, what to do with rows that exist.
    struct RowTarget
    {
        QString table;
        QString columns;
        QString onConflict;
        QString failure;
    };
    // Writes rows in bulk through the statements given (the one the dialect uses is prepared on first use).
    std::optional<StorageError> writeRows(const RowTarget &target, const QList<SqlRow> &rows,
        SqliteBulkInsert &sqliteStatement, QSqlQuery &chunkStatement);
    // The rollups and presence rows of the records staged in m_rollups.
    std::optional<StorageError> writeRollups();
    QVariant toVariant(const SqlValue &value) const;

    // Rows per multi-row INSERT: 256 rows of at most 16 columns stay far below PostgreSQL's 65535 parameters.
    static constexpr qsizetype MultiRowChunk = 256;
    static SessionRow sessionFrom(const ResultRow &row, int firstColumn);
    static StoredSample sampleFrom(MetricKind kind, const ResultRow &row);
    Alert alertFrom(const QSqlQuery &query) const;

    QString m_connectionName;
    SqlDialect m_dialect;
    QSqlDatabase m_database;
    std::unique_ptr<Statements> m_statements;
    // The data's shape changes as it grows; a minute-old picture of it is close enough.
    static constexpr qint64 StatisticsLifetimeMs = 60'000;
    QElapsedTimer m_statisticsAge;
    // This repository writes rollup rows of its own, under this id (see RollupStaging).
    QString m_nodeId;
    RollupStaging m_rollups;
    // Within a snapshot: the raw samples read so far at windows' ends, by window (epoch ms from, to).
    bool m_inSnapshot = false;
    QHash<std::pair<qint64, qint64>, QList<SummedSample>> m_snapshotEnds;
    QHash<QString, SessionIdentity> m_snapshotIdentities;
    // The raw samples of the minutes whose parts the last answers read, newest use first: the start of
    // a window of whole hours lies in the same minute answer after answer (SQLite only, see readEnd()).
    struct CachedMinute
    {
        qint64 start = 0;
        QList<qint64> fingerprint;
        QList<SummedSample> samples;
    };
    // An answer reads the ends of up to two windows (the dashboard's current and previous ones, meeting
    // in one minute; realtime's day and last five minutes): three or four minutes.
    static constexpr qsizetype CachedMinutes = 4;
    QList<CachedMinute> m_cachedMinutes;
};
