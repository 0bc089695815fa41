-- What the console adds to the seed's schema. The seed's columns stay as they are; new columns
-- are nullable and back-filled so that a database of version 1 upgrades without losing a row.

-- The time the console received a streaming sample (the seed's table had none) and the sample's
-- own session; the connection sample's own user. Readers get back exactly what a peer posted.
ALTER TABLE p2p_streaming_metrics ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE p2p_streaming_metrics ADD COLUMN session_id VARCHAR(255);
ALTER TABLE p2p_connection_metrics ADD COLUMN user_id VARCHAR(255);

UPDATE p2p_streaming_metrics SET created_at = start_time WHERE created_at IS NULL;
UPDATE p2p_streaming_metrics SET session_id = (
    SELECT a.session_id FROM p2p_analytics_aggregates a WHERE a.id = p2p_streaming_metrics.analytics_id)
    WHERE session_id IS NULL;
UPDATE p2p_connection_metrics SET user_id = (
    SELECT a.user_id FROM p2p_analytics_aggregates a WHERE a.id = p2p_connection_metrics.analytics_id)
    WHERE user_id IS NULL;

-- One aggregate per session, also when several ingestion nodes share one database.
CREATE UNIQUE INDEX uq_p2p_analytics_session ON p2p_analytics_aggregates(session_id);

CREATE INDEX idx_p2p_connection_created_at ON p2p_connection_metrics(created_at);
CREATE INDEX idx_p2p_connection_analytics ON p2p_connection_metrics(analytics_id, created_at);
CREATE INDEX idx_p2p_streaming_created_at ON p2p_streaming_metrics(created_at);
CREATE INDEX idx_p2p_streaming_analytics ON p2p_streaming_metrics(analytics_id, created_at);

-- Samples of the network-metrics extension; the aggregate's network_metrics holds the latest one.
CREATE TABLE p2p_network_metrics (
    id VARCHAR(255) PRIMARY KEY,
    analytics_id VARCHAR(255) NOT NULL,
    session_id VARCHAR(255) NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    peer_id VARCHAR(255) NOT NULL,
    total_data_sent_bytes BIGINT NOT NULL,
    total_data_received_bytes BIGINT NOT NULL,
    active_connections BIGINT NOT NULL,
    max_connections BIGINT NOT NULL,
    connection_errors BIGINT NOT NULL,
    successful_transfers BIGINT NOT NULL,
    failed_transfers BIGINT NOT NULL,
    average_transfer_speed_mbps DOUBLE PRECISION NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (analytics_id) REFERENCES p2p_analytics_aggregates(id) ON DELETE CASCADE
);
CREATE INDEX idx_p2p_network_created_at ON p2p_network_metrics(created_at);
CREATE INDEX idx_p2p_network_analytics ON p2p_network_metrics(analytics_id, created_at);

-- Samples of the system-metrics extension, from a node (node_id) or a session's peer (session_id).
CREATE TABLE p2p_system_metrics (
    id VARCHAR(255) PRIMARY KEY,
    analytics_id VARCHAR(255),
    session_id VARCHAR(255),
    node_id VARCHAR(255),
    cpu_usage_percent DOUBLE PRECISION NOT NULL,
    memory_usage_mb DOUBLE PRECISION NOT NULL,
    network_throughput_mbps DOUBLE PRECISION NOT NULL,
    active_streams BIGINT NOT NULL,
    total_peers BIGINT NOT NULL,
    average_latency_ms DOUBLE PRECISION NOT NULL,
    error_rate_percent DOUBLE PRECISION NOT NULL,
    transcoding_jobs_active BIGINT,
    transcoding_jobs_completed BIGINT,
    transcoding_jobs_failed BIGINT,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (analytics_id) REFERENCES p2p_analytics_aggregates(id) ON DELETE CASCADE
);
CREATE INDEX idx_p2p_system_created_at ON p2p_system_metrics(created_at);
