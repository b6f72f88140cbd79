-- Delivery: the Message-ID each email went out with (provider events name it), the last delivery error, and what
-- the provider reported afterwards.

ALTER TABLE outbox ADD COLUMN message_id text;
ALTER TABLE outbox ADD COLUMN last_error text;
ALTER TABLE outbox ADD COLUMN delivery_status text;
CREATE INDEX ix_outbox_message_id ON outbox (workspace_id, message_id) WHERE message_id IS NOT NULL;
