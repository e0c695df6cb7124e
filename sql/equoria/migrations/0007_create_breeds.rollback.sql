-- What: drops equoria.breeds.
-- Why:  undoes 0007.

DROP TABLE equoria.breeds;
