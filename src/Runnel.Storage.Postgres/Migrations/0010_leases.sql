-- Work sharing between nodes (DESIGN.md "Scale"): runner claims carry a lease, singletons hold named leases, and
-- trigger events are claimed one by one instead of behind a single cursor. Twin of the SQLite migration.

-- Who holds a running member's claim and until when. A claim also bumps the member's revision, so a node whose lease
-- expired cannot write over what the node that took the member over did since (the revision check fences it).
ALTER TABLE flow_members ADD COLUMN lease_owner text;
ALTER TABLE flow_members ADD COLUMN lease_until bigint;
-- "When does the next claim expire": lets an idle node sleep until a dead node's work can be taken over.
CREATE INDEX ix_flow_members_lease ON flow_members (lease_until) WHERE lease_until IS NOT NULL;

-- Named leases for work exactly one node does at a time (date-trigger runs). fence grows with every change of
-- holder, so a holder can tell it was replaced.
CREATE TABLE leases (
    name        text PRIMARY KEY,
    owner       text NOT NULL,
    expires_at  bigint NOT NULL,
    fence       bigint NOT NULL
);

-- A trigger event is pending until dispatched. Dispatchers claim pending rows with FOR UPDATE SKIP LOCKED; a single
-- cursor could skip an event whose transaction took its sequence number early but committed late.
ALTER TABLE trigger_events ADD COLUMN dispatched_at bigint;
UPDATE trigger_events SET dispatched_at = occurred_at
WHERE seq <= (SELECT seq FROM trigger_cursor WHERE name = 'dispatch');
CREATE INDEX ix_trigger_events_pending ON trigger_events (seq) WHERE dispatched_at IS NULL;
DROP TABLE trigger_cursor;
