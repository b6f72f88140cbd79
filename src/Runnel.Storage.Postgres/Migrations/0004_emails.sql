-- Emails, their approved revisions, and templates (API.md §7).

CREATE TABLE emails (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id),
    name          text NOT NULL,
    subject       text NOT NULL,
    preheader     text,
    from_name     text,
    from_email    text,
    reply_to      text,
    html          text,
    text          text,
    status        text NOT NULL,
    approved_at   bigint,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL
);
CREATE INDEX ix_emails_workspace ON emails (workspace_id, created_at DESC, id DESC);

-- Each approval freezes the content here; the highest revision is what sends use, whatever the draft says now.
-- from_email is resolved at approval (the email's or the workspace default), so it is never null.
CREATE TABLE email_revisions (
    email_id      uuid NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
    revision      integer NOT NULL,
    workspace_id  uuid NOT NULL,
    subject       text NOT NULL,
    preheader     text,
    from_name     text,
    from_email    text NOT NULL,
    reply_to      text,
    html          text,
    text          text,
    approved_at   bigint NOT NULL,
    PRIMARY KEY (email_id, revision)
);

CREATE TABLE templates (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id),
    name          text NOT NULL,
    html          text NOT NULL,
    text          text,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL
);
CREATE INDEX ix_templates_workspace ON templates (workspace_id, created_at DESC, id DESC);
