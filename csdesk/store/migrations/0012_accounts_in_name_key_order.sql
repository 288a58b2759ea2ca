-- csdesk workspace, schema version 12 (issue 14): accounts are listed in the order people look
-- them up, by their name key (accents, case, punctuation and legal suffixes ignored, what
-- imports match accounts on), then by id: "Ágil" with the As, not after "Zeta" as the
-- code-point order of the names put it. The index hands the list over in that order with
-- the names, so opening 100,000 accounts neither sorts nor checks them; it also serves the
-- lookups by name key that accounts_name_key served.
DROP INDEX accounts_name_order;
DROP INDEX accounts_name_key;
CREATE INDEX accounts_name_key_order ON accounts (name_key, id, name);
