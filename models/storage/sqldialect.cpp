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

QStringList SqlDialect::connectionSetup() const
{
    if (m_kind == Kind::Sqlite) {
        // WAL lets the readers of other threads run while the writer commits; the busy timeout makes a
        // reader that meets a checkpoint wait instead of failing.
        return { QStringLiteral("PRAGMA journal_mode = WAL"), QStringLiteral("PRAGMA foreign_keys = ON"),
            QStringLiteral("PRAGMA busy_timeout = 5000") };
    }
    return { QStringLiteral("SET TIME ZONE 'UTC'") };
}

QString SqlDialect::beginWrite() const
{
    return m_kind == Kind::Sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
}

QString SqlDialect::migrationLock() const
{
    // An arbitrary key shared by every VibeStream process.
    return m_kind == Kind::PostgreSql ? QStringLiteral("SELECT pg_advisory_xact_lock(5315001)") : QString();
}
