-- What: drops equoria.foal_development with its policies and grants.
-- Why:  undoes 0016.

DROP TABLE equoria.foal_development;
