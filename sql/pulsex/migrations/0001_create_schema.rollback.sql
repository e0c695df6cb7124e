-- What: drops the schema pulsex created by 0001.
-- Why: undoes 0001. RESTRICT (the default) on purpose: by the time this runs every later
--      rollback has removed its objects, and anything left over should stop the rollback.

DROP SCHEMA pulsex;
