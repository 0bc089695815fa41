#pragma once

#include "alertstore.h"
#include "analyticsrepository.h"
#include "sqldialect.h"
#include "sqlrow.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QVariantList>

#include <functional>
#include <memory>

class QSqlQuery;

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

    StorageResult<QList<StoredRecord>> store(const QList<MetricRecord> &records) override;
    std::optional<StorageError> checkHealth() override;
    StorageResult<std::optional<SessionRow>> findSession(const QString &sessionId) override;
    StorageResult<QList<SessionSummary>> sessionSummaries(const SampleFilter &filter) override;
    StorageResult<ConnectionTotals> connectionTotals(const SampleFilter &filter) override;
    StorageResult<StreamingTotals> streamingTotals(const SampleFilter &filter) override;
    StorageResult<SystemTotals> systemTotals(const SampleFilter &filter) override;
    StorageResult<quint64> transferredBytes(const SampleFilter &filter) override;
    StorageResult<ConnectionBreakdown> connectionBreakdown(const SampleFilter &filter) override;
    StorageResult<qint64> distinctUsers(const SampleFilter &filter) override;
    StorageResult<qint64> peakConcurrentUsers(const SampleFilter &filter) override;
    StorageResult<QList<ConnectionBucket>> connectionBuckets(const SampleFilter &filter, qint64 bucketMs) override;
    StorageResult<QList<ActivityBucket>> activityBuckets(const SampleFilter &filter, qint64 bucketMs) override;
    StorageResult<QList<SessionPeer>> sessionPeers(const SampleFilter &filter) override;
    StorageResult<QList<GroupTotals>> groupTotals(const SampleFilter &filter, SampleGroup group) override;
    StorageResult<std::optional<QDateTime>> latestSampleTime() override;
    StorageResult<MosDistribution> mosDistribution(const SampleFilter &filter) override;
    StorageResult<QList<StoredSample>> samplePage(MetricKind kind, const SampleFilter &filter,
        const std::optional<SampleCursor> &after, qsizetype limit) override;

    StorageResult<QList<Alert>> alerts(AlertSelection selection, qsizetype limit) override;
    StorageResult<QList<Alert>> alertsDuring(const TimeWindow &window) override;
    StorageResult<Alert> raise(const Alert &alert) override;
    std::optional<StorageError> update(const Alert &alert) override;
    std::optional<StorageError> resolve(const QString &id, const QDateTime &at) override;
    StorageResult<std::optional<Alert>> acknowledge(
        const QString &id, const QString &by, const QString &note, const QDateTime &at) override;

private:
    struct Condition;
    struct Statements;

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
    // Prepares a statement, binds values in order and runs it.
    std::optional<StorageError> run(
        QSqlQuery &query, const QString &sql, const QVariantList &values, const QString &what);

    StorageResult<QList<StoredRecord>> storeOnce(const QList<MetricRecord> &records);
    std::optional<StorageError> storeRecords(const QList<MetricRecord> &records, QList<StoredRecord> &stored);
    // The values of a record's row, in the order of its table's insert columns.
    static SqlRow rowOf(const MetricRecord &record, const StoredRecord &ids);
    std::optional<StorageError> insertRows(MetricKind kind, const QList<SqlRow> &rows);
    QVariant toVariant(const SqlValue &value) const;

    // Rows per multi-row INSERT: 256 rows of at most 16 columns stay far below PostgreSQL's 65535 parameters.
    static constexpr qsizetype MultiRowChunk = 256;
    SessionRow sessionFrom(const QSqlQuery &query, int firstColumn) const;
    StoredSample sampleFrom(MetricKind kind, const QSqlQuery &query) const;
    Alert alertFrom(const QSqlQuery &query) const;

    QString m_connectionName;
    SqlDialect m_dialect;
    QSqlDatabase m_database;
    std::unique_ptr<Statements> m_statements;
    // The data's shape changes as it grows; a minute-old picture of it is close enough.
    static constexpr qint64 StatisticsLifetimeMs = 60'000;
    QElapsedTimer m_statisticsAge;
};
