-- What: drops equoria.traits and its rows.
-- Why:  undoes 0005.

DROP TABLE equoria.traits;
