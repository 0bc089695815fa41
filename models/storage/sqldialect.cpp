#include "sqldialect.h"

QString SqlDialect::name() const
{
    return m_kind == Kind::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

QString SqlDialect::driver() const
{
    return m_kind == Kind::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QVariant SqlDialect::timeValue(const QDateTime &time) const
{
    if (!time.isValid())
        return QVariant();
    if (m_kind == Kind::Sqlite)
        return time.toMSecsSinceEpoch();
    return time.toUTC();
}

QDateTime SqlDialect::timeFromValue(const QVariant &value) const
{
    if (value.isNull())
        return QDateTime();
    if (m_kind == Kind::Sqlite)
        return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
    return value.toDateTime().toUTC();
}

QString SqlDialect::epochMs(const QString &column) const
{
    if (m_kind == Kind::Sqlite)
        return column;
    return u"CAST(EXTRACT(EPOCH FROM " + column + u") * 1000 AS BIGINT)";
}

QString SqlDialect::binaryOrder(const QString &column) const
{
    // SQLite's default collation (BINARY) already compares bytes.
    return m_kind == Kind::PostgreSql ? column + u" COLLATE \"C\"" : column;
}

QString SqlDialect::clamp(const QString &expression, const QString &lowest, const QString &highest) const
{
    // SQLite's min() and max() take several arguments, like PostgreSQL's LEAST() and GREATEST().
    if (m_kind == Kind::PostgreSql)
        return u"GREATEST(" + lowest + u", LEAST(" + highest + u", " + expression + u"))";
    return u"max(" + lowest + u", min(" + highest + u", " + expression + u"))";
}

QString SqlDialect::evaluateOnce() const
{
    // A LIMIT (SQLite) or an OFFSET (PostgreSQL) keeps the planner from merging the subquery into its parent.
    return m_kind == Kind::PostgreSql ? QStringLiteral("OFFSET 0") : QStringLiteral("LIMIT -1");
}

QString SqlDialect::floorToInteger(const QString &expression) const
{
    if (m_kind == Kind::PostgreSql)
        return u"CAST(FLOOR(" + expression + u") AS BIGINT)";
    return u"CAST(" + expression + u" AS INTEGER)";
}

QString SqlDialect::textsOfJsonArray() const
{
    return m_kind == Kind::Sqlite ? QStringLiteral("SELECT value FROM json_each(?)")
                                  : QStringLiteral("SELECT json_array_elements_text(CAST(? AS json))");
}

QStringList SqlDialect::connectionSetup() const
{
    if (m_kind == Kind::Sqlite) {
        return {
            // A commit writes every page it touched to the log in full, and a single-record commit
            // touches a dozen (the row, its indices, the rollups): 16 KiB pages made it 1.7x slower.
            // Only takes effect on a new database, so it comes before anything creates the file.
            QStringLiteral("PRAGMA page_size = 4096"),
            // Pages that retention frees go back to the file system a few at a time (reclaimSpace());
            // like the page size, this only takes effect on a new database.
            QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL"),
            // WAL lets the readers of other threads run while the writer commits.
            QStringLiteral("PRAGMA journal_mode = WAL"),
            // In WAL mode a commit is written before it returns, so a process killed at any moment
            // loses nothing committed; only losing power can take the last commits, and not syncing
            // each one is what lets a single-record POST come close to the bare server's rate.
            QStringLiteral("PRAGMA synchronous = NORMAL"),
            QStringLiteral("PRAGMA foreign_keys = ON"),
            // A reader that meets a checkpoint waits instead of failing.
            QStringLiteral("PRAGMA busy_timeout = 5000"),
            QStringLiteral("PRAGMA cache_size = -32768"), // KiB: 32 MiB per connection at most
            QStringLiteral("PRAGMA mmap_size = 268435456"), // reads from the mapped file, not read calls
            // ANALYZE samples this many index entries: about 10 ms at a million samples.
            QStringLiteral("PRAGMA analysis_limit = 1000"),
        };
    }
    return { QStringLiteral("SET TIME ZONE 'UTC'") };
}

QString SqlDialect::reclaimSpace() const
{
    // 1,024 pages of 4 KiB at a time: a few milliseconds, so that the writer hardly waits.
    return m_kind == Kind::Sqlite ? QStringLiteral("PRAGMA incremental_vacuum(1024)") : QString();
}

QString SqlDialect::refreshStatistics() const
{
    // PostgreSQL's autovacuum analyzes by itself.
    return m_kind == Kind::Sqlite ? QStringLiteral("ANALYZE") : QString();
}

QString SqlDialect::beginWrite() const
{
    return m_kind == Kind::Sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
}

QString SqlDialect::beginSnapshot() const
{
    return m_kind == Kind::Sqlite ? QStringLiteral("BEGIN")
                                  : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

QString SqlDialect::migrationLock() const
{
    // An arbitrary key shared by every VibeStream process.
    return m_kind == Kind::PostgreSql ? QStringLiteral("SELECT pg_advisory_xact_lock(5315001)") : QString();
}
