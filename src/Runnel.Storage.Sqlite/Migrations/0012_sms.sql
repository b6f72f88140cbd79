-- Conversational SMS (API.md §12): the workspace's sender number and quiet hours, what each SMS outbox row records
-- (sender, media, encoding, segments, the characters that forced UCS-2), and the inbound messages already handled,
-- keyed by the provider's message id so a repeated webhook is recognised and ignored.

ALTER TABLE workspaces ADD COLUMN sms_from TEXT;
ALTER TABLE workspaces ADD COLUMN quiet_hours TEXT;
-- The number picks the workspace of an inbound message, so two workspaces can never share one.
CREATE UNIQUE INDEX ux_workspaces_sms_from ON workspaces (sms_from) WHERE sms_from IS NOT NULL;

ALTER TABLE outbox ADD COLUMN from_number TEXT;
ALTER TABLE outbox ADD COLUMN media_url TEXT;
ALTER TABLE outbox ADD COLUMN sms_encoding TEXT;
ALTER TABLE outbox ADD COLUMN sms_segments INTEGER;
ALTER TABLE outbox ADD COLUMN sms_ucs2_characters TEXT;
-- Status callbacks name a message by the provider's id alone, before its workspace is known.
CREATE INDEX ix_outbox_provider_message ON outbox (message_id) WHERE channel = 'sms' AND message_id IS NOT NULL;
CREATE INDEX ix_outbox_pending_channel ON outbox (channel, next_attempt_at) WHERE status = 'pending';

CREATE TABLE sms_inbound (
    workspace_id         TEXT NOT NULL,
    provider_message_id  TEXT NOT NULL,
    contact_id           TEXT NOT NULL,
    from_number          TEXT NOT NULL,
    to_number            TEXT NOT NULL,
    body                 TEXT NOT NULL,
    routed_to            TEXT NOT NULL,
    member_id            TEXT,
    received_at          INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, provider_message_id)
);
CREATE INDEX ix_sms_inbound_contact ON sms_inbound (workspace_id, contact_id, received_at);
