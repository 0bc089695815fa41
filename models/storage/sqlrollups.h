#pragma once

#include "resultrow.h"
#include "rollupplan.h"
#include "rollupstaging.h"
#include "sqlrow.h"

#include <QString>
#include <QVariantList>

/**
 * The SQL side of the rollups: the rows of p2p_rollups and p2p_presence as SqlRepository writes and
 * reads them, the same on SQLite and PostgreSQL (times there are epoch milliseconds on both).
 */
namespace SqlRollups {

inline const QString RollupTable = QStringLiteral("p2p_rollups");
inline const QString SessionRollupTable = QStringLiteral("p2p_session_rollups");
inline const QString PresenceTable = QStringLiteral("p2p_presence");

// p2p_rollups' columns, key first, in the order of rollupRow().
QString rollupColumns();
// What makes an insert of an existing bucket replace its state.
QString rollupConflict();
SqlRow rollupRow(const RollupKey &key, const QString &nodeId, const RollupBucket &bucket);
// The bucket whose values start at column `first` (rollupColumns() without the three key columns).
RollupBucket bucketFrom(const ResultRow &row, int first);
// The value columns, for a SELECT that reads buckets.
QString rollupValueColumns();

QString sessionRollupColumns();
QString sessionRollupConflict();
SqlRow sessionRollupRow(const SessionRollupKey &key, const QString &nodeId, const SessionRollup &rollup);
// The session rollup whose values start at column `first` (connection_samples onwards).
SessionRollup sessionRollupFrom(const ResultRow &row, int first);
QString sessionRollupValueColumns();
// The columns of a session rollup that add up, and adding those read from column `first` to `sums`
// (only its sums: merging whole rollups, histograms included, cost more than reading the rows).
QString sessionSumColumns();
void addSessionSums(const ResultRow &row, int first, SessionRollup &sums);

QString presenceColumns();
// What makes an insert of an existing presence row add its minutes.
QString presenceConflict();
SqlRow presenceRow(const PresenceKey &key, qint64 bits);

// A SELECT of `columns` from the p2p_presence rows that meet `where` (its `?` bound to `whereValues`)
// and had a sample in one of the minutes of `minutes`, day rows where they tell: a UNION ALL, so that
// a row may come twice (once as an hour row, once as a day row). Its `?` are bound to `values`.
QString presenceSelects(const MsRange &minutes, const QString &columns, const QString &where,
    const QVariantList &whereValues, QVariantList &values);
// The same from hour rows alone, for questions by minute: each row comes once.
QString hourPresenceSelects(const MsRange &minutes, const QString &columns, const QString &where,
    const QVariantList &whereValues, QVariantList &values);

} // namespace SqlRollups
