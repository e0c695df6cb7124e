-- What: undoes 0014: drops worldvibe.rollup_invalidations.
-- Why: the trigger writing it is a repeatable object, taken down before any versioned rollback.

DROP TABLE worldvibe.rollup_invalidations;
