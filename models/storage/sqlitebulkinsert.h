#pragma once

#include "resultrow.h"
#include "sqlrow.h"

#include <QSqlDatabase>

#include <QVariantList>

#include <functional>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

/**
 * Inserts many rows into one SQLite table through the sqlite3 API under the Qt connection
 * (QSqlDriver::handle()). QtSql binds each value as a QVariant and each text as UTF-16 for SQLite to
 * convert; binding UTF-8 and numbers directly made large batches about three times faster here.
 * The statement is prepared once; finalize() must run before the connection closes.
 */
class SqliteBulkInsert
{
public:
    SqliteBulkInsert() = default;
    ~SqliteBulkInsert();
    SqliteBulkInsert(const SqliteBulkInsert &) = delete;
    SqliteBulkInsert &operator=(const SqliteBulkInsert &) = delete;

    // Returns the error text, if any; rows already inserted stay part of the caller's transaction.
    std::optional<QString> insert(const QSqlDatabase &database, const QString &sql, const QList<SqlRow> &rows);
    void finalize();

private:
    sqlite3_stmt *m_statement = nullptr;
};

// Runs a statement under the Qt connection through sqlite3_exec, which steps it to its end: QtSql
// steps a statement without result columns once, and PRAGMA incremental_vacuum(N) frees one page a
// step. Returns the error text, if any.
std::optional<QString> sqliteExecute(const QSqlDatabase &database, const QString &sql);

// Runs a SELECT under the Qt connection through the sqlite3 API and calls `visit` with each row.
// QtSql turns every value of every row into a QVariant (texts through UTF-16), which made reading a
// minute of raw samples cost more than the rest of a request. Returns the error text, if any.
std::optional<QString> sqliteSelect(const QSqlDatabase &database, const QString &sql, const QVariantList &values,
    const std::function<void(const ResultRow &)> &visit);
