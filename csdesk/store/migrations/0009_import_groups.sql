-- csdesk workspace, schema version 9 (issue 17): the batches of one data room (a folder or a
-- zip imported as a set) share a group id (the id of its first batch) and the room's name,
-- so that the Imports page shows them as one line with one Undo.
ALTER TABLE import_batches ADD COLUMN group_id INTEGER;
ALTER TABLE import_batches ADD COLUMN group_name TEXT;
CREATE INDEX import_batches_group ON import_batches (group_id);
