-- Flows: the editable definition of each flow, and one frozen copy per activation that members run on.

CREATE TABLE flows (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    name          TEXT NOT NULL,
    -- The name lower-cased by .NET (full Unicode, which SQLite's lower() is not), for case-insensitive search.
    search_name   TEXT NOT NULL,
    description   TEXT NOT NULL,
    status        TEXT NOT NULL,
    definition    TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    activated_at  INTEGER
);
CREATE INDEX ix_flows_workspace_updated ON flows (workspace_id, updated_at);
CREATE INDEX ix_flows_workspace_status ON flows (workspace_id, status);

CREATE TABLE flow_versions (
    flow_id     TEXT NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    definition  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (flow_id, version)
);
