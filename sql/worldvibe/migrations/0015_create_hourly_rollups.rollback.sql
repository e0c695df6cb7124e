-- What: undoes 0015: drops worldvibe.hourly_rollups.
-- Why: the functions and views using it are repeatable objects, taken down first.

DROP TABLE worldvibe.hourly_rollups;
