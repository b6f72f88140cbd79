-- Idempotency records (API.md §1, docs/security.md): scoped to the API key that made them, claimed under a lease, and
-- the request's own writes recorded in the same transactions as the writes themselves, so a retry after a crash
-- replays them instead of running the command a second time. Stored answers and recorded writes are encrypted with
-- the server's secret key. The old table is dropped, not migrated: its rows were keyed by workspace and could hold
-- API keys and signing secrets in plaintext; they lived 24 hours at most.
DROP TABLE idempotency_keys;

CREATE TABLE idempotency_keys (
    api_key_id     TEXT NOT NULL,
    key            TEXT NOT NULL,
    workspace_id   TEXT NOT NULL,
    request_hash   TEXT NOT NULL,
    -- The claim: a random token per execution, the process that holds it and until when. A finished record has none.
    token          TEXT,
    lease_owner    TEXT,
    lease_until    INTEGER,
    status_code    INTEGER,
    content_type   TEXT,
    body           BLOB,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (api_key_id, key)
);
CREATE INDEX ix_idempotency_created ON idempotency_keys (created_at);

-- What each write of the request returned, in order (the recovery points of a request that a crash interrupted).
CREATE TABLE idempotency_writes (
    api_key_id     TEXT NOT NULL,
    key            TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    result_type    TEXT NOT NULL,
    result         BLOB NOT NULL,
    PRIMARY KEY (api_key_id, key, seq)
);
