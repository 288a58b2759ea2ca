-- csdesk workspace, schema version 2: what the CSM writes for a QBR, and the renewal
-- probability a CSM sets by hand instead of the one the health band implies.

CREATE TABLE qbr_narratives (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    quarter    TEXT NOT NULL,          -- e.g. 2026Q3
    summary    TEXT NOT NULL,
    next_steps TEXT,                   -- JSON list of {"step", "owner_role", "due"}
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, quarter)
) STRICT;

ALTER TABLE accounts ADD COLUMN renewal_probability REAL
    CHECK (renewal_probability IS NULL OR renewal_probability BETWEEN 0 AND 1);
