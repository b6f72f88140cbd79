-- Automatic flow entrances (API.md §8.2) and forms (§9).

-- Every change that can start a flow, written in the transaction of the change. seq is the dispatch order: the
-- single writer commits in seq order, so a reader never sees seq N+1 before N.
CREATE TABLE trigger_events (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id  TEXT NOT NULL,
    type          TEXT NOT NULL,
    contact_id    TEXT NOT NULL,
    -- list_id, form_id or event name: what the trigger index matches on besides the type.
    subject       TEXT,
    data          TEXT NOT NULL,
    occurred_at   INTEGER NOT NULL
);
CREATE INDEX ix_trigger_events_contact ON trigger_events (contact_id);

-- How far the dispatcher got; advanced in the same transaction as the enrollments of the events it covers.
CREATE TABLE trigger_cursor (
    name  TEXT PRIMARY KEY,
    seq   INTEGER NOT NULL
);
INSERT INTO trigger_cursor (name, seq) VALUES ('dispatch', 0);

-- Since when a flow listens: the last trigger event seq and time at its latest activation. Events at or before the
-- mark (before activation, or while paused) never enroll anyone.
CREATE TABLE flow_trigger_marks (
    flow_id       TEXT PRIMARY KEY REFERENCES flows (id) ON DELETE CASCADE,
    after_seq     INTEGER NOT NULL,
    active_since  INTEGER NOT NULL
);

-- Calendar dates of contacts, for date-based triggers: created_at and every custom field value written as a date
-- (YYYY-MM-DD…), so a daily run finds the matching contacts by index instead of reading every contact.
CREATE TABLE contact_dates (
    workspace_id  TEXT NOT NULL,
    contact_id    TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    field         TEXT NOT NULL,
    day           TEXT NOT NULL,
    month_day     TEXT NOT NULL,
    PRIMARY KEY (contact_id, field)
);
CREATE INDEX ix_contact_dates_day ON contact_dates (workspace_id, field, day, contact_id);
CREATE INDEX ix_contact_dates_month_day ON contact_dates (workspace_id, field, month_day, contact_id);

INSERT INTO contact_dates (workspace_id, contact_id, field, day, month_day)
SELECT workspace_id, id, 'created_at', date(created_at / 1000, 'unixepoch'),
       strftime('%m-%d', created_at / 1000, 'unixepoch')
FROM contacts;
INSERT OR IGNORE INTO contact_dates (workspace_id, contact_id, field, day, month_day)
SELECT c.workspace_id, c.id, j.key, substr(j.value, 1, 10), substr(j.value, 6, 5)
FROM contacts c, json_each(c.fields) j
WHERE j.type = 'text' AND j.value GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*';

-- Which date-trigger runs finished, per flow trigger (its index in the frozen definition) and local date.
CREATE TABLE date_trigger_runs (
    flow_id       TEXT NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
    flow_version  INTEGER NOT NULL,
    trigger_index INTEGER NOT NULL,
    run_date      TEXT NOT NULL,
    PRIMARY KEY (flow_id, flow_version, trigger_index)
);

-- One row per (flow, trigger, contact, date) a date trigger enrolled or considered: the run claims the row before
-- enrolling, so a restarted or concurrent run never enrolls the same contact for the same date twice.
CREATE TABLE date_trigger_claims (
    flow_id       TEXT NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
    trigger_index INTEGER NOT NULL,
    contact_id    TEXT NOT NULL,
    run_date      TEXT NOT NULL,
    PRIMARY KEY (flow_id, trigger_index, contact_id, run_date)
);

CREATE TABLE forms (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    name          TEXT NOT NULL,
    fields        TEXT NOT NULL,
    list_id       TEXT,
    redirect_url  TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX ix_forms_workspace ON forms (workspace_id, created_at, id);

CREATE TABLE form_submissions (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL,
    form_id       TEXT NOT NULL,
    contact_id    TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    page_id       TEXT,
    data          TEXT NOT NULL,
    submitted_at  INTEGER NOT NULL
);
CREATE INDEX ix_form_submissions_form ON form_submissions (form_id, submitted_at);
