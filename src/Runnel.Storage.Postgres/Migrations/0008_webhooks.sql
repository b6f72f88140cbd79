-- Webhooks that send_webhook steps emitted, with their delivery state. The body and target are frozen at emission so
-- every retry sends the same bytes under the same webhook-id.

CREATE TABLE webhook_deliveries (
    id                uuid PRIMARY KEY,
    workspace_id      uuid NOT NULL,
    flow_id           uuid NOT NULL,
    member_id         uuid NOT NULL,
    step_id           text NOT NULL,
    visit             integer NOT NULL,
    idempotency_key   text NOT NULL UNIQUE,
    url               text NOT NULL,
    method            text NOT NULL,
    bearer_token      text,
    jwt_secret_ref    text,
    fail_member       boolean NOT NULL,
    body              text NOT NULL,
    status            text NOT NULL,
    attempts          integer NOT NULL,
    next_attempt_at   bigint,
    last_status_code  integer,
    last_error        text,
    created_at        bigint NOT NULL,
    finished_at       bigint
);
-- The webhook pump's claim: pending deliveries by due time.
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_webhook_deliveries_member ON webhook_deliveries (member_id);
