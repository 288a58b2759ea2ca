-- csdesk workspace, schema version 5: the work queue (DESIGN.md, "The work queue").
-- An action is one thing a person should do for an account: raised by a rule of the rule pack
-- (rule = its id) or typed by a person (rule = 'manual'). dedupe_key names the occurrence of the
-- condition that raised it (a renewal date, a survey answer, the last touch): a rule keeps at
-- most one open or snoozed action per account, and a closed one comes back only for a new key.
-- steps is a JSON list of {"title", "done"}; why_data the figures behind `why` (JSON object).

CREATE TABLE actions (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    rule           TEXT NOT NULL,
    dedupe_key     TEXT NOT NULL DEFAULT '',
    owner_role     TEXT NOT NULL CHECK (owner_role IN ('cs', 'am', 'support', 'cx')),
    owner_id       INTEGER REFERENCES people (id) ON DELETE SET NULL,
    informed_role  TEXT CHECK (informed_role IS NULL OR informed_role IN ('cs', 'am', 'support', 'cx')),
    title          TEXT NOT NULL,
    why            TEXT NOT NULL DEFAULT '',
    why_data       TEXT,
    due            TEXT NOT NULL,
    priority       TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
    state          TEXT NOT NULL DEFAULT 'open'
                   CHECK (state IN ('open', 'snoozed', 'done', 'dismissed')),
    snoozed_until  TEXT,
    closed_on      TEXT,
    closed_by      TEXT CHECK (closed_by IS NULL OR closed_by IN ('person', 'rules')),
    note           TEXT,
    dismiss_reason TEXT,
    risk_reason    TEXT,
    event_id       INTEGER REFERENCES events (id) ON DELETE SET NULL,
    opportunity_id INTEGER REFERENCES opportunities (id) ON DELETE SET NULL,
    steps          TEXT NOT NULL DEFAULT '[]',
    language       TEXT,           -- the language title, why and steps were worded in
    created_on     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX actions_account_rule ON actions (account_id, rule);
CREATE INDEX actions_state_due ON actions (state, due);
-- The rule engine's promise, kept by the file too: one open (or snoozed) action per rule and account.
CREATE UNIQUE INDEX actions_one_open ON actions (account_id, rule)
    WHERE state IN ('open', 'snoozed') AND rule <> 'manual';

-- Risk: why an account may be lost (a reason from resources/desk/risk_reasons.toml) and where
-- its rescue stands; risk_stages keeps each stage's start, so the days spent in each are known.
CREATE TABLE risks (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    action_id  INTEGER REFERENCES actions (id) ON DELETE SET NULL,
    reason     TEXT NOT NULL,
    stage      TEXT NOT NULL DEFAULT 'at_risk'
               CHECK (stage IN ('at_risk', 'plan', 'saving', 'recovered', 'lost')),
    note       TEXT,
    opened_on  TEXT NOT NULL
) STRICT;
CREATE INDEX risks_account ON risks (account_id);

CREATE TABLE risk_stages (
    risk_id INTEGER NOT NULL REFERENCES risks (id) ON DELETE CASCADE,
    stage   TEXT NOT NULL,
    since   TEXT NOT NULL,
    PRIMARY KEY (risk_id, since, stage)
) STRICT, WITHOUT ROWID;

-- What an account looked like when a QBR was exported: the next QBR's "what changed" compares
-- with the latest snapshot before it. figures is a JSON object (health and components, MRR,
-- usage, tickets, NPS, open risks).
CREATE TABLE qbr_snapshots (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    quarter    TEXT NOT NULL,
    taken_on   TEXT NOT NULL,
    figures    TEXT NOT NULL
) STRICT;
CREATE INDEX qbr_snapshots_account ON qbr_snapshots (account_id, taken_on);
