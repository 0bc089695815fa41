#pragma once

#include "sqldialect.h"
#include "storageresult.h"

#include <QSqlDatabase>

#include <optional>

/**
 * Brings a database to the schema this binary knows, one numbered migration at a time, each in its
 * own transaction and recorded in `schema_version`. A database newer than the binary is refused.
 *
 * Migrations are the files of the `:/sql` resource named `NNN_description.sql`; a file
 * `NNN_description.<dialect>.sql` runs right after it on that dialect only.
 */
class Migrator
{
public:
    Migrator(QSqlDatabase database, SqlDialect dialect);

    static int latestVersion();

    // The version recorded in the database, 0 for an empty one.
    StorageResult<int> currentVersion();
    // Applies every migration up to targetVersion; returns the error that stopped it, if any.
    std::optional<StorageError> migrate(int targetVersion = latestVersion());

private:
    std::optional<StorageError> apply(int version, const QStringList &files);

    QSqlDatabase m_database;
    SqlDialect m_dialect;
};
