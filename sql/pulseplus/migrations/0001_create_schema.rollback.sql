-- What: drops the schema pulseplus created by 0001.
-- Why:  undoes 0001. RESTRICT (the default) on purpose: every later rollback has removed its
--       objects by now, and anything left over should stop the rollback rather than vanish.

DROP SCHEMA pulseplus;
