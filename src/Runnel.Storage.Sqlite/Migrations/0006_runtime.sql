-- The runtime: flow memberships, their timelines, and the outbox of messages to deliver.

CREATE TABLE flow_members (
    id                TEXT PRIMARY KEY,
    workspace_id      TEXT NOT NULL,
    flow_id           TEXT NOT NULL,
    flow_version      INTEGER NOT NULL,
    contact_id        TEXT NOT NULL,
    status            TEXT NOT NULL,
    current_step_id   TEXT,
    wake_at           INTEGER,
    wait_deadline     INTEGER,
    wait_kind         TEXT,
    visit             INTEGER NOT NULL,
    attempts          INTEGER NOT NULL,
    entered_at        INTEGER NOT NULL,
    exited_at         INTEGER,
    exit_reason       TEXT,
    failure           TEXT,
    context           TEXT NOT NULL,
    dynamic_context   TEXT NOT NULL,
    engagement        TEXT NOT NULL,
    last_activity_at  INTEGER NOT NULL,
    revision          INTEGER NOT NULL
);
-- The database, not the code, guarantees one running membership per contact per flow: concurrent enrollments
-- cannot both succeed.
CREATE UNIQUE INDEX ux_flow_members_running ON flow_members (flow_id, contact_id)
    WHERE status IN ('active', 'waiting');
-- The runner's claim: running members by due time.
CREATE INDEX ix_flow_members_due ON flow_members (wake_at)
    WHERE status IN ('active', 'waiting') AND wake_at IS NOT NULL;
CREATE INDEX ix_flow_members_flow ON flow_members (flow_id, status, id);
CREATE INDEX ix_flow_members_contact ON flow_members (contact_id, entered_at);

CREATE TABLE member_timeline (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   TEXT NOT NULL,
    at          INTEGER NOT NULL,
    type        TEXT NOT NULL,
    step_id     TEXT,
    data        TEXT NOT NULL
);
CREATE INDEX ix_member_timeline_member ON member_timeline (member_id, id);

CREATE TABLE outbox (
    id               TEXT PRIMARY KEY,
    workspace_id     TEXT NOT NULL,
    member_id        TEXT,
    step_id          TEXT,
    visit            INTEGER,
    channel          TEXT NOT NULL,
    to_address       TEXT NOT NULL,
    from_name        TEXT,
    from_email       TEXT,
    reply_to         TEXT,
    subject          TEXT,
    html             TEXT,
    text             TEXT,
    headers          TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER,
    created_at       INTEGER NOT NULL,
    sent_at          INTEGER
);
CREATE INDEX ix_outbox_workspace ON outbox (workspace_id, created_at);
CREATE INDEX ix_outbox_to ON outbox (workspace_id, to_address);
CREATE INDEX ix_outbox_pending ON outbox (next_attempt_at) WHERE status = 'pending';
