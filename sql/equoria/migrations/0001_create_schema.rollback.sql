-- What: drops the equoria schema created by 0001_create_schema.sql.
-- Why:  undoes 0001; every object inside it has been dropped by the later rollbacks,
--       so no CASCADE is used (a leftover object makes this fail loudly).

DROP SCHEMA equoria;
