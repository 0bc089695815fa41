-- The rollup tables (p2p_rollups, p2p_session_rollups, p2p_presence) are created by the dialect's
-- file: on SQLite they are WITHOUT ROWID tables, which store each row in its primary key's B-tree
-- alone and so write one B-tree instead of two per row.

-- A database that already holds samples gets the rollups of those once, by the first console that
-- opens it after this migration (SqlRepository::backfillRollups); it removes this row.
CREATE TABLE p2p_rollup_backfill (pending INTEGER NOT NULL);
INSERT INTO p2p_rollup_backfill (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM p2p_connection_metrics)
    OR EXISTS (SELECT 1 FROM p2p_streaming_metrics) OR EXISTS (SELECT 1 FROM p2p_network_metrics);
