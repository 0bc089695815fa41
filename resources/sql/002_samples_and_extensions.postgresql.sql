-- The contract's u32 fields do not fit PostgreSQL's INTEGER (signed 32 bits): widen them so that
-- every value the API accepts is stored. SQLite's INTEGER is 64 bits already.
ALTER TABLE p2p_connection_metrics
    ALTER COLUMN latency_ms TYPE BIGINT,
    ALTER COLUMN jitter_ms TYPE BIGINT;
ALTER TABLE p2p_streaming_metrics
    ALTER COLUMN bitrate_kbps TYPE BIGINT,
    ALTER COLUMN resolution_width TYPE BIGINT,
    ALTER COLUMN resolution_height TYPE BIGINT,
    ALTER COLUMN dropped_frames TYPE BIGINT,
    ALTER COLUMN total_frames TYPE BIGINT,
    ALTER COLUMN adaptive_switches TYPE BIGINT;
