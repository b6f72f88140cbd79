-- Flows: the editable definition of each flow, and one frozen copy per activation that members run on.

CREATE TABLE flows (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id),
    name          text NOT NULL,
    -- The name lower-cased by .NET, for case-insensitive search that means the same on every backend.
    search_name   text NOT NULL,
    description   text NOT NULL,
    status        text NOT NULL,
    definition    text NOT NULL,
    version       integer NOT NULL,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL,
    activated_at  bigint
);
CREATE INDEX ix_flows_workspace_updated ON flows (workspace_id, updated_at);
CREATE INDEX ix_flows_workspace_status ON flows (workspace_id, status);

CREATE TABLE flow_versions (
    flow_id     uuid NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
    version     integer NOT NULL,
    definition  text NOT NULL,
    created_at  bigint NOT NULL,
    PRIMARY KEY (flow_id, version)
);
