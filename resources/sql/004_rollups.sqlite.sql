-- Rollups: what the fleet's figures need from each minute, ten minutes, hour and day of connection and streaming
-- samples (counts, sums, extremes, fixed-bin histograms), written in the same transaction as the raw
-- rows. Each writing process (node_id) keeps rows of its own, so that ingestion nodes sharing one
-- database never wait for each other on a bucket; readers add the nodes' rows up.
-- Times are epoch milliseconds (UTC) on every database; histograms are "bin:count" lists.
CREATE TABLE p2p_rollups (
    granularity_seconds INTEGER NOT NULL,
    bucket_start BIGINT NOT NULL,
    node_id VARCHAR(64) NOT NULL,
    connection_samples BIGINT NOT NULL,
    quality_score_sum BIGINT NOT NULL,
    successful_samples BIGINT NOT NULL,
    failed_samples BIGINT NOT NULL,
    poor_samples BIGINT NOT NULL,
    latency_sum DOUBLE PRECISION NOT NULL,
    bandwidth_sum DOUBLE PRECISION NOT NULL,
    packet_loss_sum DOUBLE PRECISION NOT NULL,
    jitter_sum DOUBLE PRECISION NOT NULL,
    mos_sum DOUBLE PRECISION NOT NULL,
    latency_min BIGINT NOT NULL,
    latency_max BIGINT NOT NULL,
    jitter_min BIGINT NOT NULL,
    jitter_max BIGINT NOT NULL,
    packet_loss_min DOUBLE PRECISION NOT NULL,
    packet_loss_max DOUBLE PRECISION NOT NULL,
    mos_min DOUBLE PRECISION NOT NULL,
    mos_max DOUBLE PRECISION NOT NULL,
    latency_bins TEXT NOT NULL,
    jitter_bins TEXT NOT NULL,
    packet_loss_bins TEXT NOT NULL,
    mos_bins TEXT NOT NULL,
    samples_by_quality TEXT NOT NULL,
    samples_by_type TEXT NOT NULL,
    latency_sum_by_type TEXT NOT NULL,
    streaming_samples BIGINT NOT NULL,
    duration_seconds_sum DOUBLE PRECISION NOT NULL,
    buffering_samples BIGINT NOT NULL,
    adaptive_switches_sum BIGINT NOT NULL,
    quality_level_score_sum BIGINT NOT NULL,
    dropped_frames_sum BIGINT NOT NULL,
    total_frames_sum BIGINT NOT NULL,
    PRIMARY KEY (granularity_seconds, bucket_start, node_id)
) WITHOUT ROWID;

-- What each session's figures need from each minute and hour of its samples, per writing process.
CREATE TABLE p2p_session_rollups (
    granularity_seconds INTEGER NOT NULL,
    bucket_start BIGINT NOT NULL,
    analytics_id VARCHAR(255) NOT NULL,
    node_id VARCHAR(64) NOT NULL,
    connection_samples BIGINT NOT NULL,
    quality_score_sum BIGINT NOT NULL,
    successful_samples BIGINT NOT NULL,
    mos_sum DOUBLE PRECISION NOT NULL,
    streaming_samples BIGINT NOT NULL,
    streaming_seconds DOUBLE PRECISION NOT NULL,
    mos_bins TEXT NOT NULL,
    mos_min DOUBLE PRECISION NOT NULL,
    mos_max DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (granularity_seconds, bucket_start, analytics_id, node_id)
) WITHOUT ROWID;
-- A user's or a session's figures read the rows of its sessions.
CREATE INDEX idx_p2p_session_rollups_session ON p2p_session_rollups(analytics_id, granularity_seconds, bucket_start);

-- Who was seen when: one row per entity (a session, user, peer, stream; a session's connection,
-- stream or peer) and hour, with a bit for each minute of the hour that had a sample of it, and one
-- per entity and day with a bit for each hour. Distinct counts over any run of whole minutes read
-- these rows instead of the raw ones. session_key is the aggregate id for a session and the kinds
-- counted per session, else empty.
CREATE TABLE p2p_presence (
    kind SMALLINT NOT NULL,
    span_seconds INTEGER NOT NULL,
    bucket_start BIGINT NOT NULL,
    session_key VARCHAR(255) NOT NULL,
    entity_key VARCHAR(600) NOT NULL,
    mask BIGINT NOT NULL,
    PRIMARY KEY (kind, span_seconds, bucket_start, session_key, entity_key)
) WITHOUT ROWID;
CREATE INDEX idx_p2p_presence_session ON p2p_presence(session_key, kind, span_seconds, bucket_start);
