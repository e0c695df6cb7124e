-- What: drops equoria.horses with its indexes, policies and grants.
-- Why:  undoes 0010.

DROP TABLE equoria.horses;
