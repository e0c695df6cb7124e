-- What: undoes 0004: drops worldvibe.settings.
-- Why: nothing older than this migration uses it.

DROP TABLE worldvibe.settings;
