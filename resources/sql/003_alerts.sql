-- Alert history: every alert a rule raised, active, acknowledged or resolved.
CREATE TABLE p2p_alerts (
    id VARCHAR(255) PRIMARY KEY,
    alert_type VARCHAR(100) NOT NULL,
    severity VARCHAR(50) NOT NULL,
    scope VARCHAR(50) NOT NULL,
    scope_key VARCHAR(255) NOT NULL,
    message TEXT NOT NULL,
    details JSONB NOT NULL,
    last_value DOUBLE PRECISION NOT NULL,
    peak_value DOUBLE PRECISION NOT NULL,
    first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at TIMESTAMP WITH TIME ZONE,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    acknowledged_by VARCHAR(255),
    acknowledgement_note TEXT
);

-- One unresolved alert per rule and scope key, also when several processes evaluate the rules.
CREATE UNIQUE INDEX uq_p2p_alerts_unresolved ON p2p_alerts(alert_type, scope, scope_key) WHERE resolved_at IS NULL;
CREATE INDEX idx_p2p_alerts_first_seen ON p2p_alerts(first_seen);
