-- Foundation: workspaces, keys, secrets, idempotency, contacts, custom fields, lists, events.
-- The PostgreSQL twin of the SQLite migration with the same number: same tables, columns and indexes. Timestamps are
-- Unix milliseconds (bigint) as on SQLite, so queries compare integers on both; IDs are native uuid; JSON documents
-- are text (queries that need jsonb cast there).

CREATE TABLE workspaces (
    id                  uuid PRIMARY KEY,
    name                text NOT NULL,
    timezone            text NOT NULL,
    postal_address      text,
    sms_help_text       text,
    default_from_email  text,
    default_from_name   text,
    is_default          boolean NOT NULL DEFAULT FALSE,
    created_at          bigint NOT NULL,
    updated_at          bigint NOT NULL
);
CREATE UNIQUE INDEX ux_workspaces_default ON workspaces (is_default) WHERE is_default;

CREATE TABLE api_keys (
    id               uuid PRIMARY KEY,
    workspace_id     uuid NOT NULL REFERENCES workspaces (id),
    name             text NOT NULL,
    kind             text NOT NULL,
    scopes           text NOT NULL,
    allowed_origins  text,
    key_hash         text NOT NULL UNIQUE,
    created_at       bigint NOT NULL,
    revoked_at       bigint
);
CREATE INDEX ix_api_keys_workspace ON api_keys (workspace_id, created_at);

CREATE TABLE secrets (
    workspace_id  uuid NOT NULL REFERENCES workspaces (id),
    name          text NOT NULL,
    ciphertext    bytea NOT NULL,
    created_at    bigint NOT NULL,
    PRIMARY KEY (workspace_id, name)
);

-- Every signing secret a workspace has had; the newest signs, an older one also signs until its expires_at.
CREATE TABLE signing_secrets (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id),
    created_at    bigint NOT NULL,
    ciphertext    bytea NOT NULL,
    expires_at    bigint
);
CREATE INDEX ix_signing_secrets_workspace ON signing_secrets (workspace_id, id);

CREATE TABLE idempotency_keys (
    workspace_id   uuid NOT NULL,
    key            text NOT NULL,
    request_hash   text NOT NULL,
    status_code    integer,
    content_type   text,
    body           bytea,
    created_at     bigint NOT NULL,
    PRIMARY KEY (workspace_id, key)
);
CREATE INDEX ix_idempotency_created ON idempotency_keys (created_at);

CREATE TABLE contacts (
    id                         uuid PRIMARY KEY,
    workspace_id               uuid NOT NULL REFERENCES workspaces (id),
    email                      text,
    phone                      text,
    external_id                text,
    first_name                 text,
    last_name                  text,
    timezone                   text NOT NULL,
    email_subscription_status  text NOT NULL,
    sms_subscription_status    text NOT NULL,
    opted_in_at                bigint,
    fields                     text NOT NULL DEFAULT '{}',
    created_at                 bigint NOT NULL,
    updated_at                 bigint NOT NULL
);
CREATE UNIQUE INDEX ux_contacts_email ON contacts (workspace_id, email) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX ux_contacts_phone ON contacts (workspace_id, phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX ux_contacts_external_id ON contacts (workspace_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX ix_contacts_workspace ON contacts (workspace_id, id);

CREATE TABLE custom_fields (
    workspace_id  uuid NOT NULL REFERENCES workspaces (id),
    api_name      text NOT NULL,
    label         text NOT NULL,
    type          text NOT NULL,
    status        text NOT NULL,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL,
    PRIMARY KEY (workspace_id, api_name)
);

-- Erased contacts' addresses, kept only as SHA-256 hashes so they are never mailed or texted again by accident.
CREATE TABLE suppressions (
    workspace_id  uuid NOT NULL,
    channel       text NOT NULL,
    address_hash  text NOT NULL,
    reason        text NOT NULL,
    created_at    bigint NOT NULL,
    PRIMARY KEY (workspace_id, channel, address_hash)
);

CREATE TABLE lists (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id),
    name          text NOT NULL,
    type          text NOT NULL,
    rules         text,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL
);
CREATE INDEX ix_lists_workspace ON lists (workspace_id, created_at);

CREATE TABLE list_members (
    list_id       uuid NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    contact_id    uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    workspace_id  uuid NOT NULL,
    added_at      bigint NOT NULL,
    PRIMARY KEY (list_id, contact_id)
);
CREATE INDEX ix_list_members_contact ON list_members (contact_id);

CREATE TABLE events (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id),
    contact_id    uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    event_key     text NOT NULL,
    name          text NOT NULL,
    properties    text NOT NULL DEFAULT '{}',
    occurred_at   bigint NOT NULL,
    created_at    bigint NOT NULL
);
CREATE UNIQUE INDEX ux_events_key ON events (workspace_id, event_key);
CREATE INDEX ix_events_contact ON events (contact_id, occurred_at DESC);
CREATE INDEX ix_events_contact_name ON events (contact_id, name, occurred_at);
