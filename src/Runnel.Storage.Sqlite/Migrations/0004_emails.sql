-- Emails, their approved revisions, and templates (API.md §7).

CREATE TABLE emails (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    name          TEXT NOT NULL,
    subject       TEXT NOT NULL,
    preheader     TEXT,
    from_name     TEXT,
    from_email    TEXT,
    reply_to      TEXT,
    html          TEXT,
    text          TEXT,
    status        TEXT NOT NULL,
    approved_at   INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX ix_emails_workspace ON emails (workspace_id, created_at DESC, id DESC);

-- Each approval freezes the content here; the highest revision is what sends use, whatever the draft says now.
-- from_email is resolved at approval (the email's or the workspace default), so it is never null.
CREATE TABLE email_revisions (
    email_id      TEXT NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
    revision      INTEGER NOT NULL,
    workspace_id  TEXT NOT NULL,
    subject       TEXT NOT NULL,
    preheader     TEXT,
    from_name     TEXT,
    from_email    TEXT NOT NULL,
    reply_to      TEXT,
    html          TEXT,
    text          TEXT,
    approved_at   INTEGER NOT NULL,
    PRIMARY KEY (email_id, revision)
);

CREATE TABLE templates (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    name          TEXT NOT NULL,
    html          TEXT NOT NULL,
    text          TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX ix_templates_workspace ON templates (workspace_id, created_at DESC, id DESC);
