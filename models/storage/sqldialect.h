#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVariant>

/**
 * Everything that differs between SQLite and PostgreSQL, in one place.
 *
 * Times: PostgreSQL keeps TIMESTAMP WITH TIME ZONE; SQLite keeps Unix epoch milliseconds (UTC) in the
 * same columns, which compare, sort and bucket as plain integers.
 */
class SqlDialect
{
public:
    enum class Kind { Sqlite, PostgreSql };

    explicit SqlDialect(Kind kind)
        : m_kind(kind)
    { }

    Kind kind() const { return m_kind; }

    // How rows are best inserted in bulk: SQLite, in-process, runs one prepared statement per row fast
    // (see SqliteBulkInsert); PostgreSQL answers each statement over the network, and wants many rows
    // in one INSERT instead (about 9x faster here than one statement per row).
    enum class BulkInsert { OneStatementPerRow, MultiRowValues };
    BulkInsert bulkInsert() const
    {
        return m_kind == Kind::Sqlite ? BulkInsert::OneStatementPerRow : BulkInsert::MultiRowValues;
    }
    // The name migration files use for dialect-specific steps.
    QString name() const;
    // The QtSql driver.
    QString driver() const;

    QVariant timeValue(const QDateTime &time) const;
    QDateTime timeFromValue(const QVariant &value) const;
    // An SQL expression giving a time column as epoch milliseconds (BIGINT).
    QString epochMs(const QString &column) const;

    // `expression` kept within [lowest, highest], the expression written once.
    QString clamp(const QString &expression, const QString &lowest, const QString &highest) const;
    // Ends a subquery so that the database computes its columns once per row rather than once per use
    // in the outer query (which it would after flattening the subquery: the E-model uses R four times).
    QString evaluateOnce() const;
    // The integer part of a non-negative number (PostgreSQL's CAST rounds; SQLite's truncates).
    QString floorToInteger(const QString &expression) const;
    // A column in an ORDER BY that must sort by code point, as QString does, whatever the database's collation.
    QString binaryOrder(const QString &column) const;

    // A subquery giving the texts of the JSON array of strings bound to its one `?`: an IN list of any length.
    QString textsOfJsonArray() const;

    // Statements run once on every new connection.
    QStringList connectionSetup() const;
    // Brings the query planner's statistics up to date for this connection (empty where the server
    // keeps them itself). Without them, SQLite reads a window's samples through the per-session index
    // from end to end instead of through the time index: 130 ms instead of 35 ms for an hour at 1M rows.
    QString refreshStatistics() const;
    // Gives some of the pages deleted rows freed back to the file system (empty where the server
    // does so by itself).
    QString reclaimSpace() const;
    // Starts a transaction that will write. SQLite takes its write lock at once, so that two writers
    // never deadlock upgrading read locks.
    QString beginWrite() const;
    // Starts a transaction that only reads and sees one state of the database throughout (SQLite's
    // read transactions do so in WAL mode; PostgreSQL's need REPEATABLE READ). ROLLBACK ends it.
    QString beginSnapshot() const;
    // Run at the start of a migration transaction so that concurrent processes migrate one at a time
    // (empty where beginWrite() already serializes them).
    QString migrationLock() const;

private:
    Kind m_kind;
};
