-- Hosted pages (API.md §13): shared pages, and per-member pages made by create_page steps. Aliases are unique on the
-- server, since /p/{alias} names no workspace.
CREATE TABLE pages (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    name          TEXT NOT NULL,
    alias         TEXT NOT NULL UNIQUE,
    search_name   TEXT NOT NULL,
    html          TEXT NOT NULL,
    template_id   TEXT,
    form_id       TEXT,
    published     INTEGER NOT NULL,
    -- A per-member page: its membership and contact (erasing the contact removes it), and when it stops being served.
    member_id     TEXT,
    contact_id    TEXT,
    expires_at    INTEGER,
    views         INTEGER NOT NULL DEFAULT 0,
    submissions   INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX ix_pages_workspace ON pages (workspace_id, created_at, id);
CREATE INDEX ix_pages_member ON pages (member_id);
CREATE INDEX ix_pages_contact ON pages (contact_id);
