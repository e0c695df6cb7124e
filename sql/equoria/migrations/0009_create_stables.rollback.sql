-- What: drops equoria.stables with its policies and grants.
-- Why:  undoes 0009.

DROP TABLE equoria.stables;
