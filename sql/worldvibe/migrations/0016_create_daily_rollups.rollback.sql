-- What: undoes 0016: drops worldvibe.daily_rollups.
-- Why: the functions and views using it are repeatable objects, taken down first.

DROP TABLE worldvibe.daily_rollups;
