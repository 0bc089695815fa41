-- The seed's schema, exactly as existing tools expect it (seed/P2P_ANALYTICS_SYSTEM.md).
-- SQLite reads these PostgreSQL type names through its type affinity rules.

CREATE TABLE p2p_analytics_aggregates (
    id VARCHAR(255) PRIMARY KEY,
    session_id VARCHAR(255) NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    network_metrics JSONB NOT NULL,
    system_metrics JSONB NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE p2p_connection_metrics (
    id VARCHAR(255) PRIMARY KEY,
    analytics_id VARCHAR(255) NOT NULL,
    connection_id VARCHAR(255) NOT NULL,
    session_id VARCHAR(255) NOT NULL,
    peer_id VARCHAR(255) NOT NULL,
    connection_type VARCHAR(50) NOT NULL,
    latency_ms INTEGER NOT NULL,
    bandwidth_mbps DOUBLE PRECISION NOT NULL,
    packet_loss_percent DOUBLE PRECISION NOT NULL,
    jitter_ms INTEGER NOT NULL,
    connection_quality VARCHAR(50) NOT NULL,
    ice_connection_state VARCHAR(255) NOT NULL,
    dtls_transport_state VARCHAR(255) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (analytics_id) REFERENCES p2p_analytics_aggregates(id) ON DELETE CASCADE
);

CREATE TABLE p2p_streaming_metrics (
    id VARCHAR(255) PRIMARY KEY,
    analytics_id VARCHAR(255) NOT NULL,
    stream_id VARCHAR(255) NOT NULL,
    content_id VARCHAR(255) NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    quality_level VARCHAR(50) NOT NULL,
    bitrate_kbps INTEGER NOT NULL,
    frame_rate REAL NOT NULL,
    resolution_width INTEGER NOT NULL,
    resolution_height INTEGER NOT NULL,
    buffer_level_seconds REAL NOT NULL,
    dropped_frames INTEGER NOT NULL,
    total_frames INTEGER NOT NULL,
    adaptive_switches INTEGER NOT NULL,
    start_time TIMESTAMP WITH TIME ZONE NOT NULL,
    end_time TIMESTAMP WITH TIME ZONE,
    duration_seconds DOUBLE PRECISION NOT NULL,
    FOREIGN KEY (analytics_id) REFERENCES p2p_analytics_aggregates(id) ON DELETE CASCADE
);

CREATE INDEX idx_p2p_analytics_session_id ON p2p_analytics_aggregates(session_id);
CREATE INDEX idx_p2p_analytics_user_id ON p2p_analytics_aggregates(user_id);
CREATE INDEX idx_p2p_analytics_created_at ON p2p_analytics_aggregates(created_at);
