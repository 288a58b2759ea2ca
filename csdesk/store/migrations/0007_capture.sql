-- csdesk workspace: touches captured from calendar and mail files.
-- An account's web domain (accounts.domain, 0006) matches the people a meeting or an e-mail
-- involves to the account when they are not known contacts yet. A captured event keeps
-- where it came from (source_key: the calendar UID and occurrence start, or the Message-ID),
-- so that a later export of the same calendar adds only what is new and updates what changed. Which contacts
-- took part in a touch is kept too: a stakeholder's last touch and how many there were.

CREATE INDEX accounts_domain ON accounts (domain);

ALTER TABLE events ADD COLUMN source_key TEXT;
CREATE UNIQUE INDEX events_source_key ON events (account_id, source_key)
    WHERE source_key IS NOT NULL;

CREATE TABLE event_contacts (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, contact_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_contacts_contact ON event_contacts (contact_id);
CREATE INDEX contacts_email ON contacts (email COLLATE NOCASE);
