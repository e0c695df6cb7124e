-- What: drops the user_management schema (undoes V001).
-- Why:  every object in it was dropped by the undo files of later migrations; RESTRICT (the
--       default) makes a forgotten object an error instead of a silent cascade.

DROP SCHEMA user_management;
