-- csdesk workspace, schema version 3: usage rows that name their account only through a
-- contract (subscription) id, kept whatever order the files are imported in.
-- A row waits here (usage_id NULL) until a contract with its id is in the workspace; it is
-- then linked: a usage row is written for the contract's account (carrying the usage batch's
-- id) and linked_by holds the batch of that contract, so undoing the contracts batch unlinks it
-- again. Undoing the usage batch removes both.

CREATE TABLE usage_by_contract (
    id          INTEGER PRIMARY KEY,
    contract_id TEXT NOT NULL,     -- the contract's external id, as the usage file names it
    date        TEXT NOT NULL,
    metric      TEXT NOT NULL,
    value       REAL NOT NULL,
    batch_id    INTEGER NOT NULL REFERENCES import_batches (id),
    usage_id    INTEGER REFERENCES usage (id) ON DELETE SET NULL,
    linked_by   INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX usage_by_contract_contract ON usage_by_contract (contract_id);
CREATE INDEX usage_by_contract_batch ON usage_by_contract (batch_id);
CREATE INDEX usage_by_contract_linked_by ON usage_by_contract (linked_by);
-- Deleting a usage row looks up the row linked to it (ON DELETE SET NULL).
CREATE INDEX usage_by_contract_usage ON usage_by_contract (usage_id);

-- The month an import took as "now" (open-ended contracts run through it), so that undo can
-- recompute contract revenue exactly as the remaining imports made it.
ALTER TABLE import_batches ADD COLUMN as_of TEXT;
