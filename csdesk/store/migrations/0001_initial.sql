-- csdesk workspace, schema version 1.
-- Dates are ISO text (YYYY-MM-DD), date-times 'YYYY-MM-DD HH:MM:SS' (local, naive),
-- months 'YYYY-MM'; money is REAL in the workspace currency, rounded to cents on entry.
-- Every row that an import wrote carries batch_id; rows typed in the app or made by
-- `csdesk demo` carry NULL.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL            -- JSON
) STRICT;

CREATE TABLE import_batches (
    id               INTEGER PRIMARY KEY,
    file_name        TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    sheet            TEXT,
    entity           TEXT NOT NULL,
    mapping          TEXT,         -- JSON: column -> field
    rows_read        INTEGER NOT NULL DEFAULT 0,
    rows_written     INTEGER NOT NULL DEFAULT 0,
    rows_updated     INTEGER NOT NULL DEFAULT 0,
    rows_skipped     INTEGER NOT NULL DEFAULT 0,
    rows_rejected    INTEGER NOT NULL DEFAULT 0,
    accounts_created INTEGER NOT NULL DEFAULT 0,
    problems         TEXT,         -- JSON list of the problems reported at import time
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    state            TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone'))
) STRICT;
CREATE INDEX import_batches_hash ON import_batches (content_hash);

-- Values an import replaced (e.g. a newer revenue sheet for months already present), so that
-- undoing the batch puts them back.
CREATE TABLE import_overwrites (
    batch_id   INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    table_name TEXT NOT NULL,
    row_key    TEXT NOT NULL,      -- JSON of the primary key
    old_values TEXT NOT NULL       -- JSON of the replaced columns
) STRICT;
CREATE INDEX import_overwrites_batch ON import_overwrites (batch_id);

-- Column mappings a user confirmed, keyed by the layout of the sheet's header.
CREATE TABLE saved_mappings (
    layout_key TEXT PRIMARY KEY,
    entity     TEXT NOT NULL,
    mapping    TEXT NOT NULL,      -- JSON: column -> field
    saved_at   TEXT NOT NULL
) STRICT;

CREATE TABLE people (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('cs', 'am', 'support', 'cx')),
    email          TEXT,
    capacity_hours REAL,
    batch_id       INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX people_name ON people (name);

CREATE TABLE accounts (
    id               INTEGER PRIMARY KEY,
    external_id      TEXT UNIQUE,
    name             TEXT NOT NULL,
    name_key         TEXT NOT NULL,  -- normalised name used to match imports
    segment          TEXT,
    tier             TEXT,
    industry         TEXT,
    region           TEXT,
    country          TEXT,
    lifecycle_stage  TEXT,
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'churned')),
    start_date       TEXT,
    renewal_date     TEXT,
    contract_value   REAL,
    currency         TEXT,
    csm_id           INTEGER REFERENCES people (id) ON DELETE SET NULL,
    am_id            INTEGER REFERENCES people (id) ON DELETE SET NULL,
    support_owner_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    seats            INTEGER,
    notes            TEXT,
    batch_id         INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX accounts_name_key ON accounts (name_key);
CREATE INDEX accounts_segment ON accounts (segment);
CREATE INDEX accounts_csm ON accounts (csm_id);
CREATE INDEX accounts_renewal ON accounts (renewal_date);
CREATE INDEX accounts_batch ON accounts (batch_id);

CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    title      TEXT,
    email      TEXT,
    phone      TEXT,
    influence  TEXT,
    batch_id   INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX contacts_account ON contacts (account_id);
CREATE INDEX contacts_batch ON contacts (batch_id);

CREATE TABLE revenue_months (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    month      TEXT NOT NULL,
    mrr        REAL NOT NULL,
    batch_id   INTEGER REFERENCES import_batches (id),
    PRIMARY KEY (account_id, month)
) STRICT, WITHOUT ROWID;
CREATE INDEX revenue_months_month ON revenue_months (month);
CREATE INDEX revenue_months_batch ON revenue_months (batch_id);

CREATE TABLE contracts (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    external_id    TEXT,
    product        TEXT,
    start_date     TEXT NOT NULL,
    end_date       TEXT,
    mrr            REAL NOT NULL,
    value          REAL,
    billing_period TEXT,
    auto_renew     INTEGER,
    status         TEXT,
    batch_id       INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX contracts_account ON contracts (account_id);
CREATE INDEX contracts_external ON contracts (external_id);
CREATE INDEX contracts_end ON contracts (end_date);
CREATE INDEX contracts_batch ON contracts (batch_id);

CREATE TABLE tickets (
    id                     INTEGER PRIMARY KEY,
    account_id             INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
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
CREATE INDEX tickets_account_opened ON tickets (account_id, opened_at);
CREATE INDEX tickets_opened ON tickets (opened_at);
CREATE INDEX tickets_batch ON tickets (batch_id);

CREATE TABLE surveys (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    type       TEXT NOT NULL CHECK (type IN ('nps', 'csat', 'ces')),
    score      INTEGER NOT NULL,
    contact    TEXT,
    comment    TEXT,
    batch_id   INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX surveys_account_date ON surveys (account_id, date);
CREATE INDEX surveys_type_date ON surveys (type, date);
CREATE INDEX surveys_batch ON surveys (batch_id);

CREATE TABLE usage (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    metric     TEXT NOT NULL,
    value      REAL NOT NULL,
    batch_id   INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX usage_account_date ON usage (account_id, date);
CREATE INDEX usage_batch ON usage (batch_id);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    role       TEXT CHECK (role IS NULL OR role IN ('cs', 'am', 'support', 'cx')),
    person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    title      TEXT NOT NULL,
    body       TEXT,
    batch_id   INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX events_account_at ON events (account_id, at);
CREATE INDEX events_batch ON events (batch_id);

CREATE TABLE opportunities (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    raised_by_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    raised_role  TEXT,
    owner_id     INTEGER REFERENCES people (id) ON DELETE SET NULL,
    owner_role   TEXT,
    stage        TEXT NOT NULL,
    amount       REAL,
    created      TEXT,
    closed       TEXT,
    outcome      TEXT NOT NULL DEFAULT 'open',
    batch_id     INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX opportunities_account ON opportunities (account_id);
CREATE INDEX opportunities_batch ON opportunities (batch_id);

CREATE TABLE goals (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    objective  TEXT NOT NULL,
    metric     TEXT,
    baseline   REAL,
    target     REAL,
    current    REAL,
    due        TEXT,
    status     TEXT NOT NULL DEFAULT 'not_started',
    batch_id   INTEGER REFERENCES import_batches (id)
) STRICT;
CREATE INDEX goals_account ON goals (account_id);
CREATE INDEX goals_batch ON goals (batch_id);
