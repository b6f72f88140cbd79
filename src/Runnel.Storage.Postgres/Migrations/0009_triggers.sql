-- Automatic flow entrances (API.md §8.2) and forms (§9).

-- Every change that can start a flow, written in the transaction of the change. seq is the dispatch order (0010 makes
-- dispatch claim pending events instead of following a cursor).
CREATE TABLE trigger_events (
    seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id  uuid NOT NULL,
    type          text NOT NULL,
    contact_id    uuid NOT NULL,
    -- list_id, form_id or event name: what the trigger index matches on besides the type.
    subject       text,
    data          text NOT NULL,
    occurred_at   bigint NOT NULL
);
CREATE INDEX ix_trigger_events_contact ON trigger_events (contact_id);

-- How far the dispatcher got; advanced in the same transaction as the enrollments of the events it covers.
CREATE TABLE trigger_cursor (
    name  text PRIMARY KEY,
    seq   bigint NOT NULL
);
INSERT INTO trigger_cursor (name, seq) VALUES ('dispatch', 0);

-- Since when a flow listens: the last trigger event seq and time at its latest activation. Events at or before the
-- mark (before activation, or while paused) never enroll anyone.
CREATE TABLE flow_trigger_marks (
    flow_id       uuid PRIMARY KEY REFERENCES flows (id) ON DELETE CASCADE,
    after_seq     bigint NOT NULL,
    active_since  bigint NOT NULL
);

-- Calendar dates of contacts, for date-based triggers: created_at and every custom field value written as a date
-- (YYYY-MM-DD…), so a daily run finds the matching contacts by index instead of reading every contact.
CREATE TABLE contact_dates (
    workspace_id  uuid NOT NULL,
    contact_id    uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    field         text NOT NULL,
    day           text NOT NULL,
    month_day     text NOT NULL,
    PRIMARY KEY (contact_id, field)
);
CREATE INDEX ix_contact_dates_day ON contact_dates (workspace_id, field, day, contact_id);
CREATE INDEX ix_contact_dates_month_day ON contact_dates (workspace_id, field, month_day, contact_id);

INSERT INTO contact_dates (workspace_id, contact_id, field, day, month_day)
SELECT workspace_id, id, 'created_at', to_char(to_timestamp(created_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
       to_char(to_timestamp(created_at / 1000) AT TIME ZONE 'UTC', 'MM-DD')
FROM contacts;
INSERT INTO contact_dates (workspace_id, contact_id, field, day, month_day)
SELECT c.workspace_id, c.id, j.key, substr(j.value, 1, 10), substr(j.value, 6, 5)
FROM contacts c, jsonb_each_text(c.fields::jsonb) j
WHERE jsonb_typeof(c.fields::jsonb -> j.key) = 'string' AND j.value ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]'
ON CONFLICT DO NOTHING;

-- Which date-trigger runs finished, per flow trigger (its index in the frozen definition) and local date.
CREATE TABLE date_trigger_runs (
    flow_id       uuid NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
    flow_version  integer NOT NULL,
    trigger_index integer NOT NULL,
    run_date      text NOT NULL,
    PRIMARY KEY (flow_id, flow_version, trigger_index)
);

-- One row per (flow, trigger, contact, date) a date trigger enrolled or considered: the run claims the row before
-- enrolling, so a restarted or concurrent run never enrolls the same contact for the same date twice.
CREATE TABLE date_trigger_claims (
    flow_id       uuid NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
    trigger_index integer NOT NULL,
    contact_id    uuid NOT NULL,
    run_date      text NOT NULL,
    PRIMARY KEY (flow_id, trigger_index, contact_id, run_date)
);

CREATE TABLE forms (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL REFERENCES workspaces (id),
    name          text NOT NULL,
    fields        text NOT NULL,
    list_id       uuid,
    redirect_url  text,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL
);
CREATE INDEX ix_forms_workspace ON forms (workspace_id, created_at, id);

CREATE TABLE form_submissions (
    id            uuid PRIMARY KEY,
    workspace_id  uuid NOT NULL,
    form_id       uuid NOT NULL,
    contact_id    uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    page_id       text,
    data          text NOT NULL,
    submitted_at  bigint NOT NULL
);
CREATE INDEX ix_form_submissions_form ON form_submissions (form_id, submitted_at);
