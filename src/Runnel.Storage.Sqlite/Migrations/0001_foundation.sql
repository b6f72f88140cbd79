-- Foundation: workspaces, keys, secrets, idempotency, contacts, custom fields, lists, events.
-- Timestamps are Unix milliseconds (INTEGER); IDs are UUIDv7 text; JSON documents are TEXT.

CREATE TABLE workspaces (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    timezone            TEXT NOT NULL,
    postal_address      TEXT,
    sms_help_text       TEXT,
    default_from_email  TEXT,
    default_from_name   TEXT,
    is_default          INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_workspaces_default ON workspaces (is_default) WHERE is_default = 1;

CREATE TABLE api_keys (
    id               TEXT PRIMARY KEY,
    workspace_id     TEXT NOT NULL REFERENCES workspaces (id),
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    scopes           TEXT NOT NULL,
    allowed_origins  TEXT,
    key_hash         TEXT NOT NULL UNIQUE,
    created_at       INTEGER NOT NULL,
    revoked_at       INTEGER
);
CREATE INDEX ix_api_keys_workspace ON api_keys (workspace_id, created_at);

CREATE TABLE secrets (
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    name          TEXT NOT NULL,
    ciphertext    BLOB NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, name)
);

-- Every signing secret a workspace has had; the newest signs, an older one also signs until its expires_at.
CREATE TABLE signing_secrets (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    created_at    INTEGER NOT NULL,
    ciphertext    BLOB NOT NULL,
    expires_at    INTEGER
);
CREATE INDEX ix_signing_secrets_workspace ON signing_secrets (workspace_id, id);

CREATE TABLE idempotency_keys (
    workspace_id   TEXT NOT NULL,
    key            TEXT NOT NULL,
    request_hash   TEXT NOT NULL,
    status_code    INTEGER,
    content_type   TEXT,
    body           BLOB,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, key)
);
CREATE INDEX ix_idempotency_created ON idempotency_keys (created_at);

CREATE TABLE contacts (
    id                         TEXT PRIMARY KEY,
    workspace_id               TEXT NOT NULL REFERENCES workspaces (id),
    email                      TEXT,
    phone                      TEXT,
    external_id                TEXT,
    first_name                 TEXT,
    last_name                  TEXT,
    timezone                   TEXT NOT NULL,
    email_subscription_status  TEXT NOT NULL,
    sms_subscription_status    TEXT NOT NULL,
    opted_in_at                INTEGER,
    fields                     TEXT NOT NULL DEFAULT '{}',
    created_at                 INTEGER NOT NULL,
    updated_at                 INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_contacts_email ON contacts (workspace_id, email) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX ux_contacts_phone ON contacts (workspace_id, phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX ux_contacts_external_id ON contacts (workspace_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX ix_contacts_workspace ON contacts (workspace_id, id);

CREATE TABLE custom_fields (
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    api_name      TEXT NOT NULL,
    label         TEXT NOT NULL,
    type          TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, api_name)
);

-- Erased contacts' addresses, kept only as SHA-256 hashes so they are never mailed or texted again by accident.
CREATE TABLE suppressions (
    workspace_id  TEXT NOT NULL,
    channel       TEXT NOT NULL,
    address_hash  TEXT NOT NULL,
    reason        TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, channel, address_hash)
);

CREATE TABLE lists (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    rules         TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX ix_lists_workspace ON lists (workspace_id, created_at);

CREATE TABLE list_members (
    list_id       TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    contact_id    TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    workspace_id  TEXT NOT NULL,
    added_at      INTEGER NOT NULL,
    PRIMARY KEY (list_id, contact_id)
);
CREATE INDEX ix_list_members_contact ON list_members (contact_id);

CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    contact_id    TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    event_key     TEXT NOT NULL,
    name          TEXT NOT NULL,
    properties    TEXT NOT NULL DEFAULT '{}',
    occurred_at   INTEGER NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_events_key ON events (workspace_id, event_key);
CREATE INDEX ix_events_contact ON events (contact_id, occurred_at DESC);
CREATE INDEX ix_events_contact_name ON events (contact_id, name, occurred_at);
