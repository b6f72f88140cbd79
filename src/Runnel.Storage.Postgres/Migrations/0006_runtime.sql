-- The runtime: flow memberships, their timelines, and the outbox of messages to deliver.

CREATE TABLE flow_members (
    id                uuid PRIMARY KEY,
    workspace_id      uuid NOT NULL,
    flow_id           uuid NOT NULL,
    flow_version      integer NOT NULL,
    contact_id        uuid NOT NULL,
    status            text NOT NULL,
    current_step_id   text,
    wake_at           bigint,
    wait_deadline     bigint,
    wait_kind         text,
    visit             integer NOT NULL,
    attempts          integer NOT NULL,
    entered_at        bigint NOT NULL,
    exited_at         bigint,
    exit_reason       text,
    failure           text,
    context           text NOT NULL,
    dynamic_context   text NOT NULL,
    engagement        text NOT NULL,
    last_activity_at  bigint NOT NULL,
    revision          bigint NOT NULL
);
-- The database, not the code, guarantees one running membership per contact per flow: concurrent enrollments
-- cannot both succeed, on one node or many.
CREATE UNIQUE INDEX ux_flow_members_running ON flow_members (flow_id, contact_id)
    WHERE status IN ('active', 'waiting');
-- The runner's claim: running members by due time.
CREATE INDEX ix_flow_members_due ON flow_members (wake_at)
    WHERE status IN ('active', 'waiting') AND wake_at IS NOT NULL;
CREATE INDEX ix_flow_members_flow ON flow_members (flow_id, status, id);
CREATE INDEX ix_flow_members_contact ON flow_members (contact_id, entered_at);

CREATE TABLE member_timeline (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id   uuid NOT NULL,
    at          bigint NOT NULL,
    type        text NOT NULL,
    step_id     text,
    data        text NOT NULL
);
CREATE INDEX ix_member_timeline_member ON member_timeline (member_id, id);

CREATE TABLE outbox (
    id               uuid PRIMARY KEY,
    workspace_id     uuid NOT NULL,
    member_id        uuid,
    step_id          text,
    visit            integer,
    channel          text NOT NULL,
    to_address       text NOT NULL,
    from_name        text,
    from_email       text,
    reply_to         text,
    subject          text,
    html             text,
    text             text,
    headers          text NOT NULL,
    idempotency_key  text NOT NULL UNIQUE,
    status           text NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  bigint,
    created_at       bigint NOT NULL,
    sent_at          bigint
);
CREATE INDEX ix_outbox_workspace ON outbox (workspace_id, created_at);
CREATE INDEX ix_outbox_to ON outbox (workspace_id, to_address);
CREATE INDEX ix_outbox_pending ON outbox (next_attempt_at) WHERE status = 'pending';
