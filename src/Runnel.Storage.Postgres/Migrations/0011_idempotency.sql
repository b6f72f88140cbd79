-- Idempotency records (API.md §1, docs/security.md); twin of the SQLite migration. Scoped to the API key that made
-- them, claimed under a lease, and the request's own writes recorded in the same transactions as the writes
-- themselves, so a retry after a crash replays them instead of running the command a second time. Stored answers and
-- recorded writes are encrypted with the server's secret key. The old table is dropped, not migrated: its rows were
-- keyed by workspace and could hold API keys and signing secrets in plaintext; they lived 24 hours at most.
DROP TABLE idempotency_keys;

CREATE TABLE idempotency_keys (
    api_key_id     uuid NOT NULL,
    key            text NOT NULL,
    workspace_id   uuid NOT NULL,
    request_hash   text NOT NULL,
    -- The claim: a random token per execution, the process that holds it and until when. A finished record has none.
    token          text,
    lease_owner    text,
    lease_until    bigint,
    status_code    integer,
    content_type   text,
    body           bytea,
    created_at     bigint NOT NULL,
    PRIMARY KEY (api_key_id, key)
);
CREATE INDEX ix_idempotency_created ON idempotency_keys (created_at);

-- What each write of the request returned, in order (the recovery points of a request that a crash interrupted).
CREATE TABLE idempotency_writes (
    api_key_id     uuid NOT NULL,
    key            text NOT NULL,
    seq            integer NOT NULL,
    result_type    text NOT NULL,
    result         bytea NOT NULL,
    PRIMARY KEY (api_key_id, key, seq)
);
