-- API.md §8.1: the flow builder's own data (node positions, notes), stored as given beside the definition and
-- never frozen into a version.
ALTER TABLE flows ADD COLUMN ui TEXT;
