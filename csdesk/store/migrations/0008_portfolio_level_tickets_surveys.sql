-- csdesk workspace, schema version 8 (issue 13; 7 is the capture branch's, issue 16).
-- Tickets and survey responses may belong to no account: a help desk's export without an
-- account column imports as portfolio-level rows (figures for the whole portfolio, no
-- invented accounts). SQLite cannot drop NOT NULL in place: the tables are rebuilt.
CREATE TABLE tickets_new (
    id                     INTEGER PRIMARY KEY,
    account_id             INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    external_id            TEXT,
    opened_at              TEXT NOT NULL,
    first_response_at      TEXT,
    resolved_at            TEXT,
    first_response_minutes REAL,
    resolution_hours       REAL,
    priority               TEXT,
    channel                TEXT,
    contacts               INTEGER,
    reopened               INTEGER,
    handle_minutes         REAL,
    csat                   INTEGER,
    escalated              INTEGER,
    subject                TEXT,
    assignee_id            INTEGER REFERENCES people (id) ON DELETE SET NULL,
    batch_id               INTEGER REFERENCES import_batches (id)
) STRICT;
INSERT INTO tickets_new SELECT * FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_new RENAME TO tickets;
CREATE INDEX tickets_account_opened ON tickets (account_id, opened_at);
CREATE INDEX tickets_opened ON tickets (opened_at);
CREATE INDEX tickets_batch ON tickets (batch_id);

CREATE TABLE surveys_new (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    type       TEXT NOT NULL CHECK (type IN ('nps', 'csat', 'ces')),
    score      INTEGER NOT NULL,
    contact    TEXT,
    comment    TEXT,
    batch_id   INTEGER REFERENCES import_batches (id)
) STRICT;
INSERT INTO surveys_new SELECT * FROM surveys;
DROP TABLE surveys;
ALTER TABLE surveys_new RENAME TO surveys;
CREATE INDEX surveys_account_date ON surveys (account_id, date);
CREATE INDEX surveys_type_date ON surveys (type, date);
CREATE INDEX surveys_batch ON surveys (batch_id);
CREATE INDEX surveys_type_score_date ON surveys (type, score, date);
