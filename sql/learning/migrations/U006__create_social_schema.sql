-- What: drops the social schema (undoes V006).
-- Why:  every object in it was dropped by the undo files of later migrations; RESTRICT (the
--       default) makes a forgotten object an error instead of a silent cascade.

DROP SCHEMA social;
