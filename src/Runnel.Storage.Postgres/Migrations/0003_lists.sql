-- Lists: which lists each dynamic list's rules name. Kept in step with lists.rules on every write so that deleting a
-- list still named by another is refused without parsing every rule tree, and so the reference cannot dangle.
CREATE TABLE list_references (
    list_id             uuid NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    referenced_list_id  uuid NOT NULL REFERENCES lists (id),
    workspace_id        uuid NOT NULL,
    PRIMARY KEY (list_id, referenced_list_id)
);
CREATE INDEX ix_list_references_referenced ON list_references (referenced_list_id);

-- Static list member counts per workspace read list_members by list; the primary key (list_id, contact_id) covers
-- that, and the rule facts loader reads it by contact through ix_list_members_contact.
