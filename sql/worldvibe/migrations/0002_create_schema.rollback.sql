-- What: undoes 0002: drops the schema worldvibe.
-- Why: by the time this runs every later rollback has removed the objects inside it; no CASCADE,
--      so a leftover object makes the rollback fail loudly instead of vanishing.

DROP SCHEMA worldvibe;
