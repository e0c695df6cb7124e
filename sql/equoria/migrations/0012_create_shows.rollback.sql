-- What: drops equoria.shows with its indexes and grants.
-- Why:  undoes 0012.

DROP TABLE equoria.shows;
