#include "sqlrepository.h"

#include "domain/emodel.h"
#include "domain/metricscodec.h"
#include "domain/qualityscale.h"
#include "logging.h"
#include "queryrow.h"
#include "sortableid.h"
#include "sqlitebulkinsert.h"
#include "sqljson.h"
#include "sqlrollups.h"
#include "utf8keys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <cstring>
#include <map>

namespace {

// Column lists, in the order values are bound on insert and read on select.
const QString s_connectionColumns = QStringLiteral(
    "id, analytics_id, session_id, user_id, connection_id, peer_id, connection_type, latency_ms, bandwidth_mbps, "
    "packet_loss_percent, jitter_ms, connection_quality, ice_connection_state, dtls_transport_state, created_at");
const QString s_streamingColumns = QStringLiteral(
    "id, analytics_id, session_id, user_id, stream_id, content_id, quality_level, bitrate_kbps, frame_rate, "
    "resolution_width, resolution_height, buffer_level_seconds, dropped_frames, total_frames, adaptive_switches, "
    "start_time, end_time, duration_seconds, created_at");
const QString s_networkColumns = QStringLiteral(
    "id, analytics_id, session_id, user_id, peer_id, total_data_sent_bytes, total_data_received_bytes, "
    "active_connections, max_connections, connection_errors, successful_transfers, failed_transfers, "
    "average_transfer_speed_mbps, created_at");
const QString s_systemColumns = QStringLiteral(
    "id, analytics_id, session_id, node_id, cpu_usage_percent, memory_usage_mb, network_throughput_mbps, "
    "active_streams, total_peers, average_latency_ms, error_rate_percent, transcoding_jobs_active, "
    "transcoding_jobs_completed, transcoding_jobs_failed, created_at");
const QString s_aggregateColumns
    = QStringLiteral("id, session_id, user_id, network_metrics, system_metrics, created_at, updated_at");

QString tableOf(MetricKind kind)
{
    switch (kind) {
    case MetricKind::Connection:
        return QStringLiteral("p2p_connection_metrics");
    case MetricKind::Streaming:
        return QStringLiteral("p2p_streaming_metrics");
    case MetricKind::Network:
        return QStringLiteral("p2p_network_metrics");
    case MetricKind::System:
        return QStringLiteral("p2p_system_metrics");
    }
    Q_UNREACHABLE();
}

QString columnsOf(MetricKind kind)
{
    switch (kind) {
    case MetricKind::Connection:
        return s_connectionColumns;
    case MetricKind::Streaming:
        return s_streamingColumns;
    case MetricKind::Network:
        return s_networkColumns;
    case MetricKind::System:
        return s_systemColumns;
    }
    Q_UNREACHABLE();
}

// The seed's connection table also has an updated_at, which readers have no use for.
QString insertColumnsOf(MetricKind kind)
{
    return kind == MetricKind::Connection ? s_connectionColumns + u", updated_at" : columnsOf(kind);
}

// INSERT of `rows` rows of `?` parameters, followed by `onConflict` (if any).
QString insertInto(const QString &table, const QString &columns, qsizetype rows, const QString &onConflict)
{
    const qsizetype width = columns.count(u',') + 1;
    const QString row = u'(' + QStringList(width, QStringLiteral("?")).join(u", ") + u')';
    QString sql = u"INSERT INTO " + table + u" (" + columns + u") VALUES " + QStringList(rows, row).join(u", ");
    return onConflict.isEmpty() ? sql : sql + u' ' + onConflict;
}

// SQL for QualityScale::score of an enum column, generated from the same table the C++ side uses.
template<typename Enum> QString scoreExpression(const QString &column)
{
    QString sql = u"CASE " + column;
    const QStringList spellings = enumSpellings<Enum>();
    for (const QString &spelling : spellings)
        sql += QStringLiteral(" WHEN '%1' THEN %2")
                   .arg(spelling)
                   .arg(QualityScale::score(*enumFromString<Enum>(spelling)));
    return sql + u" ELSE 0 END";
}

// ConnectionMetrics::isSuccessful() in SQL; the repository contract test keeps the two in step.
const QString s_successExpression = QStringLiteral(
    "CASE WHEN ice_connection_state IN ('connected', 'completed') AND dtls_transport_state = 'connected' "
    "THEN 1 ELSE 0 END");

// A number as SQL text that never reads as an integer (so that no division truncates).
QString sqlNumber(double value)
{
    return QString::number(value, 'f', 9);
}

// EModel::rFactor of a connection row, as SQL.
QString rFactorExpression(const SqlDialect &dialect)
{
    using namespace EModel;
    const QString delay
        = QStringLiteral("(latency_ms + %1 * jitter_ms + %2)").arg(sqlNumber(JitterWeight), sqlNumber(FixedDelayMs));
    const QString r = QStringLiteral("(%1 - CASE WHEN %2 < %3 THEN %2 / %4 ELSE (%2 - %5) / %6 END - %7 * "
                                     "packet_loss_percent)")
                          .arg(sqlNumber(DefaultR), delay, sqlNumber(DelayKneeMs), sqlNumber(DelayDivisorBelowKnee),
                              sqlNumber(DelayOffsetAboveKnee), sqlNumber(DelayDivisorAboveKnee), sqlNumber(LossWeight));
    return dialect.clamp(r, QStringLiteral("0.0"), QStringLiteral("100.0"));
}

// EModel::mosFromR of a column `r`, as SQL.
QString mosExpression(const SqlDialect &dialect)
{
    using namespace EModel;
    const QString mos
        = QStringLiteral("(1 + %1 * r + %2 * r * (r - 60) * (100 - r))").arg(sqlNumber(MosLinear), sqlNumber(MosCubic));
    return dialect.clamp(mos, sqlNumber(LowestMos), sqlNumber(HighestMos));
}

QString bufferingExpression()
{
    return QStringLiteral("CASE WHEN buffer_level_seconds < %1 THEN 1 ELSE 0 END")
        .arg(double(StreamingTotals::BufferingThresholdSeconds));
}

SqlValue nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? SqlValue() : SqlValue(text);
}
SqlValue nullIfAbsent(const std::optional<quint32> &value)
{
    return value ? SqlValue(qint64(*value)) : SqlValue();
}
SqlValue orNull(const std::optional<QDateTime> &time)
{
    return time ? SqlValue(*time) : SqlValue();
}
std::optional<quint32> optionalU32(const ResultRow &row, int column)
{
    return row.isNull(column) ? std::nullopt : std::optional<quint32>(quint32(row.integer(column)));
}

} // namespace

// Statements of the write path, prepared once per connection.
struct SqlRepository::Statements
{
    explicit Statements(const QSqlDatabase &db)
        : upsertAggregate(db)
        , findAggregate(db)
        , touchAggregate(db)
        , setNetworkReport(db)
        , setSystemReport(db)
        , insertChunk { QSqlQuery(db), QSqlQuery(db), QSqlQuery(db), QSqlQuery(db) }
        , rollupChunk(db)
        , sessionRollupChunk(db)
        , presenceChunk(db)
        , readRollup(db)
        , readSessionRollup(db)
    { }
    QSqlQuery upsertAggregate;
    QSqlQuery findAggregate;
    QSqlQuery touchAggregate;
    QSqlQuery setNetworkReport;
    QSqlQuery setSystemReport;
    std::array<QSqlQuery, 4> insertChunk; // by MetricKind: MultiRowChunk rows at once
    std::array<SqliteBulkInsert, 4> sqliteInsert; // by MetricKind
    QSqlQuery rollupChunk;
    SqliteBulkInsert sqliteRollup;
    QSqlQuery sessionRollupChunk;
    SqliteBulkInsert sqliteSessionRollup;
    QSqlQuery presenceChunk;
    SqliteBulkInsert sqlitePresence;
    QSqlQuery readRollup;
    QSqlQuery readSessionRollup;
};

SqlRepository::SqlRepository(const QString &connectionName, SqlDialect dialect)
    : m_connectionName(connectionName)
    , m_dialect(dialect)
    , m_database(QSqlDatabase::database(connectionName, false))
    , m_nodeId(newSortableId(QDateTime::currentDateTimeUtc()))
{ }

SqlRepository::~SqlRepository()
{
    m_statements.reset(); // finalizes statements while their connection is still open
    m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::optional<StorageError> SqlRepository::connect()
{
    if (m_database.isOpen()) {
        // ANALYZE writes: not inside a snapshot's read transaction.
        if (!m_inSnapshot)
            refreshStatisticsWhenStale();
        return std::nullopt;
    }
    // Qt does not reconnect by itself: a dropped connection stays closed until opened again.
    m_statements.reset();
    m_database.close();
    if (!m_database.open())
        return StorageError { StorageError::Kind::Unavailable, m_database.lastError().text() };
    QSqlQuery query(m_database);
    const QStringList setup = m_dialect.connectionSetup();
    for (const QString &statement : setup) {
        if (!query.exec(statement))
            return errorOf(query, QStringLiteral("Could not set up the connection"));
    }
    qCDebug(lcStorage) << "Connected to the database as" << m_connectionName;
    m_statisticsAge.invalidate();
    refreshStatisticsWhenStale();
    return std::nullopt;
}

void SqlRepository::refreshStatisticsWhenStale()
{
    const QString sql = m_dialect.refreshStatistics();
    if (sql.isEmpty() || (m_statisticsAge.isValid() && !m_statisticsAge.hasExpired(StatisticsLifetimeMs)))
        return;
    m_statisticsAge.start();
    // Stale statistics only cost speed: a failure (the writer holding its lock past the busy timeout)
    // is logged and tried again later.
    QSqlQuery query(m_database);
    if (!query.exec(sql))
        qCWarning(lcStorage) << "Could not refresh the planner's statistics:" << query.lastError().text();
}

StorageError SqlRepository::errorOf(const QSqlQuery &query, const QString &what)
{
    const QSqlError error = query.lastError();
    const bool lost = !m_database.isOpen() || error.type() == QSqlError::ConnectionError;
    qCWarning(lcStorage) << what << error.text();
    return { lost ? StorageError::Kind::Unavailable : StorageError::Kind::Failed, what + u": " + error.text() };
}

std::optional<StorageError> SqlRepository::run(
    QSqlQuery &query, const QString &sql, const QVariantList &values, const QString &what)
{
    if (!sql.isEmpty() && !query.prepare(sql))
        return errorOf(query, what);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec())
        return errorOf(query, what);
    return std::nullopt;
}

std::optional<StorageError> SqlRepository::selectWhere(
    QSqlQuery &query, const QString &sql, const SampleFilter &filter, const QString &what)
{
    if (auto error = connect())
        return error;
    const Condition c = conditionFor(filter);
    query = QSqlQuery(m_database);
    query.setForwardOnly(true);
    return run(query, sql.arg(c.sql), c.values, what);
}

SqlRepository::Condition SqlRepository::conditionFor(
    const SampleFilter &filter, const QString &timeColumn, const std::optional<QDateTime> &startingAt) const
{
    QStringList parts;
    Condition condition;
    // One lower bound only: given two, the planner may seek the time index by the looser one.
    if (startingAt && (!filter.window || *startingAt > filter.window->from)) {
        parts << timeColumn + u" >= ?";
        condition.values << m_dialect.timeValue(*startingAt);
    } else if (filter.window) {
        parts << timeColumn + u" > ?";
        condition.values << m_dialect.timeValue(filter.window->from);
    }
    if (filter.window) {
        parts << timeColumn + u" <= ?";
        condition.values << m_dialect.timeValue(filter.window->to);
    }
    if (!filter.userId.isEmpty() || !filter.sessionId.isEmpty()) {
        const Condition sessions = sessionScope(filter, QStringLiteral("analytics_id"));
        parts << sessions.sql;
        condition.values += sessions.values;
    }
    condition.sql = parts.isEmpty() ? QStringLiteral("1 = 1") : parts.join(u" AND ");
    return condition;
}

SqlRepository::Condition SqlRepository::sessionScope(const SampleFilter &filter, const QString &column) const
{
    QStringList parts;
    Condition condition;
    if (!filter.userId.isEmpty()) {
        parts << QStringLiteral("user_id = ?");
        condition.values << filter.userId;
    }
    if (!filter.sessionId.isEmpty()) {
        parts << QStringLiteral("session_id = ?");
        condition.values << filter.sessionId;
    }
    condition.sql = parts.isEmpty()
        ? QStringLiteral("1 = 1")
        : column + u" IN (SELECT id FROM p2p_analytics_aggregates WHERE " + parts.join(u" AND ") + u')';
    return condition;
}

StorageResult<QList<StoredRecord>> SqlRepository::store(const QList<MetricRecord> &records)
{
    StorageResult<QList<StoredRecord>> stored = storeOnce(records);
    // A connection the server dropped fails the transaction, which then stored nothing: reconnect and
    // try once more, so that a database restart costs an ingestion request nothing.
    if (!stored.ok() && stored.error().kind == StorageError::Kind::Unavailable && !m_database.isOpen())
        stored = storeOnce(records);
    return stored;
}

StorageResult<QList<StoredRecord>> SqlRepository::storeOnce(const QList<MetricRecord> &records)
{
    if (auto error = connect())
        return *error;
    QSqlQuery transaction(m_database);
    if (!transaction.exec(m_dialect.beginWrite()))
        return errorOf(transaction, QStringLiteral("Could not start a transaction"));
    QList<StoredRecord> stored;
    if (auto error = storeRecords(records, stored)) {
        m_rollups.discard();
        QSqlQuery(m_database).exec(QStringLiteral("ROLLBACK"));
        return *error;
    }
    if (!transaction.exec(QStringLiteral("COMMIT"))) {
        m_rollups.discard();
        const StorageError error = errorOf(transaction, QStringLiteral("Could not commit"));
        QSqlQuery(m_database).exec(QStringLiteral("ROLLBACK"));
        return error;
    }
    m_rollups.commit();
    return stored;
}

std::optional<StorageError> SqlRepository::storeRecords(const QList<MetricRecord> &records, QList<StoredRecord> &stored)
{
    if (!m_statements)
        m_statements = std::make_unique<Statements>(m_database);
    Statements &st = *m_statements;

    // One upsert per session of the batch: created with its first record, updated_at its latest.
    struct SessionTouch
    {
        QString userId;
        QDateTime first;
        QDateTime latest;
        bool createsAggregate = false;
    };
    std::map<QString, SessionTouch> touches;
    for (const MetricRecord &record : records) {
        const QString sessionId = sessionIdOf(record.metrics);
        if (sessionId.isEmpty())
            continue;
        const bool creates = kindOf(record.metrics) != MetricKind::System;
        auto [it, inserted] = touches.try_emplace(sessionId);
        SessionTouch &touch = it->second;
        if (inserted || (creates && !touch.createsAggregate)) {
            // A system report cannot create a session; the first record that can sets user and created_at.
            if (creates && !touch.createsAggregate) {
                touch.userId = userIdOf(record.metrics);
                touch.first = record.recordedAt;
            }
            touch.createsAggregate = touch.createsAggregate || creates;
        }
        touch.latest = touch.latest.isValid() ? std::max(touch.latest, record.recordedAt) : record.recordedAt;
    }

    QHash<QString, QString> aggregateIds;
    QHash<QString, QString> aggregateUsers; // the user each session's aggregate belongs to
    for (const auto &[sessionId, touch] : touches) {
        if (touch.createsAggregate) {
            static const QString upsert = QStringLiteral(
                "INSERT INTO p2p_analytics_aggregates (%1) VALUES (?, ?, ?, '{}', '{}', ?, ?) "
                "ON CONFLICT (session_id) DO UPDATE SET updated_at = CASE "
                "WHEN excluded.updated_at > p2p_analytics_aggregates.updated_at THEN excluded.updated_at "
                "ELSE p2p_analytics_aggregates.updated_at END RETURNING id, user_id")
                                              .arg(s_aggregateColumns);
            if (auto error = run(st.upsertAggregate, st.upsertAggregate.lastQuery().isEmpty() ? upsert : QString(),
                    { newSortableId(touch.first), sessionId, touch.userId, m_dialect.timeValue(touch.first),
                        m_dialect.timeValue(touch.latest) },
                    QStringLiteral("Could not store the session aggregate")))
                return error;
            if (!st.upsertAggregate.next())
                return errorOf(st.upsertAggregate, QStringLiteral("Could not read the session aggregate id"));
            aggregateIds.insert(sessionId, st.upsertAggregate.value(0).toString());
            aggregateUsers.insert(sessionId, st.upsertAggregate.value(1).toString());
            st.upsertAggregate.finish();
        } else {
            // Only system reports for this session: they join an aggregate if one exists.
            if (auto error = run(st.findAggregate,
                    st.findAggregate.lastQuery().isEmpty()
                        ? QStringLiteral("SELECT id FROM p2p_analytics_aggregates WHERE session_id = ?")
                        : QString(),
                    { sessionId }, QStringLiteral("Could not look up the session aggregate")))
                return error;
            if (st.findAggregate.next()) {
                const QString id = st.findAggregate.value(0).toString();
                st.findAggregate.finish();
                aggregateIds.insert(sessionId, id);
                if (auto error = run(st.touchAggregate,
                        st.touchAggregate.lastQuery().isEmpty()
                            ? QStringLiteral("UPDATE p2p_analytics_aggregates SET updated_at = ? "
                                             "WHERE id = ? AND updated_at < ?")
                            : QString(),
                        { m_dialect.timeValue(touch.latest), id, m_dialect.timeValue(touch.latest) },
                        QStringLiteral("Could not update the session aggregate")))
                    return error;
            }
            st.findAggregate.finish();
        }
    }

    // Rows by kind, in the order of their columns; the aggregate keeps each session's latest network
    // and system report (the batch's last one).
    std::array<QList<SqlRow>, 4> rows;
    QHash<QString, QJsonObject> networkReports;
    QHash<QString, QJsonObject> systemReports;
    stored.reserve(records.size());
    for (const MetricRecord &record : records) {
        const MetricKind kind = kindOf(record.metrics);
        const StoredRecord ids { newSortableId(record.recordedAt), aggregateIds.value(sessionIdOf(record.metrics)) };
        rows.at(std::size_t(kind)).append(rowOf(record, ids));
        if (kind == MetricKind::Network)
            networkReports.insert(ids.analyticsId, MetricsCodec::encodeSessionReport(record.metrics));
        else if (kind == MetricKind::System && !ids.analyticsId.isEmpty())
            systemReports.insert(ids.analyticsId, MetricsCodec::encodeSessionReport(record.metrics));
        if (kind != MetricKind::System)
            m_rollups.stage(record, ids.analyticsId, aggregateUsers.value(sessionIdOf(record.metrics)));
        stored.append(ids);
    }
    for (MetricKind kind : { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network, MetricKind::System }) {
        if (auto error = insertRows(kind, rows.at(std::size_t(kind))))
            return error;
    }
    if (auto error = writeRollups())
        return error;

    auto setReports = [&](QSqlQuery &query, const QString &column, const QHash<QString, QJsonObject> &reports) {
        for (auto it = reports.cbegin(); it != reports.cend(); ++it) {
            const QString sql = u"UPDATE p2p_analytics_aggregates SET " + column + u" = ? WHERE id = ?";
            if (auto error = run(query, query.lastQuery().isEmpty() ? sql : QString(),
                    { compactJson(it.value()), it.key() }, QStringLiteral("Could not update the session aggregate")))
                return error;
        }
        return std::optional<StorageError>();
    };
    if (auto error = setReports(st.setNetworkReport, QStringLiteral("network_metrics"), networkReports))
        return error;
    return setReports(st.setSystemReport, QStringLiteral("system_metrics"), systemReports);
}

SqlRow SqlRepository::rowOf(const MetricRecord &record, const StoredRecord &ids)
{
    const QDateTime &time = record.recordedAt;
    SqlRow values;
    values << ids.id << nullIfEmpty(ids.analyticsId);
    switch (kindOf(record.metrics)) {
    case MetricKind::Connection: {
        const auto &m = std::get<ConnectionMetrics>(record.metrics);
        values << m.sessionId << m.userId << m.connectionId << m.peerId << spelling(m.connectionType)
               << qint64(m.latencyMs) << m.bandwidthMbps << m.packetLossPercent << qint64(m.jitterMs)
               << spelling(m.connectionQuality) << m.iceConnectionState << m.dtlsTransportState << time
               << time; // updated_at: a sample is never updated
        break;
    }
    case MetricKind::Streaming: {
        const auto &m = std::get<StreamingMetrics>(record.metrics);
        values << m.sessionId << m.userId << m.streamId << m.contentId << spelling(m.qualityLevel)
               << qint64(m.bitrateKbps) << double(m.frameRate) << qint64(m.resolutionWidth)
               << qint64(m.resolutionHeight) << double(m.bufferLevelSeconds) << qint64(m.droppedFrames)
               << qint64(m.totalFrames) << qint64(m.adaptiveSwitches) << m.startTime << orNull(m.endTime)
               << m.durationSeconds << time;
        break;
    }
    case MetricKind::Network: {
        const auto &m = std::get<NetworkMetrics>(record.metrics);
        values << m.sessionId << m.userId << m.peerId << qint64(m.totalDataSentBytes)
               << qint64(m.totalDataReceivedBytes) << qint64(m.activeConnections) << qint64(m.maxConnections)
               << qint64(m.connectionErrors) << qint64(m.successfulTransfers) << qint64(m.failedTransfers)
               << m.averageTransferSpeedMbps << time;
        break;
    }
    case MetricKind::System: {
        const auto &m = std::get<SystemMetrics>(record.metrics);
        values << nullIfEmpty(m.sessionId) << nullIfEmpty(m.nodeId) << m.cpuUsagePercent << m.memoryUsageMb
               << m.networkThroughputMbps << qint64(m.activeStreams) << qint64(m.totalPeers) << m.averageLatencyMs
               << m.errorRatePercent << nullIfAbsent(m.transcodingJobsActive)
               << nullIfAbsent(m.transcodingJobsCompleted) << nullIfAbsent(m.transcodingJobsFailed) << time;
        break;
    }
    }
    return values;
}

std::optional<StorageError> SqlRepository::insertRows(MetricKind kind, const QList<SqlRow> &rows)
{
    static const std::array<QString, 4> failures { QStringLiteral("Could not store connection samples"),
        QStringLiteral("Could not store streaming samples"), QStringLiteral("Could not store network samples"),
        QStringLiteral("Could not store system samples") };
    return writeRows({ tableOf(kind), insertColumnsOf(kind), QString(), failures.at(std::size_t(kind)) }, rows,
        m_statements->sqliteInsert.at(std::size_t(kind)), m_statements->insertChunk.at(std::size_t(kind)));
}

std::optional<StorageError> SqlRepository::writeRows(
    const RowTarget &target, const QList<SqlRow> &rows, SqliteBulkInsert &sqliteStatement, QSqlQuery &chunkStatement)
{
    if (rows.isEmpty())
        return std::nullopt;
    const QString &what = target.failure;
    if (m_dialect.bulkInsert() == SqlDialect::BulkInsert::OneStatementPerRow) {
        if (const std::optional<QString> failure = sqliteStatement.insert(
                m_database, insertInto(target.table, target.columns, 1, target.onConflict), rows)) {
            qCWarning(lcStorage) << what << *failure;
            return StorageError { StorageError::Kind::Failed, what + u": " + *failure };
        }
        return std::nullopt;
    }

    // Many rows per statement, in chunks; the full-size chunk statement is prepared once.
    for (qsizetype first = 0; first < rows.size(); first += MultiRowChunk) {
        const qsizetype count = std::min<qsizetype>(MultiRowChunk, rows.size() - first);
        QSqlQuery oneOff(m_database);
        QSqlQuery &insert = count == MultiRowChunk ? chunkStatement : oneOff;
        if (insert.lastQuery().isEmpty()
            && !insert.prepare(insertInto(target.table, target.columns, count, target.onConflict)))
            return errorOf(insert, what);
        int position = 0;
        for (qsizetype row = first; row < first + count; ++row) {
            for (const SqlValue &value : rows.at(row))
                insert.bindValue(position++, toVariant(value));
        }
        if (!insert.exec())
            return errorOf(insert, what);
    }
    return std::nullopt;
}

std::optional<StorageError> SqlRepository::backfillRollups()
{
    if (auto error = connect())
        return error;
    QSqlQuery query(m_database);
    if (auto error = run(query, QStringLiteral("SELECT COUNT(*) FROM p2p_rollup_backfill"), {},
            QStringLiteral("Could not read whether rollups are missing")))
        return error;
    if (!query.next() || query.value(0).toLongLong() == 0)
        return std::nullopt;

    if (!query.exec(m_dialect.beginWrite()))
        return errorOf(query, QStringLiteral("Could not start computing the rollups"));
    auto fail = [&](const StorageError &error) {
        m_rollups = RollupStaging(); // this writer has no rows of its own in the database yet
        QSqlQuery(m_database).exec(QStringLiteral("ROLLBACK"));
        return error;
    };
    // Whoever deletes the row computes the rollups; a process that waited for its lock finds none.
    if (auto error = run(query, QStringLiteral("DELETE FROM p2p_rollup_backfill"), {},
            QStringLiteral("Could not claim the rollup computation")))
        return fail(*error);
    if (query.numRowsAffected() > 0) {
        qCInfo(lcStorage) << "Computing the rollups of the samples stored before they existed";
        if (!m_statements)
            m_statements = std::make_unique<Statements>(m_database);
        QHash<QString, QString> users;
        if (auto error = run(query, QStringLiteral("SELECT id, user_id FROM p2p_analytics_aggregates"), {},
                QStringLiteral("Could not read the sessions")))
            return fail(*error);
        while (query.next())
            users.insert(query.value(0).toString(), query.value(1).toString());
        for (MetricKind kind : { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network }) {
            std::optional<SampleCursor> cursor;
            for (;;) {
                auto page = samplePage(kind, {}, cursor, 5000);
                if (!page.ok())
                    return fail(page.error());
                if (page.value().isEmpty())
                    break;
                for (const StoredSample &sample : page.value())
                    m_rollups.stage(sample.record, sample.ids.analyticsId, users.value(sample.ids.analyticsId));
                if (auto error = writeRollups())
                    return fail(*error);
                m_rollups.commit();
                cursor = SampleCursor::after(page.value().constLast());
            }
        }
    }
    if (!query.exec(QStringLiteral("COMMIT")))
        return fail(errorOf(query, QStringLiteral("Could not commit the rollups")));
    return std::nullopt;
}

std::optional<StorageError> SqlRepository::writeRollups()
{
    Statements &st = *m_statements;
    // Buckets this writer wrote long ago (a late sample): their state is read first.
    const QList<RollupKey> unknownFleet = m_rollups.unknownFleetStates();
    for (const RollupKey &key : unknownFleet) {
        if (auto error = run(st.readRollup,
                st.readRollup.lastQuery().isEmpty()
                    ? QStringLiteral("SELECT %1 FROM p2p_rollups WHERE granularity_seconds = ? AND bucket_start = ? "
                                     "AND node_id = ?")
                          .arg(SqlRollups::rollupValueColumns())
                    : QString(),
                { key.granularitySeconds, key.start, m_nodeId }, QStringLiteral("Could not read a rollup")))
            return error;
        m_rollups.fleet().setStored(
            key, st.readRollup.next() ? SqlRollups::bucketFrom(QueryRow(st.readRollup, m_dialect), 0) : RollupBucket());
        st.readRollup.finish();
    }
    const QList<SessionRollupKey> unknownSessions = m_rollups.unknownSessionStates();
    for (const SessionRollupKey &key : unknownSessions) {
        if (auto error = run(st.readSessionRollup,
                st.readSessionRollup.lastQuery().isEmpty()
                    ? QStringLiteral("SELECT %1 FROM p2p_session_rollups WHERE granularity_seconds = ? "
                                     "AND bucket_start = ? AND analytics_id = ? AND node_id = ?")
                          .arg(SqlRollups::sessionRollupValueColumns())
                    : QString(),
                { key.bucket.granularitySeconds, key.bucket.start, key.analyticsId, m_nodeId },
                QStringLiteral("Could not read a session rollup")))
            return error;
        m_rollups.sessions().setStored(key,
            st.readSessionRollup.next() ? SqlRollups::sessionRollupFrom(QueryRow(st.readSessionRollup, m_dialect), 0)
                                        : SessionRollup());
        st.readSessionRollup.finish();
    }

    QList<SqlRow> fleet;
    const auto fleetStates = m_rollups.fleet().toWrite();
    for (const auto &[key, bucket] : fleetStates)
        fleet.append(SqlRollups::rollupRow(key, m_nodeId, bucket));
    if (auto error = writeRows({ SqlRollups::RollupTable, SqlRollups::rollupColumns(), SqlRollups::rollupConflict(),
                                   QStringLiteral("Could not store the rollups") },
            fleet, st.sqliteRollup, st.rollupChunk))
        return error;
    QList<SqlRow> sessions;
    const auto sessionStates = m_rollups.sessions().toWrite();
    for (const auto &[key, rollup] : sessionStates)
        sessions.append(SqlRollups::sessionRollupRow(key, m_nodeId, rollup));
    if (auto error = writeRows({ SqlRollups::SessionRollupTable, SqlRollups::sessionRollupColumns(),
                                   SqlRollups::sessionRollupConflict(), QStringLiteral("Could not store the rollups") },
            sessions, st.sqliteSessionRollup, st.sessionRollupChunk))
        return error;
    QList<SqlRow> presence;
    const auto bits = m_rollups.presenceToWrite();
    for (const auto &[key, minutes] : bits)
        presence.append(SqlRollups::presenceRow(key, minutes));
    return writeRows({ SqlRollups::PresenceTable, SqlRollups::presenceColumns(), SqlRollups::presenceConflict(),
                         QStringLiteral("Could not store who was seen when") },
        presence, st.sqlitePresence, st.presenceChunk);
}

QVariant SqlRepository::toVariant(const SqlValue &value) const
{
    return std::visit(
        [this](const auto &v) -> QVariant {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return QVariant();
            else if constexpr (std::is_same_v<T, QDateTime>)
                return m_dialect.timeValue(v);
            else
                return QVariant(v);
        },
        value);
}

std::optional<StorageError> SqlRepository::checkHealth()
{
    if (auto error = connect())
        return error;
    QSqlQuery query(m_database);
    if (auto error = run(query, QStringLiteral("SELECT 1"), {}, QStringLiteral("The database does not answer")))
        return error;
    return std::nullopt;
}

SessionRow SqlRepository::sessionFrom(const ResultRow &row, int first)
{
    return { row.text(first), row.text(first + 1), row.text(first + 2), jsonObject(row.text(first + 3)),
        jsonObject(row.text(first + 4)), row.time(first + 5), row.time(first + 6) };
}

StorageResult<std::optional<SessionRow>> SqlRepository::findSession(const QString &sessionId)
{
    if (auto error = connect())
        return *error;
    QSqlQuery query(m_database);
    if (auto error
        = run(query, u"SELECT " + s_aggregateColumns + u" FROM p2p_analytics_aggregates WHERE session_id = ?",
            { sessionId }, QStringLiteral("Could not read the session")))
        return *error;
    if (!query.next())
        return std::optional<SessionRow>();
    return std::optional<SessionRow>(sessionFrom(QueryRow(query, m_dialect), 0));
}

StorageResult<ConnectionTotals> SqlRepository::rawConnectionTotals(const SampleFilter &filter)
{
    if (auto error = connect())
        return *error;
    const Condition c = conditionFor(filter);
    const QString sql
        = QStringLiteral("SELECT COUNT(*), COALESCE(SUM(%2), 0), COALESCE(SUM(%3), 0), COALESCE(SUM(latency_ms), 0), "
                         "COALESCE(SUM(bandwidth_mbps), 0), COUNT(DISTINCT peer_id), "
                         "COUNT(DISTINCT session_id || '/' || connection_id) FROM p2p_connection_metrics WHERE %1")
              .arg(
                  c.sql, scoreExpression<ConnectionQuality>(QStringLiteral("connection_quality")), s_successExpression);
    QSqlQuery query(m_database);
    if (auto error = run(query, sql, c.values, QStringLiteral("Could not sum connection samples")))
        return *error;
    query.next();
    return ConnectionTotals { query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toLongLong(),
        query.value(3).toDouble(), query.value(4).toDouble(), query.value(5).toLongLong(),
        query.value(6).toLongLong() };
}

StorageResult<StreamingTotals> SqlRepository::rawStreamingTotals(const SampleFilter &filter)
{
    if (auto error = connect())
        return *error;
    const Condition c = conditionFor(filter);
    const QString sql
        = QStringLiteral(
            "SELECT COUNT(*), COALESCE(SUM(duration_seconds), 0), COALESCE(SUM(%2), 0), "
            "COALESCE(SUM(adaptive_switches), 0), COALESCE(SUM(%3), 0), COUNT(DISTINCT stream_id), "
            "(SELECT COUNT(*) FROM (SELECT stream_id FROM p2p_streaming_metrics WHERE %1 GROUP BY stream_id "
            "  HAVING COUNT(end_time) = 0) open_streams) "
            "FROM p2p_streaming_metrics WHERE %1")
              .arg(c.sql, bufferingExpression(), scoreExpression<QualityLevel>(QStringLiteral("quality_level")));
    QSqlQuery query(m_database);
    // The condition stands twice in the statement: in the open-streams subquery and in the outer WHERE.
    if (auto error = run(query, sql, c.values + c.values, QStringLiteral("Could not sum streaming samples")))
        return *error;
    query.next();
    StreamingTotals totals;
    totals.samples = query.value(0).toLongLong();
    totals.durationSecondsSum = query.value(1).toDouble();
    totals.bufferingSamples = query.value(2).toLongLong();
    totals.adaptiveSwitchesSum = query.value(3).toLongLong();
    totals.qualityLevelScoreSum = query.value(4).toLongLong();
    totals.distinctStreams = query.value(5).toLongLong();
    totals.openStreams = query.value(6).toLongLong();
    return totals;
}

StorageResult<SystemTotals> SqlRepository::systemTotals(const SampleFilter &filter)
{
    if (auto error = connect())
        return *error;
    const Condition c = conditionFor(filter);
    QSqlQuery query(m_database);
    if (auto error = run(query,
            QStringLiteral("SELECT COUNT(*), COALESCE(SUM(cpu_usage_percent), 0), "
                           "COALESCE(SUM(memory_usage_mb), 0), COALESCE(SUM(network_throughput_mbps), 0) "
                           "FROM p2p_system_metrics WHERE %1")
                .arg(c.sql),
            c.values, QStringLiteral("Could not sum system samples")))
        return *error;
    query.next();
    SystemTotals totals;
    totals.samples = query.value(0).toLongLong();
    totals.cpuUsageSum = query.value(1).toDouble();
    totals.memoryUsageSum = query.value(2).toDouble();
    totals.networkThroughputSum = query.value(3).toDouble();

    const QString latestTranscoding = QStringLiteral(
        "SELECT COALESCE(SUM(transcoding_jobs_active), 0), COALESCE(SUM(transcoding_jobs_completed), 0), "
        "COALESCE(SUM(transcoding_jobs_failed), 0) FROM ("
        " SELECT transcoding_jobs_active, transcoding_jobs_completed, transcoding_jobs_failed, ROW_NUMBER() OVER ("
        "   PARTITION BY COALESCE(node_id, session_id) ORDER BY created_at DESC, %2 DESC) AS recency "
        " FROM p2p_system_metrics WHERE %1 AND (transcoding_jobs_active IS NOT NULL "
        "   OR transcoding_jobs_completed IS NOT NULL OR transcoding_jobs_failed IS NOT NULL)) latest "
        "WHERE recency = 1")
                                          .arg(c.sql, m_dialect.binaryOrder(QStringLiteral("id")));
    if (auto error = run(query, latestTranscoding, c.values, QStringLiteral("Could not sum transcoding jobs")))
        return *error;
    query.next();
    totals.transcodingJobsActive = query.value(0).toLongLong();
    totals.transcodingJobsCompleted = query.value(1).toLongLong();
    totals.transcodingJobsFailed = query.value(2).toLongLong();
    return totals;
}

StorageResult<quint64> SqlRepository::transferredBytes(const SampleFilter &filter)
{
    if (auto error = connect())
        return *error;
    const Condition c = conditionFor(filter);
    const QString sql
        = QStringLiteral("SELECT COALESCE(SUM(total_data_sent_bytes + total_data_received_bytes), 0) FROM ("
                         " SELECT total_data_sent_bytes, total_data_received_bytes, ROW_NUMBER() OVER ("
                         "   PARTITION BY analytics_id ORDER BY created_at DESC, %2 DESC) AS recency "
                         " FROM p2p_network_metrics WHERE %1) latest WHERE recency = 1")
              .arg(c.sql, m_dialect.binaryOrder(QStringLiteral("id")));
    QSqlQuery query(m_database);
    if (auto error = run(query, sql, c.values, QStringLiteral("Could not sum transferred bytes")))
        return *error;
    query.next();
    return query.value(0).toULongLong();
}

// The selected connection, streaming and network samples as rows of `columns` (of each sample table),
// for the questions that count sessions or users whatever kind of sample they sent.
QString SqlRepository::unionOfSamples(const Condition &c, const QString &columns, QVariantList &values) const
{
    return unionOfSamples(
        c, [&](MetricKind) { return columns; }, values);
}

QString SqlRepository::unionOfSamples(
    const Condition &c, const std::function<QString(MetricKind)> &columnsOf, QVariantList &values) const
{
    QStringList parts;
    for (MetricKind kind : { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network }) {
        parts << QStringLiteral("SELECT %1 FROM %2 WHERE %3").arg(columnsOf(kind), tableOf(kind), c.sql);
        values += c.values;
    }
    return parts.join(u" UNION ALL ");
}

// Rows of (bucket, analytics_id, stream_id): stream_id is NULL but for streaming samples.
QString SqlRepository::bucketedSamples(const Condition &c, qint64 bucketMs, QVariantList &values) const
{
    const QString bucket = QStringLiteral("(%1 / %2) * %2 AS bucket, analytics_id")
                               .arg(m_dialect.epochMs(QStringLiteral("created_at")))
                               .arg(bucketMs);
    return unionOfSamples(
        c,
        [&](MetricKind kind) -> QString {
            return bucket
                + (kind == MetricKind::Streaming ? QStringLiteral(", stream_id")
                                                 : QStringLiteral(", NULL AS stream_id"));
        },
        values);
}

StorageResult<ConnectionBreakdown> SqlRepository::rawConnectionBreakdown(const SampleFilter &filter)
{
    QSqlQuery query;
    if (auto error = selectWhere(query,
            QStringLiteral("SELECT connection_quality, connection_type, COUNT(*), SUM(latency_ms) "
                           "FROM p2p_connection_metrics WHERE %1 GROUP BY connection_quality, connection_type"),
            filter, QStringLiteral("Could not count connection samples")))
        return *error;
    ConnectionBreakdown breakdown;
    while (query.next()) {
        const qint64 count = query.value(2).toLongLong();
        // Only validated spellings are ever stored.
        if (const auto quality = enumFromString<ConnectionQuality>(query.value(0).toString()))
            breakdown.byQuality.at(std::size_t(*quality)) += count;
        if (const auto type = enumFromString<ConnectionType>(query.value(1).toString())) {
            breakdown.byType.at(std::size_t(*type)) += count;
            breakdown.latencySumByType.at(std::size_t(*type)) += query.value(3).toDouble();
        }
    }
    return breakdown;
}

StorageResult<qint64> SqlRepository::rawDistinctUsers(const SampleFilter &filter)
{
    if (auto error = connect())
        return *error;
    QVariantList values;
    const QString samples = unionOfSamples(conditionFor(filter), QStringLiteral("analytics_id"), values);
    QSqlQuery query(m_database);
    if (auto error = run(query,
            QStringLiteral("SELECT COUNT(DISTINCT a.user_id) FROM (%1) s "
                           "JOIN p2p_analytics_aggregates a ON a.id = s.analytics_id")
                .arg(samples),
            values, QStringLiteral("Could not count users")))
        return *error;
    query.next();
    return query.value(0).toLongLong();
}

StorageResult<qint64> SqlRepository::rawPeakConcurrentUsers(const SampleFilter &filter)
{
    if (auto error = connect())
        return *error;
    QVariantList values;
    const QString samples = bucketedSamples(conditionFor(filter), 60000, values);
    const QString sql = QStringLiteral(
        "SELECT COALESCE(MAX(users), 0) FROM (SELECT s.bucket, COUNT(DISTINCT a.user_id) AS users "
        "FROM (%1) s JOIN p2p_analytics_aggregates a ON a.id = s.analytics_id GROUP BY s.bucket) per_minute")
                            .arg(samples);
    QSqlQuery query(m_database);
    if (auto error = run(query, sql, values, QStringLiteral("Could not count concurrent users")))
        return *error;
    query.next();
    return query.value(0).toLongLong();
}

// The bin of LatencyHistogram::binOf, computed by the database from the same ranges.
// LatencyHistogram::binOf of a millisecond column, as SQL.
static QString latencyBinExpression(const QString &column = QStringLiteral("latency_ms"))
{
    QString sql = QStringLiteral("CASE");
    for (const LatencyHistogram::Range &range : LatencyHistogram::Ranges)
        sql += QStringLiteral(" WHEN %5 < %1 THEN %2 + (%5 - %3) / %4")
                   .arg(range.to)
                   .arg(range.firstBin)
                   .arg(range.from)
                   .arg(range.width)
                   .arg(column);
    return sql + QStringLiteral(" ELSE %1 END").arg(LatencyHistogram::OverflowBin);
}

// PacketLossHistogram::binOf of packet_loss_percent, as SQL (the same products, so the same bins).
static QString packetLossBinExpression(const SqlDialect &dialect)
{
    using H = PacketLossHistogram;
    return QStringLiteral("CASE WHEN packet_loss_percent < 2 THEN %1 WHEN packet_loss_percent < 10 THEN %2 + %3 "
                          "ELSE CASE WHEN %4 + %5 > %6 THEN %6 ELSE %4 + %5 END END")
        .arg(dialect.floorToInteger(QStringLiteral("packet_loss_percent * 10")))
        .arg(H::FineBins)
        .arg(dialect.floorToInteger(QStringLiteral("(packet_loss_percent - 2) * 2")))
        .arg(H::FineBins + H::MediumBins)
        .arg(dialect.floorToInteger(QStringLiteral("(packet_loss_percent - 10) / 5")))
        .arg(H::BinCount - 1);
}

StorageResult<ConnectionDistributions> SqlRepository::rawConnectionDistributions(const SampleFilter &filter)
{
    QSqlQuery query;
    const QString sql = QStringLiteral("SELECT %2 AS lb, %3 AS jb, %4 AS pb, COUNT(*), MIN(latency_ms), "
                                       "MAX(latency_ms), MIN(jitter_ms), MAX(jitter_ms), MIN(packet_loss_percent), "
                                       "MAX(packet_loss_percent) FROM p2p_connection_metrics WHERE %1 "
                                       "GROUP BY lb, jb, pb")
                            .arg(QStringLiteral("%1"), latencyBinExpression(),
                                latencyBinExpression(QStringLiteral("jitter_ms")), packetLossBinExpression(m_dialect));
    if (auto error = selectWhere(query, sql, filter, QStringLiteral("Could not read how connection samples spread")))
        return *error;
    ConnectionDistributions distributions;
    while (query.next()) {
        const qint64 count = query.value(3).toLongLong();
        ConnectionDistributions group { count, {}, {}, {}, quint32(query.value(4).toLongLong()),
            quint32(query.value(5).toLongLong()), quint32(query.value(6).toLongLong()),
            quint32(query.value(7).toLongLong()), query.value(8).toDouble(), query.value(9).toDouble() };
        group.latency.add(query.value(0).toInt(), count);
        group.jitter.add(query.value(1).toInt(), count);
        group.packetLoss.add(query.value(2).toInt(), count);
        distributions.merge(group);
    }
    return distributions;
}

StorageResult<QList<ConnectionBucket>> SqlRepository::rawConnectionBuckets(const SampleFilter &filter, qint64 bucketMs)
{
    if (auto error = connect())
        return *error;
    const Condition c = conditionFor(filter);
    // Grouped by latency bin as well, so that one statement (one consistent read) yields the sums and
    // the histogram; the bins of a bucket are added up here.
    const QString sql
        = QStringLiteral("SELECT (%2 / %3) * %3 AS bucket, %4 AS bin, COUNT(*), SUM(latency_ms), SUM(bandwidth_mbps), "
                         "SUM(%5), SUM(packet_loss_percent), SUM(jitter_ms), MIN(latency_ms), MAX(latency_ms) "
                         "FROM p2p_connection_metrics WHERE %1 GROUP BY bucket, bin ORDER BY bucket")
              .arg(c.sql, m_dialect.epochMs(QStringLiteral("created_at")))
              .arg(bucketMs)
              .arg(latencyBinExpression(), s_successExpression);
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (auto error = run(query, sql, c.values, QStringLiteral("Could not read connection trends")))
        return *error;
    QList<ConnectionBucket> buckets;
    while (query.next()) {
        const QDateTime start = QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), Qt::UTC);
        const qint64 samples = query.value(2).toLongLong();
        const auto smallest = quint32(query.value(8).toLongLong());
        const auto largest = quint32(query.value(9).toLongLong());
        if (buckets.isEmpty() || buckets.constLast().start != start)
            buckets.append({ start, 0, 0, 0, 0, 0, 0, smallest, largest, {} });
        ConnectionBucket &b = buckets.last();
        b.samples += samples;
        b.latencySum += query.value(3).toDouble();
        b.bandwidthSum += query.value(4).toDouble();
        b.successfulSamples += query.value(5).toLongLong();
        b.packetLossSum += query.value(6).toDouble();
        b.jitterSum += query.value(7).toDouble();
        b.latencyMin = std::min(b.latencyMin, smallest);
        b.latencyMax = std::max(b.latencyMax, largest);
        b.latencyHistogram.add(query.value(1).toInt(), samples);
    }
    return buckets;
}

StorageResult<QList<ActivityBucket>> SqlRepository::rawActivityBuckets(const SampleFilter &filter, qint64 bucketMs)
{
    if (auto error = connect())
        return *error;
    QVariantList values;
    const QString samples = bucketedSamples(conditionFor(filter), bucketMs, values);
    const QString sql = QStringLiteral("SELECT s.bucket, COUNT(DISTINCT s.analytics_id), COUNT(DISTINCT a.user_id), "
                                       "COUNT(DISTINCT s.stream_id) "
                                       "FROM (%1) s JOIN p2p_analytics_aggregates a ON a.id = s.analytics_id "
                                       "GROUP BY s.bucket ORDER BY s.bucket")
                            .arg(samples);
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (auto error = run(query, sql, values, QStringLiteral("Could not read activity trends")))
        return *error;
    QList<ActivityBucket> buckets;
    while (query.next())
        buckets.append({ QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), Qt::UTC),
            query.value(1).toLongLong(), query.value(2).toLongLong(), query.value(3).toLongLong() });
    return buckets;
}

namespace {

const QString s_failureExpression = QStringLiteral("CASE WHEN ice_connection_state IN ('failed', 'disconnected') "
                                                   "OR dtls_transport_state IN ('failed', 'closed') THEN 1 ELSE 0 END");

// The column a group is keyed by; streaming rows have no peer.
QString groupKey(SampleGroup group)
{
    switch (group) {
    case SampleGroup::Global:
        break;
    case SampleGroup::User:
        return QStringLiteral("user_id");
    case SampleGroup::Session:
        return QStringLiteral("session_id");
    case SampleGroup::Peer:
        return QStringLiteral("peer_id");
    }
    return QStringLiteral("CAST('' AS VARCHAR(255))");
}

} // namespace

StorageResult<QList<GroupTotals>> SqlRepository::rawGroupTotals(const SampleFilter &filter, SampleGroup group)
{
    QSqlQuery query;
    const QString connections
        = QStringLiteral("SELECT group_key, COUNT(*), SUM(latency_ms), SUM(jitter_ms), SUM(packet_loss_percent), "
                         "SUM(bandwidth_mbps), SUM(%2), SUM(CASE WHEN connection_quality IN ('Poor', 'Unusable') "
                         "THEN 1 ELSE 0 END), SUM(%3), SUM(%4) "
                         "FROM (SELECT %5 AS group_key, latency_ms, jitter_ms, packet_loss_percent, bandwidth_mbps, "
                         "  connection_quality, ice_connection_state, dtls_transport_state, %6 AS r "
                         "  FROM p2p_connection_metrics WHERE %1 %7) rated GROUP BY group_key");
    if (auto error = selectWhere(query,
            connections.arg(QStringLiteral("%1"), mosExpression(m_dialect), s_failureExpression, s_successExpression,
                groupKey(group), rFactorExpression(m_dialect), m_dialect.evaluateOnce()),
            filter, QStringLiteral("Could not sum connection samples by group")))
        return *error;
    std::map<QString, GroupTotals> groups;
    while (query.next()) {
        GroupTotals &t = groups[query.value(0).toString()];
        t.key = query.value(0).toString();
        t.connectionSamples = query.value(1).toLongLong();
        t.latencySum = query.value(2).toDouble();
        t.jitterSum = query.value(3).toDouble();
        t.packetLossSum = query.value(4).toDouble();
        t.bandwidthSum = query.value(5).toDouble();
        t.mosSum = query.value(6).toDouble();
        t.poorSamples = query.value(7).toLongLong();
        t.failedSamples = query.value(8).toLongLong();
        t.successfulSamples = query.value(9).toLongLong();
    }
    // Streaming samples have no peer: they belong to no peer group.
    if (group != SampleGroup::Peer) {
        const QString streaming = QStringLiteral("SELECT %2 AS group_key, COUNT(*), SUM(%3), SUM(dropped_frames), "
                                                 "SUM(total_frames), SUM(adaptive_switches) "
                                                 "FROM p2p_streaming_metrics WHERE %1 GROUP BY group_key");
        if (auto error = selectWhere(query, streaming.arg(QStringLiteral("%1"), groupKey(group), bufferingExpression()),
                filter, QStringLiteral("Could not sum streaming samples by group")))
            return *error;
        while (query.next()) {
            GroupTotals &t = groups[query.value(0).toString()];
            t.key = query.value(0).toString();
            t.streamingSamples = query.value(1).toLongLong();
            t.bufferingSamples = query.value(2).toLongLong();
            t.droppedFrames = query.value(3).toLongLong();
            t.totalFrames = query.value(4).toLongLong();
            t.adaptiveSwitches = query.value(5).toLongLong();
        }
    }
    QList<GroupTotals> list;
    for (const auto &[key, totals] : groups)
        list.append(totals);
    return list;
}

StorageResult<std::optional<QDateTime>> SqlRepository::latestSampleTime()
{
    if (auto error = connect())
        return *error;
    QStringList parts;
    for (MetricKind kind : { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network, MetricKind::System })
        parts << QStringLiteral("SELECT MAX(created_at) AS latest FROM %1").arg(tableOf(kind));
    QSqlQuery query(m_database);
    if (auto error = run(query, QStringLiteral("SELECT MAX(latest) FROM (%1) newest").arg(parts.join(u" UNION ALL ")),
            {}, QStringLiteral("Could not read the time of the latest sample")))
        return *error;
    query.next();
    if (query.value(0).isNull())
        return std::optional<QDateTime>();
    return std::optional<QDateTime>(m_dialect.timeFromValue(query.value(0)));
}

StorageResult<QList<StoredSample>> SqlRepository::samplePage(
    MetricKind kind, const SampleFilter &filter, const std::optional<SampleCursor> &after, qsizetype limit)
{
    if (auto error = connect())
        return *error;
    // The time index seeks to the cursor's time; ties at that time are broken by id.
    Condition c = conditionFor(
        filter, QStringLiteral("created_at"), after ? std::optional<QDateTime>(after->recordedAt) : std::nullopt);
    const QString id = m_dialect.binaryOrder(QStringLiteral("id"));
    if (after) {
        c.sql += QStringLiteral(" AND (created_at > ? OR %1 > ?)").arg(id);
        c.values << m_dialect.timeValue(after->recordedAt) << after->id;
    }
    QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY created_at, %4")
                      .arg(columnsOf(kind), tableOf(kind), c.sql, id);
    if (limit >= 0) {
        sql += QStringLiteral(" LIMIT ?");
        c.values << qint64(limit);
    }
    QList<StoredSample> list;
    if (auto error = selectRows(sql, c.values, u"Could not read " + spelling(kind) + u" samples",
            [&](const ResultRow &row) { list.append(sampleFrom(kind, row)); }))
        return *error;
    return list;
}

StoredSample SqlRepository::sampleFrom(MetricKind kind, const ResultRow &row)
{
    StoredSample sample;
    sample.ids = { row.text(0), row.text(1) };
    auto text = [&](int column) { return row.text(column); };
    auto u32 = [&](int column) { return static_cast<quint32>(row.integer(column)); };
    auto real = [&](int column) { return row.real(column); };
    auto time = [&](int column) { return row.time(column); };
    switch (kind) {
    case MetricKind::Connection: {
        ConnectionMetrics m;
        m.sessionId = text(2);
        m.userId = text(3);
        m.connectionId = text(4);
        m.peerId = text(5);
        m.connectionType = enumFromString<ConnectionType>(text(6)).value_or(ConnectionType::WebRTC);
        m.latencyMs = u32(7);
        m.bandwidthMbps = real(8);
        m.packetLossPercent = real(9);
        m.jitterMs = u32(10);
        m.connectionQuality = enumFromString<ConnectionQuality>(text(11)).value_or(QualityScale::NoSamplesQuality);
        m.iceConnectionState = text(12);
        m.dtlsTransportState = text(13);
        sample.record = { m, time(14) };
        break;
    }
    case MetricKind::Streaming: {
        StreamingMetrics m;
        m.sessionId = text(2);
        m.userId = text(3);
        m.streamId = text(4);
        m.contentId = text(5);
        m.qualityLevel = enumFromString<QualityLevel>(text(6)).value_or(QualityLevel::HD);
        m.bitrateKbps = u32(7);
        m.frameRate = static_cast<float>(real(8));
        m.resolutionWidth = u32(9);
        m.resolutionHeight = u32(10);
        m.bufferLevelSeconds = static_cast<float>(real(11));
        m.droppedFrames = u32(12);
        m.totalFrames = u32(13);
        m.adaptiveSwitches = u32(14);
        m.startTime = time(15);
        if (!row.isNull(16))
            m.endTime = time(16);
        m.durationSeconds = real(17);
        sample.record = { m, time(18) };
        break;
    }
    case MetricKind::Network: {
        NetworkMetrics m;
        m.sessionId = text(2);
        m.userId = text(3);
        m.peerId = text(4);
        m.totalDataSentBytes = quint64(row.integer(5));
        m.totalDataReceivedBytes = quint64(row.integer(6));
        m.activeConnections = u32(7);
        m.maxConnections = u32(8);
        m.connectionErrors = u32(9);
        m.successfulTransfers = u32(10);
        m.failedTransfers = u32(11);
        m.averageTransferSpeedMbps = real(12);
        sample.record = { m, time(13) };
        break;
    }
    case MetricKind::System: {
        SystemMetrics m;
        m.sessionId = text(2);
        m.nodeId = text(3);
        m.cpuUsagePercent = real(4);
        m.memoryUsageMb = real(5);
        m.networkThroughputMbps = real(6);
        m.activeStreams = u32(7);
        m.totalPeers = u32(8);
        m.averageLatencyMs = real(9);
        m.errorRatePercent = real(10);
        m.transcodingJobsActive = optionalU32(row, 11);
        m.transcodingJobsCompleted = optionalU32(row, 12);
        m.transcodingJobsFailed = optionalU32(row, 13);
        sample.record = { m, time(14) };
        break;
    }
    }
    return sample;
}

// --- The fleet's figures from the rollups ---------------------------------------------------------
//
// A window's whole hours and minutes come from p2p_rollups and p2p_presence, its ends (less than a
// minute each) from the raw rows; RollupPlan splits it so that the parts add up to exactly the figure
// the raw rows give. Rollups are of the whole fleet: a filter by user or session reads raw rows.

namespace {

bool fleetWide(const SampleFilter &filter)
{
    return filter.userId.isEmpty() && filter.sessionId.isEmpty();
}

// Whether the rollups add the sample up (network samples at the ends only tell whose session was seen).
bool isSummed(const Metrics &sample)
{
    return std::holds_alternative<ConnectionMetrics>(sample) || std::holds_alternative<StreamingMetrics>(sample);
}

SampleFilter windowOnly(const TimeWindow &window)
{
    return { window, QString(), QString() };
}

ConnectionBucket connectionBucketOf(qint64 start, const RollupBucket &r)
{
    return { QDateTime::fromMSecsSinceEpoch(start, Qt::UTC), r.connectionSamples, r.latencySum, r.bandwidthSum,
        r.successfulSamples, r.packetLossSum, r.jitterSum, r.latency.smallest, r.latency.largest, r.latencyHistogram };
}

// The raw sample rows that carry an entity of a presence kind, as SELECTs of its two key columns
// (session_key, entity_key) where %1 stands for the condition.
QStringList rawKeysOf(PresenceKind kind)
{
    switch (kind) {
    case PresenceKind::Session:
        return { QStringLiteral("SELECT analytics_id, analytics_id FROM p2p_connection_metrics WHERE %1"),
            QStringLiteral("SELECT analytics_id, analytics_id FROM p2p_streaming_metrics WHERE %1"),
            QStringLiteral("SELECT analytics_id, analytics_id FROM p2p_network_metrics WHERE %1") };
    case PresenceKind::User:
        return { QStringLiteral("SELECT '', a.user_id FROM (SELECT analytics_id FROM p2p_connection_metrics WHERE %1 "
                                "UNION SELECT analytics_id FROM p2p_streaming_metrics WHERE %1 UNION "
                                "SELECT analytics_id FROM p2p_network_metrics WHERE %1) s "
                                "JOIN p2p_analytics_aggregates a ON a.id = s.analytics_id") };
    case PresenceKind::Peer:
        return { QStringLiteral("SELECT '', peer_id FROM p2p_connection_metrics WHERE %1") };
    case PresenceKind::Connection:
        return { QStringLiteral("SELECT analytics_id, connection_id FROM p2p_connection_metrics WHERE %1") };
    case PresenceKind::Stream:
        return { QStringLiteral("SELECT '', stream_id FROM p2p_streaming_metrics WHERE %1") };
    case PresenceKind::EndedStream:
        return { QStringLiteral("SELECT '', stream_id FROM p2p_streaming_metrics WHERE %1 AND end_time IS NOT NULL") };
    case PresenceKind::SessionStream:
        return { QStringLiteral("SELECT analytics_id, stream_id FROM p2p_streaming_metrics WHERE %1") };
    case PresenceKind::SessionPeer:
        return { QStringLiteral(
            "SELECT analytics_id, peer_id || '/' || connection_type FROM p2p_connection_metrics WHERE %1") };
    }
    Q_UNREACHABLE();
}

// Whether a presence row of the kind names its session (in session_key).
bool namesSession(PresenceKind kind)
{
    return kind == PresenceKind::Session || kind == PresenceKind::Connection || kind == PresenceKind::SessionStream
        || kind == PresenceKind::SessionPeer;
}

// The rows of a rollup table in a plan's spans that meet `scope`, as a SELECT of `columns`: one
// range of the primary key per span, put together with UNION ALL. Given the spans OR-ed, SQLite
// collected the key of every row and sought the row again, and a GROUP BY then sorted them all:
// 30 ms for the day of 500 sessions that the readers now add up in 10.
QString spanSelects(const RollupPlan &plan, const QString &columns, const QString &table, const QString &scope,
    const QVariantList &scopeValues, QVariantList &values)
{
    if (plan.spans.isEmpty())
        return QStringLiteral("SELECT %1 FROM %2 WHERE 1 = 0").arg(columns, table);
    QStringList selects;
    for (const RollupSpan &span : plan.spans) {
        selects << QStringLiteral("SELECT %1 FROM %2 WHERE granularity_seconds = ? AND bucket_start >= ? "
                                  "AND bucket_start < ? AND %3")
                       .arg(columns, table, scope);
        values << span.granularitySeconds << span.range.from << span.range.to;
        values += scopeValues;
    }
    return selects.join(u" UNION ALL ");
}

} // namespace

SqlRepository::Condition SqlRepository::rawPartsCondition(
    const QList<TimeWindow> &rawParts, const SampleFilter &filter) const
{
    Condition condition;
    QStringList parts;
    for (const TimeWindow &part : rawParts) {
        const Condition c = conditionFor({ part, filter.userId, filter.sessionId });
        parts << u'(' + c.sql + u')';
        condition.values += c.values;
    }
    condition.sql = parts.isEmpty() ? QStringLiteral("1 = 0") : u'(' + parts.join(u" OR ") + u')';
    return condition;
}

std::optional<StorageError> SqlRepository::selectRows(const QString &sql, const QVariantList &values,
    const QString &what, const std::function<void(const ResultRow &)> &visit)
{
    if (auto error = connect())
        return error;
    if (m_dialect.kind() == SqlDialect::Kind::Sqlite) {
        if (const std::optional<QString> failure = sqliteSelect(m_database, sql, values, visit)) {
            qCWarning(lcStorage) << what << *failure;
            return StorageError { StorageError::Kind::Failed, what + u": " + *failure };
        }
        return std::nullopt;
    }
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (auto error = run(query, sql, values, what))
        return error;
    const QueryRow row(query, m_dialect);
    while (query.next())
        visit(row);
    return std::nullopt;
}

std::optional<StorageError> SqlRepository::forEachSummedSample(
    const Condition &condition, const std::function<void(const SummedSample &)> &visit)
{
    // The columns RollupBucket::add(), SessionRollup::add() and presenceOf() read, and no others:
    // decoding the texts they do not read cost more than the query.
    const QString columns = QStringLiteral("analytics_id, created_at, ");
    const QString connection = QStringLiteral("latency_ms, bandwidth_mbps, packet_loss_percent, jitter_ms, "
                                              "connection_quality, connection_type, ice_connection_state, "
                                              "dtls_transport_state, connection_id, peer_id");
    const QString streaming = QStringLiteral("quality_level, buffer_level_seconds, dropped_frames, total_frames, "
                                             "adaptive_switches, duration_seconds, stream_id, end_time");
    auto read = [&](MetricKind kind, const QString &columnsOfKind, auto decode) {
        return selectRows(
            QStringLiteral("SELECT %1%2 FROM %3 WHERE %4").arg(columns, columnsOfKind, tableOf(kind), condition.sql),
            condition.values, u"Could not read " + spelling(kind) + u" samples", [&](const ResultRow &row) {
                visit({ row.text(0), row.time(1).toMSecsSinceEpoch(), decode(row) });
            });
    };
    if (auto error = read(MetricKind::Connection, connection, [](const ResultRow &row) {
            ConnectionMetrics m;
            m.latencyMs = quint32(row.integer(2));
            m.bandwidthMbps = row.real(3);
            m.packetLossPercent = row.real(4);
            m.jitterMs = quint32(row.integer(5));
            m.connectionQuality
                = enumFromString<ConnectionQuality>(row.text(6)).value_or(QualityScale::NoSamplesQuality);
            m.connectionType = enumFromString<ConnectionType>(row.text(7)).value_or(ConnectionType::WebRTC);
            m.iceConnectionState = row.text(8);
            m.dtlsTransportState = row.text(9);
            m.connectionId = row.text(10);
            m.peerId = row.text(11);
            return Metrics(m);
        }))
        return error;
    return read(MetricKind::Streaming, streaming, [](const ResultRow &row) {
        StreamingMetrics m;
        m.qualityLevel = enumFromString<QualityLevel>(row.text(2)).value_or(QualityLevel::HD);
        m.bufferLevelSeconds = float(row.real(3));
        m.droppedFrames = quint32(row.integer(4));
        m.totalFrames = quint32(row.integer(5));
        m.adaptiveSwitches = quint32(row.integer(6));
        m.durationSeconds = row.real(7);
        m.streamId = row.text(8);
        if (!row.isNull(9))
            m.endTime = row.time(9);
        return Metrics(m);
    });
}

std::optional<StorageError> SqlRepository::beginSnapshot()
{
    Q_ASSERT(!m_inSnapshot);
    if (auto error = connect())
        return error;
    QSqlQuery query(m_database);
    if (!query.exec(m_dialect.beginSnapshot()))
        return errorOf(query, QStringLiteral("Could not start a snapshot"));
    m_inSnapshot = true;
    return std::nullopt;
}

void SqlRepository::endSnapshot()
{
    m_inSnapshot = false;
    m_snapshotEnds.clear();
    m_snapshotIdentities.clear();
    // Nothing was written: ROLLBACK ends it, even while a read statement is still open.
    QSqlQuery query(m_database);
    if (m_database.isOpen() && !query.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStorage) << "Could not end a snapshot:" << query.lastError().text();
}

std::pair<qint64, qint64> SqlRepository::endKey(const TimeWindow &part)
{
    return { part.from.toMSecsSinceEpoch(), part.to.toMSecsSinceEpoch() };
}

const QList<SqlRepository::SummedSample> *SqlRepository::keptEnd(const TimeWindow &part) const
{
    const auto kept = m_snapshotEnds.constFind(endKey(part));
    return kept == m_snapshotEnds.cend() ? nullptr : &*kept;
}

StorageResult<QList<QList<SqlRepository::SummedSample>>> SqlRepository::rawEnds(const RollupPlan &plan)
{
    QList<QList<SummedSample>> ends;
    for (const TimeWindow &part : plan.rawParts) {
        if (const QList<SummedSample> *kept = keptEnd(part)) {
            ends.append(*kept);
            continue;
        }
        TRY_STORAGE(samples, readEnd(part));
        if (m_inSnapshot)
            m_snapshotEnds.insert(endKey(part), samples);
        ends.append(std::move(samples));
    }
    return ends;
}

StorageResult<QList<SqlRepository::SummedSample>> SqlRepository::readSamples(const TimeWindow &window)
{
    QList<SummedSample> samples;
    const Condition condition = conditionFor(windowOnly(window));
    if (auto error = forEachSummedSample(condition, [&](const SummedSample &sample) { samples.append(sample); }))
        return *error;
    // Network samples tell only whose session was seen.
    if (auto error = selectRows(
            QStringLiteral("SELECT analytics_id, created_at FROM p2p_network_metrics WHERE %1").arg(condition.sql),
            condition.values, QStringLiteral("Could not read network samples"), [&](const ResultRow &row) {
                samples.append({ row.text(0), row.time(1).toMSecsSinceEpoch(), NetworkMetrics() });
            }))
        return *error;
    return samples;
}

StorageResult<QList<qint64>> SqlRepository::minuteFingerprint(qint64 start)
{
    QStringList counts;
    QVariantList values;
    for (const MetricKind kind : { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network }) {
        counts << QStringLiteral("SELECT COUNT(*), COALESCE(SUM(rowid), 0) FROM %1 "
                                 "WHERE created_at >= ? AND created_at < ?")
                      .arg(tableOf(kind));
        values << start << start + RollupPlan::MinuteMs;
    }
    QList<qint64> fingerprint;
    if (auto error
        = selectRows(counts.join(u" UNION ALL "), values, QStringLiteral("Could not count a minute's samples"),
            [&](const ResultRow &row) { fingerprint << row.integer(0) << row.integer(1); }))
        return *error;
    return fingerprint;
}

StorageResult<QList<SqlRepository::SummedSample>> SqlRepository::readEnd(const TimeWindow &part)
{
    // A part (from, to] of one minute, on SQLite, comes from the minute's samples as read before, if
    // the minute still holds the same rows: their count and rowid sum per table (from the time
    // indexes alone) tell, since samples are only ever added, with ever larger rowids, and deleted
    // oldest first.
    const qint64 from = part.from.toMSecsSinceEpoch();
    const qint64 to = part.to.toMSecsSinceEpoch();
    const qint64 minute = RollupPlan::floorTo(from + 1, RollupPlan::MinuteMs);
    if (m_dialect.kind() != SqlDialect::Kind::Sqlite || RollupPlan::floorTo(to, RollupPlan::MinuteMs) != minute)
        return readSamples(part);
    TRY_STORAGE(fingerprint, minuteFingerprint(minute));
    const auto kept = std::find_if(m_cachedMinutes.begin(), m_cachedMinutes.end(),
        [&](const CachedMinute &cached) { return cached.start == minute; });
    if (kept != m_cachedMinutes.end() && kept->fingerprint == fingerprint) {
        m_cachedMinutes.move(kept - m_cachedMinutes.begin(), 0);
    } else {
        if (kept != m_cachedMinutes.end())
            m_cachedMinutes.erase(kept); // the minute's rows changed: it is read anew
        else if (m_cachedMinutes.size() == CachedMinutes)
            m_cachedMinutes.removeLast();
        TRY_STORAGE(samples,
            readSamples({ QDateTime::fromMSecsSinceEpoch(minute - 1, Qt::UTC),
                QDateTime::fromMSecsSinceEpoch(minute + RollupPlan::MinuteMs - 1, Qt::UTC) }));
        m_cachedMinutes.prepend({ minute, fingerprint, samples });
    }
    QList<SummedSample> samples;
    for (const SummedSample &sample : std::as_const(m_cachedMinutes.constFirst().samples)) {
        if (sample.recordedAtMs > from && sample.recordedAtMs <= to)
            samples.append(sample);
    }
    return samples;
}

StorageResult<QHash<QString, SqlRepository::SessionIdentity>> SqlRepository::identitiesOf(
    const QSet<QString> &analyticsIds)
{
    QHash<QString, SessionIdentity> identities
        = m_inSnapshot ? m_snapshotIdentities : QHash<QString, SessionIdentity>();
    QJsonArray unknown;
    for (const QString &id : analyticsIds) {
        if (!identities.contains(id))
            unknown.append(id);
    }
    if (unknown.isEmpty())
        return identities;
    if (auto error = selectRows(QStringLiteral("SELECT id, session_id, user_id FROM p2p_analytics_aggregates "
                                               "WHERE id IN (%1)")
                                    .arg(m_dialect.textsOfJsonArray()),
            { compactJson(unknown) }, QStringLiteral("Could not read sessions"), [&](const ResultRow &row) {
                identities.insert(row.text(0), { row.text(1), row.text(2) });
            }))
        return *error;
    if (m_inSnapshot)
        m_snapshotIdentities = identities;
    return identities;
}

StorageResult<QHash<QString, SqlRepository::SessionIdentity>> SqlRepository::identitiesAt(
    const QList<QList<SummedSample>> &ends)
{
    QSet<QString> sessions;
    for (const QList<SummedSample> &end : ends) {
        for (const SummedSample &sample : end)
            sessions.insert(sample.analyticsId);
    }
    return identitiesOf(sessions);
}

StorageResult<RollupBucket> SqlRepository::rawSums(const Condition &condition)
{
    RollupBucket sums;
    if (auto error = forEachSummedSample(condition, [&](const SummedSample &sample) { sums.add(sample.metrics); }))
        return *error;
    return sums;
}

StorageResult<std::map<qint64, RollupBucket>> SqlRepository::fleetSums(const RollupPlan &plan, qint64 groupMs)
{
    if (auto error = connect())
        return *error;
    std::map<qint64, RollupBucket> buckets;
    TRY_STORAGE(ends, rawEnds(plan));
    for (const QList<SummedSample> &end : ends) {
        for (const SummedSample &sample : end) {
            if (isSummed(sample.metrics))
                buckets[groupMs > 0 ? RollupPlan::floorTo(sample.recordedAtMs, groupMs) : 0].add(sample.metrics);
        }
    }
    QVariantList values;
    const QString rows = spanSelects(plan, u"bucket_start, " + SqlRollups::rollupValueColumns(),
        SqlRollups::RollupTable, QStringLiteral("1 = 1"), {}, values);
    if (auto error = selectRows(rows, values, QStringLiteral("Could not read the rollups"), [&](const ResultRow &row) {
            const qint64 start = row.integer(0);
            buckets[groupMs > 0 ? RollupPlan::floorTo(start, groupMs) : 0].merge(SqlRollups::bucketFrom(row, 1));
        }))
        return *error;
    return buckets;
}

StorageResult<RollupBucket> SqlRepository::fleetSums(const RollupPlan &plan)
{
    TRY_STORAGE(buckets, fleetSums(plan, 0));
    return buckets.empty() ? RollupBucket() : buckets.begin()->second;
}

StorageResult<RollupBucket> SqlRepository::sampleSums(const SampleFilter &filter)
{
    if (fleetWide(filter))
        return fleetSums(RollupPlan::of(filter.window));
    return rawSums(conditionFor(filter));
}

StorageResult<QSet<SqlRepository::SeenEntity>> SqlRepository::seenEntities(
    const RollupPlan &plan, PresenceKind kind, const SampleFilter &filter)
{
    Q_ASSERT(namesSession(kind) || fleetWide(filter));
    if (auto error = connect())
        return *error;
    // Told apart here rather than by the database: SQLite's UNION of the presence and raw rows sorted
    // them all in a temporary b-tree (20 ms for the connections of a day's 500 sessions).
    // The rows' pairs by their bytes (the session key's length, then both keys), so that a QString is
    // made once per entity, not once per row: most entities have several rows (hours, days, raw).
    Utf8Keys::Set rowKeys;
    std::string key;
    auto insert = [&](const ResultRow &row) {
        const QByteArrayView session = row.utf8(0);
        const auto length = quint32(session.size());
        key.assign(reinterpret_cast<const char *>(&length), sizeof length);
        key.append(session.data(), std::size_t(session.size()));
        const QByteArrayView entity = row.utf8(1);
        key.append(entity.data(), std::size_t(entity.size()));
        if (!rowKeys.contains(std::string_view(key)))
            rowKeys.insert(key);
    };
    const Condition scope = sessionScope(filter, QStringLiteral("session_key"));
    QVariantList values;
    const QString rows = SqlRollups::presenceSelects(plan.wholeMinutes, QStringLiteral("session_key, entity_key"),
        u"kind = ? AND " + scope.sql, QVariantList { qint64(kind) } + scope.values, values);
    if (auto error = selectRows(rows, values, QStringLiteral("Could not read who was seen"), insert))
        return *error;
    // The raw ends: those the snapshot has read in full give their entities as the writer records
    // them, the others are read for the kind's key columns alone.
    QList<TimeWindow> unread;
    QList<QList<SummedSample>> kept;
    for (const TimeWindow &part : plan.rawParts) {
        if (const QList<SummedSample> *samples = fleetWide(filter) ? keptEnd(part) : nullptr)
            kept.append(*samples);
        else
            unread.append(part);
    }
    if (!unread.isEmpty()) {
        const Condition ends = rawPartsCondition(unread, filter);
        QStringList selects;
        QVariantList rawValues;
        const QStringList raw = rawKeysOf(kind);
        for (const QString &select : raw) {
            selects << select.arg(ends.sql);
            for (qsizetype uses = select.count(QStringLiteral("%1")); uses > 0; --uses)
                rawValues += ends.values;
        }
        if (auto error = selectRows(
                selects.join(u" UNION ALL "), rawValues, QStringLiteral("Could not read who was seen"), insert))
            return *error;
    }
    QSet<SeenEntity> seen;
    QHash<QString, SessionIdentity> identities;
    if (kind == PresenceKind::User && !kept.isEmpty()) {
        TRY_STORAGE(known, identitiesAt(kept));
        identities = known;
    }
    for (const QList<SummedSample> &end : std::as_const(kept)) {
        for (const SummedSample &sample : end) {
            const auto entity = presenceOf(kind, sample.metrics, sample.analyticsId,
                kind == PresenceKind::User ? identities.value(sample.analyticsId).userId : QString());
            if (entity)
                seen.insert(*entity);
        }
    }
    for (const std::string &pair : rowKeys) {
        quint32 length = 0;
        std::memcpy(&length, pair.data(), sizeof length);
        const char *session = pair.data() + sizeof length;
        seen.insert({ QString::fromUtf8(session, qsizetype(length)),
            QString::fromUtf8(session + length, qsizetype(pair.size() - sizeof length - length)) });
    }
    return seen;
}

StorageResult<qint64> SqlRepository::distinctCount(const RollupPlan &plan, PresenceKind kind)
{
    TRY_STORAGE(seen, seenEntities(plan, kind, {}));
    return qint64(seen.size());
}

StorageResult<QHash<QString, qint64>> SqlRepository::distinctPerSession(
    const RollupPlan &plan, PresenceKind kind, const SampleFilter &filter)
{
    TRY_STORAGE(seen, seenEntities(plan, kind, filter));
    QHash<QString, qint64> counts;
    for (const SeenEntity &entity : seen)
        ++counts[entity.first];
    return counts;
}

StorageResult<QHash<QString, SessionRollup>> SqlRepository::sessionSums(
    const RollupPlan &plan, const SampleFilter &filter)
{
    // The session rollups of the whole minutes, the raw rows at the ends.
    const Condition scope = sessionScope(filter, QStringLiteral("analytics_id"));
    QVariantList values;
    const QString rollups = spanSelects(RollupPlan::of(filter.window, RollupPlan::SessionCoarsestMs),
        u"analytics_id, " + SqlRollups::sessionSumColumns(), SqlRollups::SessionRollupTable, scope.sql, scope.values,
        values);
    // By the aggregate id's bytes first: a QString per session, not per row (37 rows per session in
    // a day).
    Utf8Keys::Map<SessionRollup> rolled;
    if (auto error = selectRows(rollups, values, QStringLiteral("Could not read the session rollups"),
            [&](const ResultRow &row) { SqlRollups::addSessionSums(row, 1, Utf8Keys::at(rolled, row.utf8(0))); }))
        return *error;
    QHash<QString, SessionRollup> sums;
    sums.reserve(qsizetype(rolled.size()));
    for (const auto &[id, rollup] : rolled)
        sums.insert(QString::fromUtf8(id.data(), qsizetype(id.size())), rollup);
    auto add = [&](const SummedSample &sample) {
        if (isSummed(sample.metrics))
            sums[sample.analyticsId].add(sample.metrics);
    };
    if (fleetWide(filter)) {
        TRY_STORAGE(ends, rawEnds(plan));
        for (const QList<SummedSample> &end : ends)
            std::for_each(end.cbegin(), end.cend(), add);
    } else if (auto error = forEachSummedSample(rawPartsCondition(plan.rawParts, filter), add)) {
        return *error;
    }
    return sums;
}

StorageResult<QList<SessionScore>> SqlRepository::sessionScores(const SampleFilter &filter)
{
    if (auto error = connect())
        return *error;
    const RollupPlan plan = RollupPlan::of(filter.window);
    TRY_STORAGE(sums, sessionSums(plan, filter));
    // Every session seen, whether or not it has sums (one with network samples alone has none).
    TRY_STORAGE(seen, seenEntities(plan, PresenceKind::Session, filter));
    QList<SessionScore> scores;
    scores.reserve(seen.size());
    for (const SeenEntity &session : seen) {
        const SessionRollup rolled = sums.value(session.second);
        scores.append({ rolled.connectionSamples, rolled.qualityScoreSum });
    }
    return scores;
}

StorageResult<QList<SessionSummary>> SqlRepository::sessionSummaries(const SampleFilter &filter)
{
    if (auto error = connect())
        return *error;
    const RollupPlan plan = RollupPlan::of(filter.window);

    // Sums first: they read the raw ends in full, which the counts below then reuse.
    TRY_STORAGE(sums, sessionSums(plan, filter));

    // The sessions with a sample in the window, in the order sessionSummaries() promises.
    TRY_STORAGE(seen, seenEntities(plan, PresenceKind::Session, filter));
    QJsonArray ids;
    for (const SeenEntity &session : seen)
        ids.append(session.second);
    TRY_STORAGE(connections, distinctPerSession(plan, PresenceKind::Connection, filter));
    TRY_STORAGE(streams, distinctPerSession(plan, PresenceKind::SessionStream, filter));
    QList<SessionSummary> summaries;
    if (auto error = selectRows(
            QStringLiteral("SELECT %1 FROM p2p_analytics_aggregates WHERE id IN (%2) ORDER BY created_at DESC, %3")
                .arg(s_aggregateColumns, m_dialect.textsOfJsonArray(),
                    m_dialect.binaryOrder(QStringLiteral("session_id"))),
            { compactJson(ids) }, QStringLiteral("Could not read sessions"), [&](const ResultRow &row) {
                SessionSummary summary;
                summary.session = sessionFrom(row, 0);
                const SessionRollup rolled = sums.value(summary.session.id);
                summary.connectionSamples = rolled.connectionSamples;
                summary.qualityScoreSum = rolled.qualityScoreSum;
                summary.successfulSamples = rolled.successfulSamples;
                summary.mosSum = rolled.mosSum;
                summary.streamingSamples = rolled.streamingSamples;
                summary.streamingSeconds = rolled.streamingSeconds;
                summary.distinctConnections = connections.value(summary.session.id);
                summary.distinctStreams = streams.value(summary.session.id);
                summaries.append(summary);
            }))
        return *error;
    return summaries;
}

StorageResult<QList<SessionPeer>> SqlRepository::sessionPeers(const SampleFilter &filter)
{
    TRY_STORAGE(seen, seenEntities(RollupPlan::of(filter.window), PresenceKind::SessionPeer, filter));
    QSet<QString> sessions;
    for (const SeenEntity &entity : seen)
        sessions.insert(entity.first);
    TRY_STORAGE(identities, identitiesOf(sessions));
    QList<SessionPeer> peers;
    for (const auto &[session, entity] : seen) {
        // "peer/type": connection types have no '/', peer ids may.
        const qsizetype slash = entity.lastIndexOf(u'/');
        const auto identity = identities.constFind(session);
        if (const auto type = enumFromString<ConnectionType>(entity.mid(slash + 1));
            type && identity != identities.cend())
            peers.append({ identity->sessionId, entity.left(slash), *type });
    }
    return peers;
}

StorageResult<ConnectionTotals> SqlRepository::connectionTotals(const SampleFilter &filter)
{
    if (!fleetWide(filter))
        return rawConnectionTotals(filter);
    const RollupPlan plan = RollupPlan::of(filter.window);
    TRY_STORAGE(sums, fleetSums(plan));
    ConnectionTotals totals = sums.connectionTotals();
    TRY_STORAGE(peers, distinctCount(plan, PresenceKind::Peer));
    TRY_STORAGE(connections, distinctCount(plan, PresenceKind::Connection));
    totals.distinctPeers = peers;
    totals.distinctConnections = connections;
    return totals;
}

StorageResult<StreamingTotals> SqlRepository::streamingTotals(const SampleFilter &filter)
{
    if (!fleetWide(filter))
        return rawStreamingTotals(filter);
    const RollupPlan plan = RollupPlan::of(filter.window);
    TRY_STORAGE(sums, fleetSums(plan));
    StreamingTotals totals = sums.streamingTotals();
    // A stream is open when none of its samples in the window ended it.
    TRY_STORAGE(streams, distinctCount(plan, PresenceKind::Stream));
    TRY_STORAGE(ended, distinctCount(plan, PresenceKind::EndedStream));
    totals.distinctStreams = streams;
    totals.openStreams = streams - ended;
    return totals;
}

StorageResult<qint64> SqlRepository::openStreams(const SampleFilter &filter)
{
    if (!fleetWide(filter)) {
        TRY_STORAGE(totals, rawStreamingTotals(filter));
        return totals.openStreams;
    }
    const RollupPlan plan = RollupPlan::of(filter.window);
    TRY_STORAGE(streams, distinctCount(plan, PresenceKind::Stream));
    TRY_STORAGE(ended, distinctCount(plan, PresenceKind::EndedStream));
    return streams - ended;
}

StorageResult<qint64> SqlRepository::distinctPeers(const SampleFilter &filter)
{
    if (fleetWide(filter))
        return distinctCount(RollupPlan::of(filter.window), PresenceKind::Peer);
    TRY_STORAGE(totals, rawConnectionTotals(filter));
    return totals.distinctPeers;
}

StorageResult<ConnectionBreakdown> SqlRepository::connectionBreakdown(const SampleFilter &filter)
{
    if (!fleetWide(filter))
        return rawConnectionBreakdown(filter);
    TRY_STORAGE(sums, fleetSums(RollupPlan::of(filter.window)));
    return sums.breakdown();
}

StorageResult<qint64> SqlRepository::distinctUsers(const SampleFilter &filter)
{
    if (!fleetWide(filter))
        return rawDistinctUsers(filter);
    return distinctCount(RollupPlan::of(filter.window), PresenceKind::User);
}

StorageResult<qint64> SqlRepository::distinctStreams(const SampleFilter &filter)
{
    if (fleetWide(filter))
        return distinctCount(RollupPlan::of(filter.window), PresenceKind::Stream);
    TRY_STORAGE(totals, rawStreamingTotals(filter));
    return totals.distinctStreams;
}

StorageResult<qint64> SqlRepository::distinctConnections(const SampleFilter &filter)
{
    if (fleetWide(filter))
        return distinctCount(RollupPlan::of(filter.window), PresenceKind::Connection);
    TRY_STORAGE(totals, rawConnectionTotals(filter));
    return totals.distinctConnections;
}

StorageResult<qint64> SqlRepository::peakConcurrentUsers(const SampleFilter &filter)
{
    if (!fleetWide(filter))
        return rawPeakConcurrentUsers(filter);
    const RollupPlan plan = RollupPlan::of(filter.window);
    if (auto error = connect())
        return *error;
    // Users per whole minute, from the bits of the users' hour presence rows.
    QHash<qint64, std::array<qint64, 60>> usersPerHour;
    QVariantList values;
    const QString rows = SqlRollups::hourPresenceSelects(plan.wholeMinutes, QStringLiteral("bucket_start, mask"),
        QStringLiteral("kind = ?"), { qint64(PresenceKind::User) }, values);
    if (auto error
        = selectRows(rows, values, QStringLiteral("Could not count concurrent users"), [&](const ResultRow &row) {
              std::array<qint64, 60> &users = usersPerHour[row.integer(0)];
              const qint64 minutes = row.integer(1);
              for (int minute = 0; minute < 60; ++minute)
                  users.at(std::size_t(minute)) += (minutes >> minute) & 1;
          }))
        return *error;
    qint64 peak = 0;
    for (auto hour = usersPerHour.cbegin(); hour != usersPerHour.cend(); ++hour) {
        for (int minute = 0; minute < 60; ++minute) {
            const qint64 start = hour.key() + minute * RollupPlan::MinuteMs;
            if (start >= plan.wholeMinutes.from && start < plan.wholeMinutes.to)
                peak = std::max(peak, hour.value().at(std::size_t(minute)));
        }
    }
    // The users of the raw ends' minutes.
    TRY_STORAGE(ends, rawEnds(plan));
    TRY_STORAGE(identities, identitiesAt(ends));
    QHash<qint64, QSet<QString>> usersPerMinute;
    for (const QList<SummedSample> &end : ends) {
        for (const SummedSample &sample : end) {
            if (const auto identity = identities.constFind(sample.analyticsId); identity != identities.cend())
                usersPerMinute[RollupPlan::floorTo(sample.recordedAtMs, RollupPlan::MinuteMs)].insert(identity->userId);
        }
    }
    for (const QSet<QString> &users : std::as_const(usersPerMinute))
        peak = std::max(peak, qint64(users.size()));
    return peak;
}

StorageResult<QList<ConnectionBucket>> SqlRepository::connectionBuckets(const SampleFilter &filter, qint64 bucketMs)
{
    // Rollup buckets fit trend buckets of whole minutes; coarser rollups those they divide.
    if (!fleetWide(filter) || bucketMs % RollupPlan::MinuteMs != 0)
        return rawConnectionBuckets(filter, bucketMs);
    qint64 coarsest = RollupPlan::MinuteMs;
    for (const int seconds : RollupPlan::Granularities) {
        if (bucketMs % (seconds * qint64(1000)) == 0)
            coarsest = seconds * qint64(1000);
    }
    TRY_STORAGE(sums, fleetSums(RollupPlan::of(filter.window, coarsest), bucketMs));
    QList<ConnectionBucket> buckets;
    for (const auto &[start, bucket] : sums) {
        if (bucket.connectionSamples > 0)
            buckets.append(connectionBucketOf(start, bucket));
    }
    return buckets;
}

StorageResult<QList<ActivityBucket>> SqlRepository::activityBuckets(const SampleFilter &filter, qint64 bucketMs)
{
    // Presence rows answer trend buckets that are whole minutes and either divide an hour or are whole hours.
    const bool fitsPresence = bucketMs % RollupPlan::MinuteMs == 0
        && (RollupPlan::HourMs % bucketMs == 0 || bucketMs % RollupPlan::HourMs == 0);
    if (!fleetWide(filter) || !filter.window || !fitsPresence)
        return rawActivityBuckets(filter, bucketMs);
    const RollupPlan plan = RollupPlan::of(filter.window);
    const RollupPlan::HourCover cover = RollupPlan::hourCover(plan.wholeMinutes);

    // The distinct sessions, users and streams of each trend bucket, added up here rather than by the
    // database: a COUNT(DISTINCT) per bucket over presence rows joined to their minutes took 100 ms for
    // an hour of minute buckets.
    constexpr std::array<PresenceKind, 3> Kinds { PresenceKind::Session, PresenceKind::User, PresenceKind::Stream };
    std::map<qint64, std::array<QSet<QString>, Kinds.size()>> seen;
    auto see = [&](qint64 ms, int kind, const QString &entity) {
        const auto index = std::find(Kinds.begin(), Kinds.end(), PresenceKind(kind)) - Kinds.begin();
        seen[RollupPlan::floorTo(ms, bucketMs)].at(std::size_t(index)).insert(entity);
    };
    QVariantList values;
    const QString sql
        = SqlRollups::hourPresenceSelects(plan.wholeMinutes, QStringLiteral("kind, bucket_start, entity_key, mask"),
            QStringLiteral("kind IN (?, ?, ?)"), { qint64(Kinds[0]), qint64(Kinds[1]), qint64(Kinds[2]) }, values);
    if (auto error
        = selectRows(sql, values, QStringLiteral("Could not read activity trends"), [&](const ResultRow &row) {
              const qint64 hour = row.integer(1);
              qint64 minutes = row.integer(3);
              for (const PartialBucket &partial : cover.partialHours) {
                  if (partial.start == hour)
                      minutes &= partial.bits;
              }
              // The entity's first minute in each trend bucket of the hour.
              for (int minute = 0; minute < 60;) {
                  if (!((minutes >> minute) & 1)) {
                      ++minute;
                      continue;
                  }
                  const qint64 start = hour + minute * RollupPlan::MinuteMs;
                  see(start, int(row.integer(0)), row.text(2));
                  const qint64 next = RollupPlan::floorTo(start, bucketMs) + bucketMs;
                  minute = next >= hour + RollupPlan::HourMs ? 60 : int((next - hour) / RollupPlan::MinuteMs);
              }
          }))
        return *error;

    // The raw ends' entities, each in the bucket of its sample.
    TRY_STORAGE(ends, rawEnds(plan));
    TRY_STORAGE(identities, identitiesAt(ends));
    for (const QList<SummedSample> &end : ends) {
        for (const SummedSample &sample : end) {
            const QString user = identities.value(sample.analyticsId).userId;
            for (const PresenceKind kind : Kinds) {
                const auto entity = presenceOf(kind, sample.metrics, sample.analyticsId, user);
                if (entity)
                    see(sample.recordedAtMs, int(kind), entity->second);
            }
        }
    }

    QList<ActivityBucket> buckets;
    for (const auto &[start, entities] : seen) {
        buckets.append({ QDateTime::fromMSecsSinceEpoch(start, Qt::UTC), qint64(entities[0].size()),
            qint64(entities[1].size()), qint64(entities[2].size()) });
    }
    return buckets;
}

StorageResult<QList<GroupTotals>> SqlRepository::groupTotals(const SampleFilter &filter, SampleGroup group)
{
    if (!fleetWide(filter) || group != SampleGroup::Global)
        return rawGroupTotals(filter, group);
    TRY_STORAGE(sums, fleetSums(RollupPlan::of(filter.window)));
    if (sums.connectionSamples == 0 && sums.streamingSamples == 0)
        return QList<GroupTotals>();
    return QList<GroupTotals> { sums.groupTotals() };
}

StorageResult<MosDistribution> SqlRepository::mosDistribution(const SampleFilter &filter)
{
    if (!fleetWide(filter))
        return sessionMosDistribution(filter);
    TRY_STORAGE(sums, fleetSums(RollupPlan::of(filter.window)));
    return sums.mosDistribution();
}

StorageResult<ConnectionDistributions> SqlRepository::connectionDistributions(const SampleFilter &filter)
{
    if (!fleetWide(filter))
        return rawConnectionDistributions(filter);
    TRY_STORAGE(sums, fleetSums(RollupPlan::of(filter.window)));
    return sums.distributions();
}

// --- Retention --------------------------------------------------------------------------------------
//
// Each statement deletes a bounded number of rows in a transaction of its own, so that the writer
// never waits for retention longer than one small delete.

StorageResult<qint64> SqlRepository::deleteSamplesBefore(const QDateTime &before, qsizetype limit)
{
    if (auto error = connect())
        return *error;
    qint64 deleted = 0;
    QSqlQuery query(m_database);
    for (MetricKind kind : { MetricKind::Connection, MetricKind::Streaming, MetricKind::Network, MetricKind::System }) {
        const QString table = tableOf(kind);
        if (auto error = run(query,
                QStringLiteral("DELETE FROM %1 WHERE id IN (SELECT id FROM %1 WHERE created_at < ? "
                               "ORDER BY created_at LIMIT ?)")
                    .arg(table),
                { m_dialect.timeValue(before), qint64(limit) }, u"Could not delete old rows of " + table))
            return *error;
        deleted += query.numRowsAffected();
    }
    return deleted;
}

StorageResult<qint64> SqlRepository::deleteRollupsBefore(const QDateTime &before, qsizetype limit)
{
    if (auto error = connect())
        return *error;
    const qint64 beforeMs = before.toMSecsSinceEpoch();
    qint64 deleted = 0;
    QSqlQuery query(m_database);
    auto deleteRows = [&](const QString &table, const QString &key, const QString &condition,
                          const QVariantList &values) -> std::optional<StorageError> {
        if (auto error = run(query,
                QStringLiteral("DELETE FROM %1 WHERE (%2) IN (SELECT %2 FROM %1 WHERE %3 LIMIT ?)")
                    .arg(table, key, condition),
                values + QVariantList { qint64(limit) }, u"Could not delete old rows of " + table))
            return error;
        deleted += query.numRowsAffected();
        return std::nullopt;
    };
    // Buckets that ended before `before`, one granularity at a time, so that the primary key finds them.
    for (const int seconds : RollupPlan::Granularities) {
        const QVariantList bucket { seconds, beforeMs - seconds * qint64(1000) };
        if (auto error
            = deleteRows(SqlRollups::RollupTable, QStringLiteral("granularity_seconds, bucket_start, node_id"),
                QStringLiteral("granularity_seconds = ? AND bucket_start <= ?"), bucket))
            return *error;
        if (auto error = deleteRows(SqlRollups::SessionRollupTable,
                QStringLiteral("granularity_seconds, bucket_start, analytics_id, node_id"),
                QStringLiteral("granularity_seconds = ? AND bucket_start <= ?"), bucket))
            return *error;
    }
    for (int kind = int(PresenceKind::Session); kind <= int(PresenceKind::SessionPeer); ++kind) {
        for (const int seconds : RollupPlan::PresenceSpans) {
            if (auto error = deleteRows(SqlRollups::PresenceTable,
                    QStringLiteral("kind, span_seconds, bucket_start, session_key, entity_key"),
                    QStringLiteral("kind = ? AND span_seconds = ? AND bucket_start <= ?"),
                    { kind, seconds, beforeMs - seconds * qint64(1000) }))
                return *error;
        }
    }
    // A session last updated before then has nothing left to describe (its samples go with it).
    if (auto error = deleteRows(QStringLiteral("p2p_analytics_aggregates"), QStringLiteral("id"),
            QStringLiteral("updated_at < ?"), { m_dialect.timeValue(before) }))
        return *error;
    return deleted;
}

std::optional<StorageError> SqlRepository::reclaimSpace()
{
    // Only SQLite keeps freed pages in its file; PostgreSQL's autovacuum reuses them.
    const QString sql = m_dialect.reclaimSpace();
    if (sql.isEmpty())
        return std::nullopt;
    if (auto error = connect())
        return error;
    if (const std::optional<QString> failure = sqliteExecute(m_database, sql)) {
        qCWarning(lcStorage) << "Could not give free pages back:" << *failure;
        return StorageError { StorageError::Kind::Failed, u"Could not give free pages back: " + *failure };
    }
    return std::nullopt;
}

StorageResult<MosDistribution> SqlRepository::sessionMosDistribution(const SampleFilter &filter)
{
    if (auto error = connect())
        return *error;
    // A user's or a session's: the histograms of its sessions' rollups, the raw rows at the ends.
    const RollupPlan plan = RollupPlan::of(filter.window, RollupPlan::SessionCoarsestMs);
    const Condition scope = sessionScope(filter, QStringLiteral("analytics_id"));
    QVariantList values;
    const QString rollups = spanSelects(
        plan, SqlRollups::sessionRollupValueColumns(), SqlRollups::SessionRollupTable, scope.sql, scope.values, values);
    SessionRollup rolled;
    if (auto error = selectRows(rollups, values, QStringLiteral("Could not read the session rollups"),
            [&](const ResultRow &row) { rolled.merge(SqlRollups::sessionRollupFrom(row, 0)); }))
        return *error;
    if (!plan.rawParts.isEmpty()) {
        if (auto error = forEachSummedSample(rawPartsCondition(plan.rawParts, filter),
                [&](const SummedSample &sample) { rolled.add(sample.metrics); }))
            return *error;
    }
    return MosDistribution { rolled.mosHistogram, rolled.mosSum, rolled.mos.smallest, rolled.mos.largest };
}
