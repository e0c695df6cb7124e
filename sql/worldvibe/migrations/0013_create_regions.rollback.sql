-- What: undoes 0013: drops worldvibe.regions.
-- Why: the rollup tables referencing it are dropped by later rollbacks that run first.

DROP TABLE worldvibe.regions;
