-- What: undoes 0005: drops worldvibe.pseudonym_keys (and with it the key).
-- Why: the rows hashed with it are dropped by the later rollbacks that run before this one.

DROP TABLE worldvibe.pseudonym_keys;
