-- Webhooks that send_webhook steps emitted, with their delivery state. The body and target are frozen at emission so
-- every retry sends the same bytes under the same webhook-id.

CREATE TABLE webhook_deliveries (
    id                TEXT PRIMARY KEY,
    workspace_id      TEXT NOT NULL,
    flow_id           TEXT NOT NULL,
    member_id         TEXT NOT NULL,
    step_id           TEXT NOT NULL,
    visit             INTEGER NOT NULL,
    idempotency_key   TEXT NOT NULL UNIQUE,
    url               TEXT NOT NULL,
    method            TEXT NOT NULL,
    bearer_token      TEXT,
    jwt_secret_ref    TEXT,
    fail_member       INTEGER NOT NULL,
    body              TEXT NOT NULL,
    status            TEXT NOT NULL,
    attempts          INTEGER NOT NULL,
    next_attempt_at   INTEGER,
    last_status_code  INTEGER,
    last_error        TEXT,
    created_at        INTEGER NOT NULL,
    finished_at       INTEGER
);
-- The webhook pump's claim: pending deliveries by due time.
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_webhook_deliveries_member ON webhook_deliveries (member_id);
