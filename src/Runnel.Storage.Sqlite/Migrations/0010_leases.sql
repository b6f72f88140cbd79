-- Work sharing between nodes (DESIGN.md "Scale"): runner claims carry a lease, singletons hold named leases, and
-- trigger events are claimed one by one instead of behind a single cursor.

-- Who holds a running member's claim and until when. A claim also bumps the member's revision, so a node whose lease
-- expired cannot write over what the node that took the member over did since (the revision check fences it).
ALTER TABLE flow_members ADD COLUMN lease_owner TEXT;
ALTER TABLE flow_members ADD COLUMN lease_until INTEGER;
-- "When does the next claim expire": lets an idle node sleep until a dead node's work can be taken over.
CREATE INDEX ix_flow_members_lease ON flow_members (lease_until) WHERE lease_until IS NOT NULL;

-- Named leases for work exactly one node does at a time (date-trigger runs). fence grows with every change of
-- holder, so a holder can tell it was replaced.
CREATE TABLE leases (
    name        TEXT PRIMARY KEY,
    owner       TEXT NOT NULL,
    expires_at  INTEGER NOT NULL,
    fence       INTEGER NOT NULL
);

-- A trigger event is pending until dispatched. Claiming pending rows (SKIP LOCKED on PostgreSQL) replaces the single
-- cursor, which could skip an event whose transaction took its sequence number early but committed late.
ALTER TABLE trigger_events ADD COLUMN dispatched_at INTEGER;
UPDATE trigger_events SET dispatched_at = occurred_at
WHERE seq <= (SELECT seq FROM trigger_cursor WHERE name = 'dispatch');
CREATE INDEX ix_trigger_events_pending ON trigger_events (seq) WHERE dispatched_at IS NULL;
DROP TABLE trigger_cursor;
