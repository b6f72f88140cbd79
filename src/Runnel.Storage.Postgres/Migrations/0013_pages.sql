-- Hosted pages (API.md §13): shared pages, and per-member pages made by create_page steps. Aliases are unique on the
-- server, since /p/{alias} names no workspace.
CREATE TABLE pages (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id),
    name          text NOT NULL,
    alias         text NOT NULL UNIQUE,
    search_name   text NOT NULL,
    html          text NOT NULL,
    template_id   uuid,
    form_id       uuid,
    published     boolean NOT NULL,
    -- A per-member page: its membership and contact (erasing the contact removes it), and when it stops being served.
    member_id     uuid,
    contact_id    uuid,
    expires_at    bigint,
    views         bigint NOT NULL DEFAULT 0,
    submissions   bigint NOT NULL DEFAULT 0,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL
);
CREATE INDEX ix_pages_workspace ON pages (workspace_id, created_at, id);
CREATE INDEX ix_pages_member ON pages (member_id);
CREATE INDEX ix_pages_contact ON pages (contact_id);
