-- What: undoes 0009: drops worldvibe.privacy_consents and its indexes.
-- Why: the consent records go with the database's data; nothing older than 0009 uses them.

DROP TABLE worldvibe.privacy_consents;
