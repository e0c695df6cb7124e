-- What: drops equoria.disciplines and its rows.
-- Why:  undoes 0004.

DROP TABLE equoria.disciplines;
