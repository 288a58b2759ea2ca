-- An account's web domain (a CRM's Website, or an e-mail domain), and an opportunity's
-- probability (a fraction, 0-1), as CRM exports carry them.
ALTER TABLE accounts ADD COLUMN domain TEXT;

ALTER TABLE opportunities ADD COLUMN probability REAL
    CHECK (probability IS NULL OR probability BETWEEN 0 AND 1);
