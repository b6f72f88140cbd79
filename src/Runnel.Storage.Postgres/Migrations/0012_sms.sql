-- Conversational SMS (API.md §12): the workspace's sender number and quiet hours, what each SMS outbox row records
-- (sender, media, encoding, segments, the characters that forced UCS-2), and the inbound messages already handled,
-- keyed by the provider's message id so a repeated webhook is recognised and ignored.

ALTER TABLE workspaces ADD COLUMN sms_from text;
ALTER TABLE workspaces ADD COLUMN quiet_hours text;
-- The number picks the workspace of an inbound message, so two workspaces can never share one.
CREATE UNIQUE INDEX ux_workspaces_sms_from ON workspaces (sms_from) WHERE sms_from IS NOT NULL;

ALTER TABLE outbox ADD COLUMN from_number text;
ALTER TABLE outbox ADD COLUMN media_url text;
ALTER TABLE outbox ADD COLUMN sms_encoding text;
ALTER TABLE outbox ADD COLUMN sms_segments integer;
ALTER TABLE outbox ADD COLUMN sms_ucs2_characters text;
-- Status callbacks name a message by the provider's id alone, before its workspace is known.
CREATE INDEX ix_outbox_provider_message ON outbox (message_id) WHERE channel = 'sms' AND message_id IS NOT NULL;
CREATE INDEX ix_outbox_pending_channel ON outbox (channel, next_attempt_at) WHERE status = 'pending';

CREATE TABLE sms_inbound (
    workspace_id         uuid NOT NULL,
    provider_message_id  text NOT NULL,
    contact_id           uuid NOT NULL,
    from_number          text NOT NULL,
    to_number            text NOT NULL,
    body                 text NOT NULL,
    routed_to            text NOT NULL,
    member_id            uuid,
    received_at          bigint NOT NULL,
    PRIMARY KEY (workspace_id, provider_message_id)
);
CREATE INDEX ix_sms_inbound_contact ON sms_inbound (workspace_id, contact_id, received_at);
