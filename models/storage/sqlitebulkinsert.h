#pragma once

#include "sqlrow.h"

#include <QSqlDatabase>

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
